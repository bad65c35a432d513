package dev.ganboard.worker.eval.image;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.core.InvalidInputException;
import dev.ganboard.metrics.fid.Fid;
import dev.ganboard.metrics.fid.FidResult;
import dev.ganboard.metrics.is.InceptionScore;
import dev.ganboard.metrics.is.InceptionScoreResult;
import dev.ganboard.metrics.kid.Kid;
import dev.ganboard.metrics.kid.KidResult;
import dev.ganboard.metrics.modes.ClassCoverage;
import dev.ganboard.metrics.neighbours.DuplicateRate;
import dev.ganboard.metrics.neighbours.Memorisation;
import dev.ganboard.metrics.prdc.Prdc;
import dev.ganboard.metrics.prdc.PrdcResult;
import dev.ganboard.worker.ImageSettings;
import dev.ganboard.worker.classifier.DomainClassifiers;
import dev.ganboard.worker.classifier.DomainModel;
import dev.ganboard.worker.classifier.Progress;
import dev.ganboard.worker.classifier.TrainedClassifier;
import dev.ganboard.worker.dataset.ImageDataset;
import dev.ganboard.worker.dataset.ImageSet;
import dev.ganboard.worker.EvaluationInput;
import dev.ganboard.worker.EvaluationProgress;
import dev.ganboard.worker.EvaluationReport;
import dev.ganboard.worker.GeneratedSamples;
import dev.ganboard.worker.features.DomainCnnExtractor;
import dev.ganboard.worker.features.FeatureExtractor;
import dev.ganboard.worker.features.FeatureExtractors;
import dev.ganboard.worker.features.ImageFeatureExtractor;
import dev.ganboard.worker.features.InceptionExtractor;
import dev.ganboard.worker.fingerprint.EvaluationFingerprint;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The suite on generated images against an image dataset's held-out split. The domain classifier (domain-cnn of
 * the dataset) gives IS, the class-coverage collapse indicators, memorisation and duplicates, and GAN-test; the
 * chosen extractor (default the same domain-cnn) gives the features of FID, KID and precision/recall/density/
 * coverage. With inception-fid it also gives {@code is_inception}: the Inception Score from the standard file's
 * probabilities without the output bias, beside the domain classifier's {@code is}. GAN-train (conditional samples only) trains a classifier per checkpoint and can be switched off by the
 * metadata {@code gan_train: false} or the worker setting.
 */
public final class ImageSuite {
    public static final String COLLAPSE_RULE = "collapsed when at most half of the classes are covered "
            + "(classes_covered <= n_classes / 2) or at least half of the samples are near-duplicates "
            + "(duplicate_rate >= 0.5)";
    static final double DUPLICATE_LIMIT = 0.5;
    static final String IS_INCEPTION_CLASSIFIER = "inception-fid: forward(img, no_output_bias=True), softmax over "
            + "1008 classes (StyleGAN2-ADA / clean-fid's Inception Score convention)";

    private final DomainClassifiers classifiers;
    private final FeatureExtractors extractors;
    private final boolean ganTrainDefault;

    public ImageSuite(DomainClassifiers classifiers, FeatureExtractors extractors, ImageSettings settings) {
        this.classifiers = classifiers;
        this.extractors = extractors;
        this.ganTrainDefault = settings.ganTrain();
    }

