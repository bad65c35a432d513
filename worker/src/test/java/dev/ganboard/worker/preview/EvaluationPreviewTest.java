package dev.ganboard.worker.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.worker.dataset.Datasets;
import dev.ganboard.worker.EvaluationInput;
import dev.ganboard.worker.EvaluationReport;
import dev.ganboard.worker.GeneratedSamples;
import dev.ganboard.worker.eval.SamplesEvaluator;
import dev.ganboard.worker.features.FeatureExtractors;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The suite attaches the preview to its report: a collapsed generator's plot shows the real modes it missed. */
class EvaluationPreviewTest {
    @Test
    void aCollapsedRing8GeneratorsPreviewShowsTheMissedModesInReferenceGrey() throws Exception {
        int n = 2000;
        double[] x = new double[2 * n];
        Random rng = new Random(5);
        for (int i = 0; i < n; i++) {           // only mode 0, at (1, 0)
            x[2 * i] = 1 + 0.01 * rng.nextGaussian();
            x[2 * i + 1] = 0.01 * rng.nextGaussian();
        }
        SamplesEvaluator evaluator = new SamplesEvaluator(Datasets.standard(), FeatureExtractors.standard(), 50_000);
        EvaluationReport report = evaluator.evaluateSamples(
                new EvaluationInput(Path.of("unused"), "checkpoint 1 (step 1)", "ring8", Map.of()),
                GeneratedSamples.points(new DenseMatrix("g", n, 2, x), n, "float64"));
        assertNotNull(report.preview(), "the report carries a preview");
        assertTrue(report.preview().length < SamplePreview.MAX_BYTES);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(report.preview()));
        DenseMatrix reference = Datasets.standard().find("ring8").reference(n);
        ScatterPlot axes = ScatterPlot.axesOf(reference);
        int gx = (int) Math.floor(axes.pixelX(1));
        int gy = (int) Math.floor(axes.pixelY(0));
        assertEquals(ScatterPlot.GENERATED.getRGB(), image.getRGB(gx, gy), "the covered mode is blue");
        int mx = (int) Math.floor(axes.pixelX(-1));
        int my = (int) Math.floor(axes.pixelY(0));
        assertEquals(ScatterPlot.REFERENCE.getRGB(), image.getRGB(mx, my), "the missed mode (-1, 0) is grey");
    }
}
