package dev.ganboard.worker.eval;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.core.FeatureSource;
import dev.ganboard.metrics.core.Inputs;
import dev.ganboard.metrics.core.InvalidInputException;
import dev.ganboard.metrics.fid.FeatureStatistics;
import dev.ganboard.metrics.fid.Fid;
import dev.ganboard.metrics.fid.FidResult;
import dev.ganboard.metrics.is.InceptionScore;
import dev.ganboard.metrics.is.InceptionScoreResult;
import dev.ganboard.worker.EvaluationInput;
import dev.ganboard.worker.EvaluationReport;
import dev.ganboard.worker.GeneratedSamples;
import dev.ganboard.worker.dataset.ImageSet;
import dev.ganboard.worker.features.FeatureExtractor;
import dev.ganboard.worker.features.FeatureExtractors;
import dev.ganboard.worker.features.IdentityExtractor;
import dev.ganboard.worker.features.ImageFeatureExtractor;
import dev.ganboard.worker.features.InceptionExtractor;
import dev.ganboard.worker.fingerprint.EvaluationFingerprint;
import dev.ganboard.worker.reference.StatisticsReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples against a reference given as statistics only ({@code stats:/path/x.npz}): FID between the file's mu and
 * sigma and the samples' statistics in the chosen extractor's space (metadata {@code extractor}; default
 * {@code inception-fid} for images, the space published statistics are computed in, and {@code identity} for
 * points). KID, precision/recall and density/coverage need the reference's features and are stored as not
 * applicable; with inception-fid the samples' {@code is_inception} is computed as in the image suite.
 */
final class StatisticsEvaluation {
    private final FeatureExtractors extractors;

    StatisticsEvaluation(FeatureExtractors extractors) {
        this.extractors = extractors;
    }

    EvaluationReport evaluate(EvaluationInput input, GeneratedSamples generated, int minSamples) {
        StatisticsReference reference = StatisticsReference.load(input.dataset());
        String extractorId = input.metadataText("extractor") != null ? input.metadataText("extractor")
                : generated.images() ? InceptionExtractor.ID : IdentityExtractor.ID;
        FeatureExtractor extractor = extractors.find(extractorId);
        DenseMatrix samples = generated.samples();
        Inputs.requireRows(samples, minSamples, "the evaluation suite");
        Inputs.requireFinite(samples);

        FeatureSource features;
        InceptionScoreResult isInception = null;
        if (generated.images()) {
            if (!(extractor instanceof ImageFeatureExtractor image)) {
                throw new InvalidInputException(input.label() + ": feature extractor " + extractorId
                        + " does not take images");
            }
            ImageSet images = ImageSet.of(samples, generated.imageShape(), generated.labels());
            if (image instanceof InceptionExtractor inception) {
                InceptionExtractor.Outputs out = inception.featuresAndProbabilities(images,
                        (done, total) -> input.progress().stage("features " + extractorId, done, total));
                features = out.features();
                isInception = new InceptionScore().compute(out.probabilities());
            } else {
                features = image.features(images, (done, total) -> input.progress().stage("features " + extractorId,
                        done, total));
            }
        } else {
            features = extractor.extract(samples);
        }
        FidResult fid = Fid.between(reference.stats(), FeatureStatistics.compute(features));

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fid", fid.fid());
        if (isInception != null) {
            m.put("is_inception", isInception.mean());
            m.put("is_inception_std", isInception.std());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(fid.metric(), fid.fields());
        details.put("kid", StatisticsReference.notApplicable());
        details.put("prdc", StatisticsReference.notApplicable());
        if (isInception != null) {
            Map<String, Object> f = new LinkedHashMap<>(isInception.fields());
            f.put("classifier", "inception-fid: forward(img, no_output_bias=True), softmax over 1008 classes");
            details.put("is_inception", f);
        }
        details.put("reference", reference.description());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("n_total", generated.totalRows());
        s.put("n_evaluated", samples.rows());
        if (generated.images()) {
            s.put("image_shape", List.of(generated.imageShape()[0], generated.imageShape()[1],
                    generated.imageShape()[2]));
        } else {
            s.put("dim", samples.cols());
        }
        s.put("dtype", generated.source());
        details.put("samples", s);
        details.put("extractor", extractor.id());
        details.put("fingerprint", EvaluationFingerprint.of(extractor.id(), extractor.weightsFile(),
                extractor.preprocessing(), samples.rows(), reference.stats().n() < 0 ? null : reference.stats().n(),
                EvaluationFingerprint.statistics(reference)));
        if (extractor instanceof ImageFeatureExtractor image) {
            details.put("extractor_details", image.describe());
        }
        m.put("details", details);
        return new EvaluationReport(extractor.id(), samples.rows(), m);
    }
}