    public EvaluationReport evaluate(EvaluationInput input, GeneratedSamples generated, ImageDataset dataset,
                                     int minSamples) {
        EvaluationProgress progress = input.progress();
        ImageDataset.Splits splits = dataset.splits();
        ImageSet images = requireImages(generated, dataset, splits, input.label(), minSamples);
        DomainCnnExtractor domain = (DomainCnnExtractor) extractors.find(DomainCnnExtractor.PREFIX + dataset.id());
        String extractorId = input.metadataText("extractor") != null ? input.metadataText("extractor")
                : dataset.defaultExtractor();
        FeatureExtractor chosen = extractors.find(extractorId);
        if (!(chosen instanceof ImageFeatureExtractor extractor)) {
            throw new InvalidInputException(input.label() + ": feature extractor " + extractorId
                    + " does not take images");
        }

        StageTimes times = new StageTimes();
        DomainModel model = times.time("domain_classifier", () -> domain.model(stage(progress,
                "domain-classifier training")));
        TrainedClassifier.Outputs fake = times.time("features", () -> model.classifier().predict(images,
                stage(progress, "features")));
        TrainedClassifier.Outputs test = times.time("reference_features", () -> classifiers.splitOutputs(model,
                dataset, "test", stage(progress, "reference features")));
        TrainedClassifier.Outputs train = times.time("training_set_features", () -> classifiers.splitOutputs(model,
                dataset, "train", stage(progress, "training-set features")));
        DenseMatrix fakeDomain = fake.featureMatrix(input.label() + " features");
        DenseMatrix testDomain = test.featureMatrix(dataset.id() + " test features");
        DenseMatrix fakeFeatures;
        DenseMatrix realFeatures;
        DenseMatrix inceptionProbabilities = null;
        if (extractor.id().equals(model.extractorId())) {
            fakeFeatures = fakeDomain;
            realFeatures = testDomain;
        } else {
            if (extractor instanceof InceptionExtractor inception) {
                InceptionExtractor.Outputs out = times.time("features_" + extractor.id(), () -> inception
                        .featuresAndProbabilities(images, stage(progress, "features " + extractor.id())));
                fakeFeatures = out.features();
                inceptionProbabilities = out.probabilities();
            } else {
                fakeFeatures = times.time("features_" + extractor.id(), () -> extractor.features(images,
                        stage(progress, "features " + extractor.id())));
            }
            realFeatures = times.time("reference_features_" + extractor.id(), () -> extractor.referenceFeatures(
                    dataset, "test", stage(progress, "reference features " + extractor.id())));
        }

        progress.stage("metrics", 0, 6);
        FidResult fid = times.time("fid", () -> new Fid().compute(realFeatures, fakeFeatures));
        progress.stage("metrics", 1, 6);
        KidResult kid = times.time("kid", () -> new Kid().compute(realFeatures, fakeFeatures));
        progress.stage("metrics", 2, 6);
        PrdcResult prdc = times.time("prdc", () -> new Prdc().compute(realFeatures, fakeFeatures));
        progress.stage("metrics", 3, 6);
        InceptionScoreResult is = times.time("is", () -> new InceptionScore().compute(fake.probabilityMatrix(
                input.label() + " class probabilities")));
        DenseMatrix inceptionP = inceptionProbabilities;
        InceptionScoreResult isInception = inceptionP == null ? null
                : times.time("is_inception", () -> new InceptionScore().compute(inceptionP));
        ClassCoverage.Result coverage = ClassCoverage.compute(fake.predicted(), splits.test().labels(),
                splits.classes());
        progress.stage("metrics", 4, 6);
        Map<String, Object> memo = times.time("memorisation", () -> Memorisation.compute(fakeDomain, testDomain,
                train.featureMatrix(dataset.id() + " train features")));
        progress.stage("metrics", 5, 6);
        Map<String, Object> dup = times.time("duplicates", () -> DuplicateRate.compute(fakeDomain, testDomain));
        progress.stage("metrics", 6, 6);
        double duplicateRate = (double) dup.get("duplicate_rate");
        boolean collapsed = 2 * coverage.covered() <= coverage.classes() || duplicateRate >= DUPLICATE_LIMIT;

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("classes_covered", coverage.covered());
        m.put("n_classes", coverage.classes());
        m.put("kl_classes", coverage.kl());
        m.put("collapsed", collapsed);
        m.put("fid", fid.fid());
        m.put("kid", kid.mean());
        m.put("is", is.mean());
        m.put("is_std", is.std());
        if (isInception != null) {
            m.put("is_inception", isInception.mean());
            m.put("is_inception_std", isInception.std());
        }
        m.put("precision", prdc.precision());
        m.put("recall", prdc.recall());
        m.put("density", prdc.density());
        m.put("coverage", prdc.coverage());
        m.put("memorisation_ratio", memo.get("memorisation_ratio"));
        m.put("duplicate_rate", duplicateRate);

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("classes", coverage.fields());
        details.put("collapse_rule", COLLAPSE_RULE);
        details.put(fid.metric(), fid.fields());
        details.put(kid.metric(), kid.fields());
        details.put(prdc.metric(), prdc.fields());
        Map<String, Object> isFields = new LinkedHashMap<>(is.fields());
        isFields.put("classifier", model.extractorId());
        details.put(is.metric(), isFields);
        if (isInception != null) {
            Map<String, Object> f = new LinkedHashMap<>(isInception.fields());
            f.put("classifier", IS_INCEPTION_CLASSIFIER);
            details.put("is_inception", f);
        }
        details.put("memorisation", memo);
        details.put("duplicates", dup);
        times.time("gan_train", () -> {
            ganMetrics(input, generated, images, splits, model, fake, progress, m, details);
            return null;
        });
        details.put("reference", dataset.referenceDescription(splits.test().size()));
        details.put("samples", sampleDetails(generated));
        details.put("extractor", extractor.id());
        details.put("extractor_details", extractor.describe());
        details.put("fingerprint", EvaluationFingerprint.of(extractor.id(), extractor.weightsFile(),
                extractor.preprocessing(), images.size(), splits.test().size(),
                EvaluationFingerprint.dataset(dataset.id(), "test", dataset.fingerprint())));
        details.put("domain_classifier", model.description());
        details.put("preprocessing", "images mapped onto [0, 1] by their pixel range (see samples.dtype), then "
                + "(x - 0.5) / 0.5 for the domain classifier");
        details.put("timings_s", times.seconds());
        m.put("details", details);
        return new EvaluationReport(extractor.id(), images.size(), m);
    }

