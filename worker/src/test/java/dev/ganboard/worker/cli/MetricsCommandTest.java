package dev.ganboard.worker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ganboard.metrics.io.NpyDtype;
import dev.ganboard.metrics.io.NpyWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsCommandTest {
    @TempDir
    Path dir;

    Path npy(String name, int n, int d, java.util.function.IntToDoubleFunction f) throws IOException {
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = f.applyAsDouble(i);
        }
        Path p = dir.resolve(name);
        NpyWriter.write(p, x, new long[] {n, d}, NpyDtype.FLOAT64);
        return p;
    }

    Path compareGan(String name, boolean real) throws IOException {
        double[] x = new double[200];
        for (int i = 0; i < 100; i++) {
            x[2 * i] = real ? (i < 50 ? 2 : 1) : (i >= 50 ? 2 : 9);
            x[2 * i + 1] = real ? 1 : 9;
        }
        Path p = dir.resolve(name);
        NpyWriter.write(p, x, new long[] {100, 2}, NpyDtype.FLOAT32);
        return p;
    }

    static double wavy(int i, double a, double b, int d) {
        int row = i / d;
        int col = i % d;
        return (row * a + col * b + row * col * 0.1) % 1.0;
    }

    @Test
    void fidPrintsOneJsonObject() throws IOException {
        CliRun r = CliRun.of("metrics", "fid", compareGan("r.npy", true).toString(),
                compareGan("g.npy", false).toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = r.json();
        assertEquals(89.0909090909091, j.get("fid").asDouble(), 1e-10);
        assertEquals(100, j.get("n_real").asInt());
        assertEquals(100, j.get("n_fake").asInt());
        assertEquals(2, j.get("dim").asInt());
        assertEquals(1, j.get("cov_ddof").asInt());
        assertTrue(j.get("warnings").size() > 0);
        assertEquals(1, r.out().strip().lines().count());
    }

    @Test
    void fidFromStoredStatistics() throws IOException {
        Path real = npy("real.npy", 40, 3, i -> wavy(i, 0.618, 0.414, 3));
        Path fake = npy("fake.npy", 50, 3, i -> wavy(i, 0.732, 0.236, 3) * 2);
        Path stats = dir.resolve("real.npz");
        CliRun saved = CliRun.of("metrics", "stats", real.toString(), "--out", stats.toString());
        assertEquals(0, saved.exitCode(), saved.err());
        assertEquals(40, saved.json().get("n").asInt());
        double direct = CliRun.of("metrics", "fid", real.toString(), fake.toString()).json().get("fid").asDouble();
        CliRun viaStats = CliRun.of("metrics", "fid", stats.toString(), fake.toString());
        assertEquals(0, viaStats.exitCode(), viaStats.err());
        assertEquals(direct, viaStats.json().get("fid").asDouble(), 0);
        assertEquals(40, viaStats.json().get("n_real").asInt());
    }

    @Test
    void isOfOneHotBalancedClassesIsK() throws IOException {
        Path probs = npy("p.npy", 100, 5, i -> (i / 5) % 5 == i % 5 ? 1.0 : 0.0);
        CliRun r = CliRun.of("metrics", "is", probs.toString(), "--splits", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(5.0, r.json().get("is_mean").asDouble(), 1e-12);
        assertEquals(0.0, r.json().get("is_std").asDouble(), 0);
        CliRun tenSplits = CliRun.of("metrics", "is", probs.toString(), "--seed", "3");
        assertEquals(10, tenSplits.json().get("splits").asInt());
        assertEquals(3, tenSplits.json().get("seed").asInt());
    }

    @Test
    void kidExactOnAllSamples() throws IOException {
        Path real = npy("real.npy", 30, 4, i -> wavy(i, 0.618, 0.414, 4));
        Path fake = npy("fake.npy", 30, 4, i -> wavy(i, 0.732, 0.236, 4) + 0.3);
        CliRun r = CliRun.of("metrics", "kid", real.toString(), fake.toString(), "--subsets", "1",
                "--subset-size", "30");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.json().get("kid_mean").asDouble() > 0);
        assertEquals(0.0, r.json().get("kid_std").asDouble(), 0);
        assertEquals(30, r.json().get("subset_size").asInt());
    }

    @Test
    void prdcOfIdenticalSetsIsPerfect() throws IOException {
        Path x = npy("x.npy", 60, 3, i -> wavy(i, 0.618, 0.414, 3));
        CliRun r = CliRun.of("metrics", "prdc", x.toString(), x.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = r.json();
        assertEquals(1.0, j.get("precision").asDouble());
        assertEquals(1.0, j.get("recall").asDouble());
        assertEquals(1.0, j.get("coverage").asDouble());
        assertTrue(j.has("density"));
        assertEquals(3, j.get("k_pr").asInt());
        assertEquals(5, j.get("k_dc").asInt());
    }

    @Test
    void modesOnTheRing() throws IOException {
        Path s = npy("s.npy", 16, 2, i -> {
            int mode = (i / 2) % 8;
            double a = 2 * Math.PI * mode / 8;
            return i % 2 == 0 ? Math.cos(a) : Math.sin(a);
        });
        CliRun r = CliRun.of("metrics", "modes", "--mixture", "ring8", s.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(8, r.json().get("modes_covered").asInt());
        assertEquals(1.0, r.json().get("hq_fraction").asDouble());
        assertEquals(0.0, r.json().get("kl_uniform").asDouble(), 1e-12);
        Path far = npy("far.npy", 2, 2, i -> 10.0);
        CliRun none = CliRun.of("metrics", "modes", "--mixture", "grid25", far.toString());
        assertTrue(none.json().get("kl_uniform").isNull());
    }
}
