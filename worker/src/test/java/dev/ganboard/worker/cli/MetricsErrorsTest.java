package dev.ganboard.worker.cli;

import dev.ganboard.metrics.io.NpyDtype;
import dev.ganboard.metrics.io.NpyWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input: a non-zero exit, nothing on stdout, and a message on stderr that names the problem. */
class MetricsErrorsTest {
    @TempDir
    Path dir;

    Path npy(String name, long[] shape, double... values) throws IOException {
        Path p = dir.resolve(name);
        NpyWriter.write(p, values, shape, NpyDtype.FLOAT64);
        return p;
    }

    Path good(String name, int n, int d) throws IOException {
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 0.618034 + (i % 7) * 0.1) % 1.0;
        }
        return npy(name, new long[] {n, d}, x);
    }

    static void assertFails(CliRun r, String... fragments) {
        assertEquals(GanboardCli.EXIT_BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.out().isEmpty(), r.out());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "stderr lacks '" + f + "': " + r.err());
        }
    }

    @Test
    void missingFile() throws IOException {
        Path missing = dir.resolve("nope.npy");
        assertFails(CliRun.of("metrics", "fid", missing.toString(), good("g.npy", 10, 2).toString()),
                "nope.npy", "no such file");
    }

    @Test
    void unreadableFile() throws IOException {
        Path junk = dir.resolve("junk.npy");
        Files.writeString(junk, "hello", StandardCharsets.US_ASCII);
        assertFails(CliRun.of("metrics", "kid", junk.toString(), good("g.npy", 10, 2).toString()),
                "junk.npy", "not a .npy file");
    }

    @Test
    void wrongShape() throws IOException {
        Path flat = npy("flat.npy", new long[] {6}, 1, 2, 3, 4, 5, 6);
        assertFails(CliRun.of("metrics", "fid", flat.toString(), good("g.npy", 10, 2).toString()),
                "flat.npy", "wrong shape (6,)", "[N, D]");
        assertFails(CliRun.of("metrics", "modes", "--mixture", "ring8", good("three.npy", 10, 3).toString()),
                "three.npy", "[N, 2]");
    }

    @Test
    void dimensionMismatch() throws IOException {
        String a = good("a.npy", 20, 3).toString();
        String b = good("b.npy", 20, 4).toString();
        assertFails(CliRun.of("metrics", "fid", a, b), "dimension mismatch", "a.npy", "b.npy");
        assertFails(CliRun.of("metrics", "prdc", a, b), "dimension mismatch");
        assertFails(CliRun.of("metrics", "kid", a, b), "dimension mismatch");
    }

    @Test
    void nanAndInfNameTheRow() throws IOException {
        double[] x = new double[20];
        for (int i = 0; i < 20; i++) {
            x[i] = i * 0.37 % 1.0;
        }
        x[7 * 2 + 1] = Double.NaN;
        Path nan = npy("nan.npy", new long[] {10, 2}, x);
        assertFails(CliRun.of("metrics", "fid", good("g.npy", 10, 2).toString(), nan.toString()),
                "nan.npy", "NaN at row 7, column 1");
        x[7 * 2 + 1] = Double.NEGATIVE_INFINITY;
        Path inf = npy("inf.npy", new long[] {10, 2}, x);
        assertFails(CliRun.of("metrics", "prdc", good("g.npy", 10, 2).toString(), inf.toString()),
                "inf.npy", "infinite value -Infinity at row 7");
    }

    @Test
    void tooFewSamples() throws IOException {
        assertFails(CliRun.of("metrics", "fid", good("one.npy", 1, 4).toString(), good("g.npy", 10, 4).toString()),
                "one.npy", "too few samples");
        assertFails(CliRun.of("metrics", "prdc", good("three.npy", 3, 2).toString(), good("g.npy", 10, 2).toString()),
                "three.npy", "too few samples");
        assertFails(CliRun.of("metrics", "is", good("p.npy", 5, 2).toString()), "too few samples");
        assertFails(CliRun.of("metrics", "kid", good("a.npy", 20, 2).toString(), good("b.npy", 20, 2).toString(),
                "--subset-size", "50"), "too few samples");
    }

    @Test
    void notProbabilities() throws IOException {
        assertFails(CliRun.of("metrics", "is", good("logits.npy", 20, 3).toString(), "--splits", "1"),
                "logits.npy", "sums to");
    }

    @Test
    void unsupportedDtypeAndByteOrder() throws IOException {
        Path ints = dir.resolve("ints.npy");
        byte[] header = "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 2), }".getBytes(StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        int len = 118; // 10 + 118 = 128
        out.write(len & 0xFF);
        out.write(len >> 8);
        out.write(header);
        for (int i = header.length; i < len - 1; i++) {
            out.write(' ');
        }
        out.write('\n');
        out.write(new byte[16]);
        Files.write(ints, out.toByteArray());
        assertFails(CliRun.of("metrics", "fid", ints.toString(), ints.toString()), "ints.npy",
                "unsupported dtype '<i4'");
    }

    @Test
    void badOptions() throws IOException {
        String g = good("g.npy", 20, 2).toString();
        assertFails(CliRun.of("metrics", "is", g, "--splits", "0"), "splits must be positive");
        assertFails(CliRun.of("metrics", "modes", "--mixture", "ring9", g), "unknown mixture 'ring9'");
        CliRun usage = CliRun.of("metrics", "fid", g);
        assertEquals(GanboardCli.EXIT_BAD_INPUT, usage.exitCode());
        assertTrue(usage.err().contains("Missing required parameter"), usage.err());
        CliRun notANumber = CliRun.of("metrics", "kid", g, g, "--subsets", "many");
        assertEquals(GanboardCli.EXIT_BAD_INPUT, notANumber.exitCode());
    }
}
