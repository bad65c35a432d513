package dev.ganboard.worker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.metrics.core.InvalidInputException;
import dev.ganboard.metrics.io.NpyArray;
import dev.ganboard.metrics.io.NpyDtype;
import dev.ganboard.metrics.io.NpzFile;
import dev.ganboard.worker.DivergedSamples;
import dev.ganboard.worker.EvaluationFailure;
import dev.ganboard.worker.EvaluationInput;
import dev.ganboard.worker.EvaluationReport;
import dev.ganboard.worker.Samples;
import dev.ganboard.worker.dataset.Datasets;
import dev.ganboard.worker.features.FeatureExtractors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplesEvaluatorTest {
    @TempDir
    Path dir;

    private final SamplesEvaluator evaluator = new SamplesEvaluator(Datasets.standard(), FeatureExtractors.standard(),
            50_000);

    private EvaluationReport evaluate(byte[] npy, String dataset, Map<String, Object> metadata) throws Exception {
        Path blob = Files.write(dir.resolve("blob"), npy);
        return evaluator.evaluate(new EvaluationInput(blob, "checkpoint 9 (step 10)", dataset, metadata));
    }

    @Test
    void samplesFromTheRingCoverAllModesAndMatchTheReference() throws Exception {
        EvaluationReport r = evaluate(Samples.npy(Samples.ring8(2000, 3), 2, NpyDtype.FLOAT32), "ring8", Map.of());
        Map<String, Object> m = r.metrics();
        assertEquals(8, m.get("modes_covered"));
        // within 3 sigma of the centre in 2-D: 1 - exp(-4.5) = 0.989 of a perfect generator's samples
        assertTrue((double) m.get("hq_fraction") > 0.97, m.toString());
        assertTrue((double) m.get("kl_uniform") < 0.01, m.toString());
        assertTrue((double) m.get("fid") < 0.01, m.toString());
        assertTrue((double) m.get("precision") > 0.9 && (double) m.get("recall") > 0.9, m.toString());
        assertTrue((double) m.get("coverage") > 0.9, m.toString());
        assertEquals(2000, r.sampleCount());
        assertEquals("identity", r.extractor());
    }

    @Test
    void collapsedSamplesCoverTwoModesAndLoseRecall() throws Exception {
        EvaluationReport r = evaluate(Samples.npy(Samples.ring8(2000, 3, 2, 5), 2, NpyDtype.FLOAT64), "ring8", Map.of());
        Map<String, Object> m = r.metrics();
        assertEquals(2, m.get("modes_covered"));
        assertEquals(true, m.get("collapsed"));
        assertEquals(Math.log(4), (double) m.get("kl_uniform"), 0.01);
        assertTrue((double) m.get("recall") < 0.35, m.toString());
        assertTrue((double) m.get("coverage") < 0.35, m.toString());
        assertTrue((double) m.get("fid") > 0.5, m.toString());
    }

    @Test
    void theReferenceIsTheSameEveryTimeAndSmallerOnesArePrefixes() {
        var ring = Datasets.standard().find("ring8");
        var big = ring.reference(1000);
        var small = ring.reference(10);
        for (int i = 0; i < 20; i++) {
            assertEquals(big.data()[i], small.data()[i]);
        }
        assertEquals(big.data()[1999], Datasets.standard().find("ring8").reference(1000).data()[1999]);
    }

    @Test
    void gridSamplesAreEvaluatedOnTheGrid() throws Exception {
        double[] x = new double[2 * 500];
        for (int i = 0; i < 500; i++) {
            x[2 * i] = -4 + 2 * (i % 5);
            x[2 * i + 1] = -4 + 2 * ((i / 5) % 5);
        }
        EvaluationReport r = evaluate(Samples.npy(x, 2, NpyDtype.FLOAT64), "grid25", Map.of());
        assertEquals(25, r.metrics().get("modes_covered"));
        assertEquals(1.0, r.metrics().get("hq_fraction"));
    }

    @Test
    void nonFiniteSamplesAreDivergedWithTheFractionAndTheFirstOne() {
        var points = Samples.ring8(100, 1);
        points[35] = Double.NaN;
        points[2 * 40] = Double.POSITIVE_INFINITY;
        points[2 * 40 + 1] = Double.NaN;
        DivergedSamples d = assertThrows(DivergedSamples.class,
                () -> evaluate(Samples.npy(points, 2, NpyDtype.FLOAT32), "ring8", Map.of()));
        assertEquals("checkpoint 9 (step 10): diverged: 2 of 100 samples (2 %) are not finite (2 NaN and 1 infinite "
                + "values), the first is sample 17", d.getMessage());
        assertEquals(0.02, d.nonFiniteFraction());
        assertEquals(17, d.firstSample());
        assertEquals(true, d.metrics().get("diverged"));
        assertEquals(true, d.metrics().get("collapsed"));
        assertEquals(17, d.metrics().get("first_non_finite_sample"));
    }

    @Test
    void badSamplesAreRefusedNamingTheCheckpoint() {
        assertEquals("checkpoint 9 (step 10): wrong shape (100, 3): ring8 samples are 2-D points, shape [N, 2]",
                assertThrows(InvalidInputException.class, () -> evaluate(
                        Samples.npy(new double[300], 3, NpyDtype.FLOAT32), "ring8", Map.of())).getMessage());
        assertEquals("checkpoint 9 (step 10): not a .npy file (bad magic bytes)", assertThrows(
                InvalidInputException.class, () -> evaluate("hello, world".getBytes(), "ring8", Map.of())).getMessage());
        byte[] truncated = java.util.Arrays.copyOf(Samples.npy(Samples.ring8(100, 1), 2, NpyDtype.FLOAT32), 500);
        assertTrue(assertThrows(InvalidInputException.class, () -> evaluate(truncated, "ring8", Map.of()))
                .getMessage().startsWith("checkpoint 9 (step 10): truncated data: shape (100, 2) of float32 needs 800"));
        assertEquals("checkpoint 9 (step 10): too few samples: 5 rows, the evaluation suite needs at least 10",
                assertThrows(InvalidInputException.class, () -> evaluate(
                        Samples.npy(Samples.ring8(5, 1), 2, NpyDtype.FLOAT32), "ring8", Map.of())).getMessage());
        assertEquals("feature extractor 'inception-fid' is not available in this worker yet (available: identity)",
                assertThrows(EvaluationFailure.class, () -> evaluate(Samples.npy(Samples.ring8(100, 1), 2,
                        NpyDtype.FLOAT32), "ring8", Map.of("extractor", "inception-fid"))).getMessage());
    }

    @Test
    void anNpzWithSamplesAndLabelsIsRead() throws Exception {
        Map<String, NpyArray> members = new LinkedHashMap<>();
        members.put("samples", NpyArray.of(Samples.ring8(400, 2), 400, 2));
        members.put("labels", NpyArray.of(new double[400], 400));
        Path blob = dir.resolve("s.npz");
        NpzFile.write(blob, members);
        EvaluationReport r = evaluator.evaluate(new EvaluationInput(blob, "c", "ring8", null));
        assertEquals(8, r.metrics().get("modes_covered"));
    }

    @Test
    void onlyTheFirstMaxSamplesAreEvaluated() throws Exception {
        SamplesEvaluator capped = new SamplesEvaluator(Datasets.standard(), FeatureExtractors.standard(), 300);
        Path blob = Files.write(dir.resolve("blob"), Samples.npy(Samples.ring8(1000, 3), 2, NpyDtype.FLOAT32));
        EvaluationReport r = capped.evaluate(new EvaluationInput(blob, "c", "ring8", Map.of()));
        assertEquals(300, r.sampleCount());
        @SuppressWarnings("unchecked")
        Map<String, Object> samples = (Map<String, Object>) ((Map<String, Object>) r.metrics().get("details"))
                .get("samples");
        assertEquals(1000, samples.get("n_total"));
        assertEquals(300, samples.get("n_evaluated"));
    }
}
