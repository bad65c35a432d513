package dev.ganboard.worker.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.fid.Fid;
import dev.ganboard.metrics.is.InceptionScore;
import dev.ganboard.metrics.is.InceptionScoreResult;
import dev.ganboard.worker.classifier.Progress;
import dev.ganboard.worker.dataset.ImageSet;
import dev.ganboard.worker.EvaluationFailure;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * inception-fid follows the standard file's convention: the stand-in resources/torchscript/inception_standin.pt
 * (made by make_inception_standin.py beside it) has the interface of inception-2015-12-05.pt, and the script
 * computed FID and IS in Python by calling it the same way (inception_standin_reference.json). The images are
 * integer formulas the script shares. Through DJL the numbers must agree to a relative 1e-4.
 */
class InceptionExtractorTest {
    private static final double TOLERANCE = 1e-4;
    private static JsonNode reference;
    private static Path standIn;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        standIn = Path.of(InceptionExtractorTest.class.getResource("/torchscript/inception_standin.pt").toURI());
        try (InputStream in = InceptionExtractorTest.class
                .getResourceAsStream("/torchscript/inception_standin_reference.json")) {
            reference = new ObjectMapper().readTree(in);
        }
    }

    /** Pixel values k in 0..255, given on [0, 1] as the suite holds them. */
    private interface Pixel {
        int at(int i, int c, int y, int x);
    }

    private static ImageSet images(String name, int n, int channels, int h, int w, Pixel f) {
        float[] p = new float[n * channels * h * w];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        p[k++] = f.at(i, c, y, x) / 255f;
                    }
                }
            }
        }
        return new ImageSet(name, channels, h, w, p, null);
    }

    static ImageSet grayReal() {
        return images("gray real", 64, 1, 20, 20, (i, c, y, x) -> (i * 37 + y * 11 + x * 5 + (x * y) % 7) % 256);
    }

    static ImageSet grayFake() {
        return images("gray fake", 60, 1, 20, 20, (i, c, y, x) -> 20 + (i * 13 + (y / 2) * 29 + (x / 3) * 17) % 200);
    }

    static ImageSet rgbFake() {
        return images("rgb fake", 30, 3, 17, 23,
                (i, c, y, x) -> (i * 19 + c * 71 + y * 3 + x * 7 + (x * y * c) % 11) % 256);
    }

    private static void assertRelative(double expected, double actual, String what) {
        assertTrue(Math.abs(actual - expected) <= TOLERANCE * Math.abs(expected),
                what + ": expected " + expected + ", got " + actual + " (relative error "
                        + Math.abs(actual - expected) / Math.abs(expected) + ")");
    }

    private static double ref(String key) {
        return reference.get(key).asDouble();
    }

    @Test
    void featuresAreThe2048dOutputOfReturnFeaturesTrueAtNativeResolution() {
        DenseMatrix f = new InceptionExtractor(standIn, dir).features(grayReal(), Progress.NONE);
        assertEquals(64, f.rows());
        assertEquals(reference.get("feature_dim").asInt(), f.cols());
        assertEquals(2048, f.cols()); // not the 1008 class probabilities of forward(img)
        JsonNode row0 = reference.get("features_gray_real_row0_first4");
        for (int j = 0; j < 4; j++) {
            assertEquals(row0.get(j).asDouble(), f.get(0, j), TOLERANCE * (1 + Math.abs(row0.get(j).asDouble())));
        }
    }

    @Test
    void fidThroughDjlEqualsFidInPythonForGrayAndRgbImagesOfOtherSizes() {
        InceptionExtractor inception = new InceptionExtractor(standIn, dir);
        DenseMatrix real = inception.features(grayReal(), Progress.NONE);
        assertRelative(ref("fid_gray_real_vs_gray_fake"),
                new Fid().compute(real, inception.features(grayFake(), Progress.NONE)).fid(), "FID gray/gray");
        assertRelative(ref("fid_gray_real_vs_rgb_fake"),
                new Fid().compute(real, inception.features(rgbFake(), Progress.NONE)).fid(), "FID gray/rgb 17x23");
    }

    @Test
    void inceptionScoreUsesTheProbabilitiesWithoutOutputBiasInTenSplits() {
        InceptionExtractor inception = new InceptionExtractor(standIn, dir);
        InceptionExtractor.Outputs gray = inception.featuresAndProbabilities(grayFake(), Progress.NONE);
        assertEquals(1008, gray.probabilities().cols());
        InceptionScoreResult is = new InceptionScore().compute(gray.probabilities());
        assertRelative(ref("is_gray_fake"), is.mean(), "IS gray");
        assertRelative(ref("is_std_gray_fake"), is.std(), "IS std gray");
        // the output bias changes the score by far more than the tolerance: the flag was passed
        assertTrue(Math.abs(ref("is_gray_fake_with_output_bias") - is.mean()) > 100 * TOLERANCE * is.mean());
        // the same call gives the same features as features()
        assertEquals(inception.features(grayFake(), Progress.NONE).get(5, 7), gray.features().get(5, 7), 0);

        InceptionScoreResult rgb = new InceptionScore().compute(inception.featuresAndProbabilities(rgbFake(),
                Progress.NONE).probabilities());
        assertRelative(ref("is_rgb_fake"), rgb.mean(), "IS rgb");
        assertRelative(ref("is_std_rgb_fake"), rgb.std(), "IS std rgb");
    }

    @Test
    void aMissingOrBrokenFileIsAReadableFailure() throws IOException {
        assertTrue(assertThrows(EvaluationFailure.class, () -> new InceptionExtractor(null, dir)
                .features(grayFake(), Progress.NONE)).getMessage().contains("set GANBOARD_INCEPTION_PATH"));
        Path absent = dir.resolve("inception.pt");
        assertEquals("feature extractor inception-fid: GANBOARD_INCEPTION_PATH names " + absent + ", which does not "
                + "exist on this worker", assertThrows(EvaluationFailure.class, () -> new InceptionExtractor(absent,
                dir).features(grayFake(), Progress.NONE)).getMessage());
        Path junk = Files.writeString(dir.resolve("junk.pt"), "not a model");
        assertTrue(assertThrows(EvaluationFailure.class, () -> new InceptionExtractor(junk, dir)
                .features(grayFake(), Progress.NONE)).getMessage()
                .startsWith("feature extractor inception-fid: " + junk + " is not a loadable TorchScript module"));
    }

    @Test
    void aModuleWithAnotherInterfaceFailsNamingTheExpectedCall() throws URISyntaxException {
        Path other = Path.of(getClass().getResource("/torchscript/ring8_points.pt").toURI());
        String message = assertThrows(EvaluationFailure.class, () -> new InceptionExtractor(other, dir)
                .features(grayFake(), Progress.NONE)).getMessage();
        assertTrue(message.contains("forward(img, return_features, use_fp16, no_output_bias)"), message);
    }
}
