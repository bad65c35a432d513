package dev.ganboard.worker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ganboard.metrics.io.NpyDtype;
import dev.ganboard.worker.Samples;
import dev.ganboard.worker.cli.GanboardCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ganboard eval}: the worker's suite on a local file. */
class EvalCommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = GanboardCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void evaluatesASamplesFileLikeTheWorker() throws Exception {
        Path file = Files.write(dir.resolve("s.npy"), Samples.npy(Samples.ring8(1000, 1, 1, 2, 3), 2, NpyDtype.FLOAT32));
        Run r = run("eval", file.toString(), "--dataset", "ring8");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("identity", json.get("extractor").asText());
        assertEquals(1000, json.get("sample_count").asInt());
        assertEquals(3, json.get("metrics").get("modes_covered").asInt());
        assertTrue(json.get("metrics").get("collapsed").asBoolean());
    }

    @Test
    void unsupportedInputIsABadInputExitWithTheReason() throws Exception {
        Path file = Files.write(dir.resolve("s.npy"), Samples.npy(Samples.ring8(100, 1), 2, NpyDtype.FLOAT32));
        Run r = run("eval", file.toString(), "--dataset", "cifar10");
        assertEquals(GanboardCli.EXIT_BAD_INPUT, r.code());
        assertEquals("ganboard eval: error: dataset 'cifar10' is not supported by this worker yet (supported: ring8, "
                + "grid25, fashion-mnist, mnist, npy:/path/images.npy, folder:/path/dir)", r.err().strip());
        Run torch = run("eval", file.toString(), "--dataset", "ring8", "--kind", "torchscript", "--meta",
                "latent_size=4");
        assertEquals(GanboardCli.EXIT_BAD_INPUT, torch.code());
        assertTrue(torch.err().contains(": not a TorchScript file (torch.jit.save writes a zip archive"), torch.err());
    }

    /** Two classes of 8x8 images: class 0 bright in the top half, class 1 in the bottom half, with noise. */
    private static double[] halves(int n, long seed, double low, double high, int[] labels) {
        java.util.Random rng = new java.util.Random(seed);
        double[] x = new double[n * 64];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            for (int p = 0; p < 64; p++) {
                boolean bright = (p < 32) == (labels[i] == 0);
                double u = (bright ? 0.8 : 0.1) + 0.1 * rng.nextDouble();
                x[i * 64 + p] = low + u * (high - low);
            }
        }
        return x;
    }

    @Test
    void evaluatesImageSamplesAgainstAUserDatasetAndPrintsJson() throws Exception {
        int[] realLabels = new int[140];
        double[] real = halves(140, 1, 0, 255, realLabels);
        dev.ganboard.metrics.io.NpyWriter.write(dir.resolve("real.npy"), java.util.Arrays.stream(real)
                .map(Math::rint).toArray(), new long[] {140, 8, 8}, NpyDtype.UINT8);
        dev.ganboard.metrics.io.NpyWriter.write(dir.resolve("real.labels.npy"), java.util.Arrays.stream(realLabels)
                .asDoubleStream().toArray(), new long[] {140}, NpyDtype.INT64);
        int[] labels = new int[60];
        double[] fake = halves(60, 2, -1, 1, labels);
        java.util.Map<String, dev.ganboard.metrics.io.NpyArray> npz = new java.util.LinkedHashMap<>();
        npz.put("samples", new dev.ganboard.metrics.io.NpyArray(new long[] {60, 1, 8, 8}, NpyDtype.FLOAT32, fake));
        npz.put("labels", new dev.ganboard.metrics.io.NpyArray(new long[] {60}, NpyDtype.INT64,
                java.util.Arrays.stream(labels).asDoubleStream().toArray()));
        Path file = dir.resolve("fake.npz");
        dev.ganboard.metrics.io.NpzFile.write(file, npz);

        String dataset = "npy:" + dir.resolve("real.npy");
        Run r = run("eval", file.toString(), "--dataset", dataset, "--gan-train", "false", "--cache-dir",
                dir.resolve("cache").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("domain-cnn:" + dataset, json.get("extractor").asText());
        assertEquals(60, json.get("sample_count").asInt());
        JsonNode m = json.get("metrics");
        assertEquals(2, m.get("classes_covered").asInt());
        assertEquals(1.0, m.get("gan_test").asDouble(), 0.05);
        assertTrue(m.has("fid") && m.has("kid") && m.has("is") && m.has("memorisation_ratio"), m.toString());
        assertTrue(m.get("details").get("samples").get("dtype").asText().contains("[-1, 1] (inferred"),
                m.get("details").get("samples").toString());
        assertTrue(r.err().contains("domain-classifier training: 1200 / 1200"), r.err());
        assertTrue(Files.list(dir.resolve("cache").resolve("domain-cnn")).anyMatch(p -> p.toString().endsWith(".params")));
    }
}
