package dev.ganboard.worker.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.worker.classifier.Progress;
import dev.ganboard.worker.dataset.ImageSet;
import dev.ganboard.worker.EvaluationFailure;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * inception-fid with a tiny TorchScript stand-in (resources/torchscript/tiny_feature_net.pt, made by the script
 * beside it): per channel, the means of the four quadrants of its 299 x 299 input.
 */
class InceptionExtractorTest {
    @TempDir
    Path dir;

    private static ImageSet images() {
        float[] p = new float[2 * 16];
        java.util.Arrays.fill(p, 0, 16, 0.5f); // image 0: constant 0.5
        java.util.Arrays.fill(p, 16, 24, 1f); // image 1: top half 1, bottom half 0
        return new ImageSet("two", 1, 4, 4, p, null);
    }

    @Test
    void featuresComeFromTheModuleAfterResizeGrayToRgbAndScalingTo255() throws URISyntaxException {
        Path net = Path.of(getClass().getResource("/torchscript/tiny_feature_net.pt").toURI());
        DenseMatrix f = new InceptionExtractor(net, dir).features(images(), Progress.NONE);
        assertEquals(2, f.rows());
        assertEquals(12, f.cols()); // 3 channels x 2 x 2 quadrants
        for (int j = 0; j < 12; j++) {
            assertEquals(127.5, f.get(0, j), 1e-3);
        }
        double top = f.get(1, 0);
        double bottom = f.get(1, 2);
        assertTrue(top > 200 && bottom < 55, top + " / " + bottom);
        assertEquals(255, top + bottom, 0.01); // the bilinear resize is symmetric about the centre (float32 means)
        for (int c = 1; c < 3; c++) {
            assertEquals(top, f.get(1, 4 * c), 1e-6); // the gray channel repeated
        }
    }

    @Test
    void aMissingOrBrokenFileIsAReadableFailure() throws IOException {
        assertTrue(assertThrows(EvaluationFailure.class, () -> new InceptionExtractor(null, dir)
                .features(images(), Progress.NONE)).getMessage().contains("set GANBOARD_INCEPTION_PATH"));
        Path absent = dir.resolve("inception.pt");
        assertEquals("feature extractor inception-fid: GANBOARD_INCEPTION_PATH names " + absent + ", which does not "
                + "exist on this worker", assertThrows(EvaluationFailure.class, () -> new InceptionExtractor(absent,
                dir).features(images(), Progress.NONE)).getMessage());
        Path junk = Files.writeString(dir.resolve("junk.pt"), "not a model");
        assertTrue(assertThrows(EvaluationFailure.class, () -> new InceptionExtractor(junk, dir)
                .features(images(), Progress.NONE)).getMessage()
                .startsWith("feature extractor inception-fid: " + junk + " is not a loadable TorchScript module"));
    }
}
