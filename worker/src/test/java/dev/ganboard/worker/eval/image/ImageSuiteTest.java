package dev.ganboard.worker.eval.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.metrics.core.SplitMix64;
import dev.ganboard.metrics.is.InceptionScore;
import dev.ganboard.metrics.is.InceptionScoreResult;
import dev.ganboard.metrics.io.NpyDtype;
import dev.ganboard.metrics.io.NpyWriter;
import dev.ganboard.worker.ImageSettings;
import dev.ganboard.worker.classifier.CnnRecipe;
import dev.ganboard.worker.classifier.DomainClassifiers;
import dev.ganboard.worker.classifier.DomainModel;
import dev.ganboard.worker.classifier.Progress;
import dev.ganboard.worker.dataset.Datasets;
import dev.ganboard.worker.dataset.IdxImages;
import dev.ganboard.worker.dataset.ImageDataset;
import dev.ganboard.worker.dataset.ImageSet;
import dev.ganboard.worker.EvaluationInput;
import dev.ganboard.worker.EvaluationReport;
import dev.ganboard.worker.GeneratedSamples;
import dev.ganboard.worker.eval.SamplesEvaluator;
import dev.ganboard.worker.features.FeatureExtractors;
import dev.ganboard.worker.features.InceptionExtractor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image suite on real Fashion-MNIST images standing in for generated ones. To keep it short the dataset is the
 * first 14,000 Fashion-MNIST training images saved as a user dataset ({@code npy:}, split 12,000 / 2,000 by the
 * held-out rule), the domain classifier trains for 300 steps (a quarter of the default recipe), and evaluations
 * take 600 samples. Skipped without the dataset.
 */
class ImageSuiteTest {
    static final Path FASHION = ImageSettings.DEFAULT_FASHION_MNIST_DIR;
    static final CnnRecipe RECIPE = CnnRecipe.DEFAULT.withSteps(300);
    static final int N = 600;

    @TempDir
    static Path cache;

    static ImageDataset fashion;
    static DomainClassifiers classifiers;
    static SamplesEvaluator evaluator;
    static DomainModel model;
    static final List<long[]> trainingReports = new ArrayList<>();

    static String datasetId;

