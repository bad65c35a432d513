package dev.ganboard.worker.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.worker.DivergedSamples;
import dev.ganboard.worker.EvaluationFailure;
import dev.ganboard.worker.EvaluationInput;
import dev.ganboard.worker.EvaluationReport;
import dev.ganboard.worker.wiring.Evaluators;
import dev.ganboard.worker.GeneratedSamples;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixtures of src/test/resources/torchscript (made by make_fixtures.py) through the real libtorch. */
class TorchScriptEvaluatorTest {
    private static final String LABEL = "checkpoint 7 (step 100)";

    @TempDir
    Path dir;

    private Path fixture(String name) throws IOException {
        Path file = dir.resolve(name + ".blob");
        try (InputStream in = getClass().getResourceAsStream("/torchscript/" + name + ".pt")) {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    private static EvaluationInput input(Path blob, String dataset, Map<String, Object> metadata) {
        return new EvaluationInput(blob, LABEL, dataset, metadata);
    }

    /** Captures what the evaluator hands to the suite instead of running it (the image suite is not here). */
    private static final class CapturingSuite implements SampleSuite {
        final List<GeneratedSamples> received = new ArrayList<>();

        @Override
        public EvaluationReport evaluate(EvaluationInput input, GeneratedSamples samples) {
            received.add(samples);
            return new EvaluationReport("captured", samples.samples().rows(), Map.of("details", Map.of()));
        }
    }

    @Test
    void theRing8GeneratorCoversAllEightModesThroughTheRealSuite() throws Exception {
        EvaluationReport r = Evaluators.standard(50_000, dev.ganboard.worker.ImageSettings.fromEnvironment(), 2_000).forKind("torchscript")
                .evaluate(input(fixture("ring8_points"), "ring8", Map.of("latent_size", 4)));
        Map<String, Object> m = r.metrics();
        assertEquals(2_000, r.sampleCount(), "the worker's default sample count");
        assertEquals(8, m.get("modes_covered"), m.toString());
        assertEquals(false, m.get("collapsed"));
        // sigma 0.01 around each centre, like the reference: within 3 sigma for 1 - exp(-4.5) = 98.9 %
        assertTrue((double) m.get("hq_fraction") > 0.97, m.toString());
        assertTrue((double) m.get("kl_uniform") < 0.01, m.toString());
        assertTrue((double) m.get("fid") < 0.01, m.toString());
        assertTrue((double) m.get("precision") > 0.9 && (double) m.get("recall") > 0.9, m.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> g = (Map<String, Object>) ((Map<String, Object>) m.get("details")).get("generator");
        assertEquals("cpu()", g.get("device"));
        assertEquals(0L, g.get("seed"));
        assertEquals(2_000, g.get("n_samples"));
    }

    @Test
    void samplingIsSeededAndIndependentOfTheBatchSize() throws Exception {
        Path blob = fixture("ring8_points");
        CapturingSuite suite = new CapturingSuite();
        TorchScriptEvaluator evaluator = new TorchScriptEvaluator(suite, 1_000, 50_000);
        evaluator.evaluate(input(blob, "ring8", Map.of("latent_size", 4, "seed", 42, "batch_size", 64)));
        evaluator.evaluate(input(blob, "ring8", Map.of("latent_size", 4, "seed", "42", "batch_size", 1000)));
        evaluator.evaluate(input(blob, "ring8", Map.of("latent_size", 4, "seed", 43)));
        double[] a = suite.received.get(0).samples().data();
        assertArrayEquals(a, suite.received.get(1).samples().data());
        assertFalse(java.util.Arrays.equals(a, suite.received.get(2).samples().data()), "another seed, other z");
        // the generator adds 0.01 * z[2:4] to a mode centre: z of sample 0 is the first 4 normals of SplitMix64(42)
        var rng = new dev.ganboard.metrics.core.SplitMix64(42);
        float[] z = new float[4];
        for (int i = 0; i < 4; i++) {
            z[i] = (float) rng.nextGaussian();
        }
        double angle = Math.round(Math.atan2(z[1], z[0]) / (Math.PI / 4)) * (Math.PI / 4);
        assertEquals(Math.cos(angle) + 0.01 * z[2], a[0], 1e-5);
        assertEquals(Math.sin(angle) + 0.01 * z[3], a[1], 1e-5);
        GeneratedSamples s = suite.received.get(0);
        assertFalse(s.images());
        assertNull(s.labels());
        assertEquals(1_000, s.totalRows());
    }

    @Test
    void theConditionalImageGeneratorGivesBalancedLabelledImagesInTheUnitRange() throws Exception {
        CapturingSuite suite = new CapturingSuite();
        List<long[]> progress = new ArrayList<>();
        EvaluationInput in = new EvaluationInput(fixture("cond_images"), LABEL, "fashion-mnist",
                Map.of("latent_size", 8, "num_classes", 10, "n_samples", 1_005, "batch_size", 200),
                (stage, done, total) -> progress.add(new long[] {done, total}));
        new TorchScriptEvaluator(suite, 10_000, 50_000).evaluate(in);

        GeneratedSamples s = suite.received.getFirst();
        DenseMatrix m = s.samples();
        assertEquals(1_005, m.rows());
        assertEquals(784, m.cols());
        assertArrayEquals(new int[] {1, 28, 28}, s.imageShape());
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double v : m.data()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertTrue(min >= 0 && max <= 1, min + " .. " + max);
        assertTrue(min < 0.1 && max > 0.9, "tanh outputs mapped from [-1, 1] use the range: " + min + " .. " + max);
        int[] perClass = new int[10];
        for (int i = 0; i < s.labels().length; i++) {
            assertEquals(i % 10, s.labels()[i]);
            perClass[s.labels()[i]]++;
        }
        assertArrayEquals(new int[] {101, 101, 101, 101, 101, 100, 100, 100, 100, 100}, perClass);
        // 4x4 blocks of the 7x7 pattern: an upsampled image repeats each value over its block
        assertEquals(m.get(0, 0), m.get(0, 3 * 28 + 3), 1e-7);
        assertEquals(List.of(200L, 400L, 600L, 800L, 1000L, 1005L), progress.stream().map(p -> p[0]).toList());
        assertTrue(progress.stream().allMatch(p -> p[1] == 1_005));
    }

    @Test
    void nSamplesIsCappedByTheWorkersMaximum() throws Exception {
        CapturingSuite suite = new CapturingSuite();
        EvaluationReport r = new TorchScriptEvaluator(suite, 10_000, 300).evaluate(
                input(fixture("ring8_points"), "ring8", Map.of("latent_size", 4, "n_samples", 100_000)));
        assertEquals(300, suite.received.getFirst().samples().rows());
        @SuppressWarnings("unchecked")
        Map<String, Object> g = (Map<String, Object>) ((Map<String, Object>) r.metrics().get("details"))
                .get("generator");
        assertEquals(300, g.get("n_samples"));
        assertTrue(g.containsKey("n_samples_capped"));
    }

    private String failure(String fixture, Map<String, Object> metadata) throws IOException {
        CapturingSuite suite = new CapturingSuite();
        Path blob = fixture(fixture);
        EvaluationFailure e = assertThrows(EvaluationFailure.class,
                () -> new TorchScriptEvaluator(suite, 1_000, 50_000).evaluate(input(blob, "ring8", metadata)));
        assertTrue(suite.received.isEmpty(), "nothing reaches the suite");
        return e.getMessage();
    }

    @Test
    void nanOutputsMakeTheCheckpointDivergedCountedOverAllSamples() throws Exception {
        // column 0 of every 4th sample of a batch is NaN: 250 of 1000 samples in two batches of 500
        CapturingSuite suite = new CapturingSuite();
        Path blob = fixture("nan_points");
        DivergedSamples d = assertThrows(DivergedSamples.class, () -> new TorchScriptEvaluator(suite, 1_000, 50_000)
                .evaluate(input(blob, "ring8", Map.of("latent_size", 2))));
        assertTrue(suite.received.isEmpty(), "nothing reaches the suite");
        assertEquals(LABEL + ": diverged: 250 of 1000 samples (25 %) are not finite (250 NaN and 0 infinite values), "
                + "the first is sample 0", d.getMessage());
        assertEquals(0.25, d.nonFiniteFraction());
        assertEquals(1000, d.samples());
    }

    @Test
    void aWrongOutputShapeNamesTheShapeReceivedAndExpected() throws Exception {
        assertEquals(LABEL + ": wrong output shape [500] for a batch of 500 latent vectors; expected "
                + "[500, C, H, W] or [500, H, W] (images) or [500, D] (points)",
                failure("wrong_shape", Map.of("latent_size", 4)));
    }

    @Test
    void outputsOutsideTheDeclaredRangeFail() throws Exception {
        String m = failure("out_of_range", Map.of("latent_size", 8, "n_samples", 50));
        assertTrue(m.startsWith(LABEL + ": the generator's output is outside the declared output_range -1,1: "), m);
        assertTrue(m.contains(" of the 39200 values of samples 0..49 lie beyond [-1.10, 1.10] (min -3.000, max 3.000)"),
                m);
        String zeroOne = failure("cond_images", Map.of("latent_size", 8, "num_classes", 10,
                "output_range", "0,1", "n_samples", 50));
        assertTrue(zeroOne.contains("outside the declared output_range 0,1"), zeroOne);
    }

    @Test
    void aFileThatIsNotTorchScriptFailsBeforeLibtorch() throws Exception {
        assertEquals(LABEL + ": not a TorchScript file (torch.jit.save writes a zip archive; this file starts with "
                + "74 68 69 73 20 69 73 20 \"this is \")", failure("not_torchscript", Map.of("latent_size", 4)));
        Path zip = dir.resolve("weights.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("archive/data.pkl"));
            out.write(new byte[] {1, 2, 3});
        }
        EvaluationFailure e = assertThrows(EvaluationFailure.class, () -> new TorchScriptEvaluator(
                new CapturingSuite(), 10, 10).evaluate(input(zip, "ring8", Map.of("latent_size", 4))));
        assertTrue(e.getMessage().startsWith(LABEL + ": does not load as a TorchScript module"), e.getMessage());
    }

    @Test
    void aConditionalGeneratorWithoutNumClassesFailsInForward() throws Exception {
        String m = failure("cond_images", Map.of("latent_size", 8));
        assertTrue(m.startsWith(LABEL + ": the generator's forward(z) failed on a batch of 500: "), m);
        String wrongLatent = failure("ring8_points", Map.of("latent_size", 1));
        assertTrue(wrongLatent.startsWith(LABEL + ": the generator's forward(z) failed"), wrongLatent);
    }

    @Test
    void missingOrInvalidMetadataIsNamed() throws Exception {
        assertEquals(LABEL + ": metadata 'latent_size' is required for a torchscript checkpoint (the length of z, "
                + "e.g. \"latent_size\": 128)", failure("ring8_points", Map.of()));
        assertEquals(LABEL + ": metadata 'latent_size' must be a whole number, got \"four\"",
                failure("ring8_points", Map.of("latent_size", "four")));
        assertEquals(LABEL + ": metadata 'latent_size' must be between 1 and 65536, got 0",
                failure("ring8_points", Map.of("latent_size", 0)));
        assertEquals(LABEL + ": metadata 'n_samples' must be at least 1, got -5",
                failure("ring8_points", Map.of("latent_size", 4, "n_samples", -5)));
        assertEquals(LABEL + ": metadata 'num_classes' must be a whole number, got 2.5",
                failure("ring8_points", Map.of("latent_size", 4, "num_classes", 2.5)));
        Map<String, Object> badRange = new HashMap<>(Map.of("latent_size", 4, "output_range", "1,-1"));
        assertEquals(LABEL + ": metadata 'output_range' must be [low, high] with low < high, e.g. \"-1,1\" or "
                + "[0, 1], got \"1,-1\"", failure("ring8_points", badRange));
        assertEquals(LABEL + ": metadata 'latent_dim' must be between 1 and 65536, got 0",
                failure("ring8_points", Map.of("latent_dim", 0)), "the SDKs' name for latent_size is read too");
    }
}