    private void ganMetrics(EvaluationInput input, GeneratedSamples generated, ImageSet images,
                            ImageDataset.Splits splits, DomainModel model, TrainedClassifier.Outputs fake,
                            EvaluationProgress progress, Map<String, Object> m, Map<String, Object> details) {
        if (!generated.conditional()) {
            String why = "unconditional samples (no labels): GAN-train and GAN-test need the class each sample was "
                    + "generated for";
            details.put("gan_test", GanTrainTest.notApplicable(why));
            details.put("gan_train", GanTrainTest.notApplicable(why));
            return;
        }
        double ganTest = fake.accuracy(generated.labels());
        m.put("gan_test", ganTest);
        m.put("gan_baseline", model.testAccuracy());
        details.put("gan_test", GanTrainTest.ganTest(ganTest, images.size(), model));
        String switchText = input.metadataText("gan_train");
        boolean on = switchText == null ? ganTrainDefault : !"false".equals(switchText.strip().toLowerCase(Locale.ROOT));
        if (!on) {
            Map<String, Object> off = new LinkedHashMap<>();
            off.put("applicable", true);
            off.put("skipped", switchText != null ? "switched off by the checkpoint's metadata gan_train"
                    : "switched off on this worker (GANBOARD_GAN_TRAIN=false)");
            details.put("gan_train", off);
            return;
        }
        Map<String, Object> ganTrain = GanTrainTest.ganTrain(images, splits.test(), splits.classes(), model,
                stage(progress, "gan-train"));
        m.put("gan_train", ganTrain.get("gan_train"));
        details.put("gan_train", ganTrain);
    }

    private static ImageSet requireImages(GeneratedSamples generated, ImageDataset dataset, ImageDataset.Splits splits,
                                          String label, int minSamples) {
        int[] expected = splits.test().shape();
        if (!generated.images() || !Arrays.equals(generated.imageShape(), expected)) {
            String got = generated.images() ? "images of " + generated.imageShape()[0] + "x"
                    + generated.imageShape()[1] + "x" + generated.imageShape()[2]
                    : "points [N, " + generated.samples().cols() + "]";
            throw new InvalidInputException(label + ": " + dataset.id() + " samples are images of shape "
                    + dataset.shapeText() + ", got " + got);
        }
        if (generated.samples().rows() < minSamples) {
            throw new InvalidInputException(label + ": too few samples: " + generated.samples().rows()
                    + " images, the evaluation suite needs at least " + minSamples);
        }
        if (generated.conditional()) {
            for (int i = 0; i < generated.labels().length; i++) {
                int l = generated.labels()[i];
                if (l < 0 || l >= splits.classes()) {
                    throw new InvalidInputException(label + ": label " + l + " at index " + i + " is not a class of "
                            + dataset.id() + " (expected 0 .. " + (splits.classes() - 1) + ")");
                }
            }
        }
        return ImageSet.of(generated.samples(), expected, generated.labels());
    }

    private static Map<String, Object> sampleDetails(GeneratedSamples g) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("n_total", g.totalRows());
        s.put("n_evaluated", g.samples().rows());
        s.put("image_shape", List.of(g.imageShape()[0], g.imageShape()[1], g.imageShape()[2]));
        s.put("dtype", g.source());
        s.put("labels", g.conditional());
        return s;
    }

    private static Progress stage(EvaluationProgress progress, String name) {
        return (done, total) -> progress.stage(name, done, total);
    }
}