    @BeforeAll
    static void trainTheDomainClassifier() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(FASHION), "skipped: Fashion-MNIST is not installed at " + FASHION
                + " (Debian package dataset-fashion-mnist)");
        ImageSet all = IdxImages.read("fashion", IdxImages.find(FASHION, "train-images-idx3-ubyte"),
                IdxImages.find(FASHION, "train-labels-idx1-ubyte")).head(14_000);
        double[] pixels = new double[all.pixels().length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = Math.round(all.pixels()[i] * 255);
        }
        double[] labels = java.util.Arrays.stream(all.labels()).asDoubleStream().toArray();
        NpyWriter.write(cache.resolve("fashion.npy"), pixels, new long[] {all.size(), 28, 28}, NpyDtype.UINT8);
        NpyWriter.write(cache.resolve("fashion.labels.npy"), labels, new long[] {all.size()}, NpyDtype.INT64);
        datasetId = "npy:" + cache.resolve("fashion.npy");
        ImageSettings settings = new ImageSettings(cache, FASHION, null, standIn(), false);
        Datasets datasets = Datasets.standard(settings);
        classifiers = new DomainClassifiers(cache, RECIPE);
        FeatureExtractors extractors = FeatureExtractors.standard(datasets, classifiers, settings);
        evaluator = new SamplesEvaluator(datasets, extractors, 50_000, new ImageSuite(classifiers, extractors,
                settings));
        fashion = (ImageDataset) datasets.find(datasetId);
        model = classifiers.get(fashion, (done, total) -> trainingReports.add(new long[] {done, total}));
    }

    @Test
    void theDomainClassifierReachesItsAccuracyAndIsTrainedOnce() {
        assertTrue(model.testAccuracy() >= 0.80, "test accuracy " + model.testAccuracy());
        assertEquals(RECIPE.steps(), trainingReports.size());
        assertEquals(RECIPE.steps(), trainingReports.getLast()[0]);
        assertEquals(model.testAccuracy(), model.description().get("test_accuracy"));
        // a fresh registry on the same cache directory loads the parameters instead of training
        AtomicLong calls = new AtomicLong();
        DomainModel again = new DomainClassifiers(cache, RECIPE).get(fashion, (d, t) -> calls.incrementAndGet());
        assertEquals(0, calls.get());
        assertEquals(model.testAccuracy(), again.testAccuracy());
        assertEquals(model.testAccuracy(), again.classifier().accuracy(fashion.splits().test(), Progress.NONE));
        assertTrue(Files.isRegularFile(Path.of((String) again.description().get("cache_file"))));
    }

    @Test
    void heldOutImagesScoreAsRealData() {
        Map<String, Object> m = evaluate(fashion.splits().test().head(N).withLabels(null), Map.of());
        Map<String, Object> singleClass = evaluate(only(fashion.splits().test(), bestClass(), N), Map.of());
        assertEquals(10, m.get("classes_covered"));
        assertEquals(false, m.get("collapsed"));
        assertTrue((double) m.get("kl_classes") < 0.02, "kl " + m.get("kl_classes"));
        // FID of real vs real: only the small-sample bias, far below a one-class "generator"
        assertTrue((double) m.get("fid") < 0.05 * (double) singleClass.get("fid"),
                m.get("fid") + " vs one class " + singleClass.get("fid"));
        assertTrue((double) m.get("precision") > 0.9 && (double) m.get("recall") > 0.9, m.toString());
        assertTrue((double) m.get("is") > 5, "IS " + m.get("is"));
        double memo = (double) m.get("memorisation_ratio");
        assertTrue(memo > 0.85 && memo < 1.15, "memorisation ratio " + memo);
        assertTrue((double) m.get("duplicate_rate") < 0.05, "duplicates " + m.get("duplicate_rate"));
        assertFalse(m.containsKey("gan_test"));
        assertEquals(false, details(m, "gan_test").get("applicable"));
        assertEquals("domain-cnn:" + datasetId, details(m).get("extractor"));
    }

    @Test
    void aSingleClassIsCollapsed() {
        Map<String, Object> m = evaluate(only(fashion.splits().test(), bestClass(), N), Map.of());
        assertEquals(1, m.get("classes_covered"));
        assertEquals(true, m.get("collapsed"));
        assertTrue((double) m.get("kl_classes") > 1.8, "kl " + m.get("kl_classes")); // ln 10 = 2.30 at the limit
        assertTrue(((String) details(m).get("collapse_rule")).startsWith("collapsed when at most half"));
    }

    @Test
    void copiedTrainingImagesAreMemorised() {
        Map<String, Object> m = evaluate(fashion.splits().train().head(N).withLabels(null), Map.of());
        assertTrue((double) m.get("memorisation_ratio") < 0.05, "ratio " + m.get("memorisation_ratio"));
    }

    @Test
    void ganTestIsTheClassifierAccuracyOnTrueLabelsAndChanceOnShuffledOnes() {
        ImageSet test = fashion.splits().test().head(N);
        Map<String, Object> right = evaluate(test, Map.of("gan_train", "false"));
        double expected = model.classifier().accuracy(test, Progress.NONE);
        assertEquals(expected, (double) right.get("gan_test"), 1e-12);
        assertEquals(model.testAccuracy(), (double) right.get("gan_test"), 0.05);
        assertEquals(model.testAccuracy(), right.get("gan_baseline"));
        assertFalse(right.containsKey("gan_train"));
        assertTrue(((String) details(right, "gan_train").get("skipped")).contains("metadata"));

        int[] order = new SplitMix64(7).permutation(test.size());
        int[] shuffled = new int[test.size()];
        for (int i = 0; i < shuffled.length; i++) {
            shuffled[i] = test.labels()[order[i]];
        }
        double chance = (double) evaluate(test.withLabels(shuffled), Map.of("gan_train", "false")).get("gan_test");
        assertTrue(chance > 0.05 && chance < 0.15, "GAN-test with shuffled labels " + chance);
    }

    @Test
    void ganTrainOnRealImagesApproachesTheBaseline() {
        Map<String, Object> m = evaluate(fashion.splits().train().head(4000), Map.of("gan_train", "true"));
        double ganTrain = (double) m.get("gan_train");
        assertEquals(model.testAccuracy(), ganTrain, 0.06, "GAN-train " + ganTrain);
        assertEquals(4000, details(m, "gan_train").get("n_train_generated"));
    }

    @Test
    void inceptionFidAddsIsInceptionBesideTheDomainClassifiersIs() {
        ImageSet fakes = fashion.splits().test().head(100).withLabels(null);
        Map<String, Object> m = evaluate(fakes, Map.of("extractor", "inception-fid", "gan_train", "false"));
        InceptionScoreResult expected = new InceptionScore().compute(new InceptionExtractor(standIn(), cache)
                .featuresAndProbabilities(fakes, Progress.NONE).probabilities());
        assertEquals(expected.mean(), (double) m.get("is_inception"), 1e-12);
        assertEquals(expected.std(), (double) m.get("is_inception_std"), 1e-12);
        assertEquals(1008, details(m, "is_inception").get("classes"));
        assertEquals(10, details(m, "is_inception").get("splits"));
        assertTrue(((String) details(m, "is_inception").get("classifier")).contains("no_output_bias=True"));
        // the domain classifier's IS stays, computed as before
        assertEquals("domain-cnn:" + datasetId, details(m, "is").get("classifier"));
        assertTrue((double) m.get("is") > 5, "IS " + m.get("is"));
        assertEquals("inception-fid", details(m).get("extractor"));
        assertEquals(2048, details(m, "fid").get("dim"));
        Map<String, Object> print = details(m, "fingerprint");
        assertEquals(dev.ganboard.worker.reference.StatisticsReference.sha256(standIn()), print.get("weights_sha256"));
        assertEquals(100, print.get("n_generated"));
        assertEquals(fashion.splits().test().size(), print.get("n_reference"));
        assertEquals(Map.of("dataset", datasetId, "split", "test", "fingerprint", fashion.fingerprint()),
                print.get("reference"));
        // a domain-cnn evaluation has no is_inception; its fingerprint names the trained classifier's parameters
        Map<String, Object> domain = evaluate(fakes, Map.of("gan_train", "false"));
        assertFalse(domain.containsKey("is_inception"));
        assertEquals(dev.ganboard.worker.reference.StatisticsReference.sha256(Path.of((String) model.description()
                .get("cache_file"))), details(domain, "fingerprint").get("weights_sha256"));
        assertEquals("domain-cnn:" + datasetId, details(domain, "fingerprint").get("extractor"));
    }

    private static Path standIn() {
        try {
            return Path.of(ImageSuiteTest.class.getResource("/torchscript/inception_standin.pt").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The class the classifier recognises best on held-out images (fewest misclassifications to spill over). */
    private static int bestClass() {
        ImageSet test = fashion.splits().test();
        int[] predicted = model.classifier().predict(test, Progress.NONE).predicted();
        int[] right = new int[10];
        int[] total = new int[10];
        for (int i = 0; i < test.size(); i++) {
            total[test.labels()[i]]++;
            right[test.labels()[i]] += predicted[i] == test.labels()[i] ? 1 : 0;
        }
        int best = 0;
        for (int c = 1; c < 10; c++) {
            if ((double) right[c] / total[c] > (double) right[best] / total[best]) {
                best = c;
            }
        }
        return best;
    }

    private static ImageSet only(ImageSet images, int label, int max) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < images.size() && rows.size() < max; i++) {
            if (images.labels()[i] == label) {
                rows.add(i);
            }
        }
        return images.select(rows.stream().mapToInt(Integer::intValue).toArray(), "class " + label).withLabels(null);
    }

    private static Map<String, Object> evaluate(ImageSet images, Map<String, Object> metadata) {
        GeneratedSamples g = new GeneratedSamples(images.toMatrix(), images.labels(), images.shape(), images.size(),
                "test images");
        EvaluationReport r = evaluator.evaluateSamples(new EvaluationInput(Path.of("unused"), "test", datasetId,
                metadata), g);
        return r.metrics();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Map<String, Object> m) {
        return (Map<String, Object>) m.get("details");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Map<String, Object> m, String key) {
        return (Map<String, Object>) details(m).get(key);
    }
}
