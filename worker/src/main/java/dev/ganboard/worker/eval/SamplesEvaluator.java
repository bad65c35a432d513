package dev.ganboard.worker.eval;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.core.FeatureSource;
import dev.ganboard.metrics.core.Inputs;
import dev.ganboard.metrics.core.InvalidInputException;
import dev.ganboard.metrics.core.MetricResult;
import dev.ganboard.metrics.fid.Fid;
import dev.ganboard.metrics.fid.FidResult;
import dev.ganboard.metrics.prdc.Prdc;
import dev.ganboard.metrics.prdc.PrdcResult;
import dev.ganboard.protocol.checkpoint.CheckpointKind;
import dev.ganboard.worker.EvaluationFailure;
import dev.ganboard.worker.EvaluationInput;
import dev.ganboard.worker.EvaluationReport;
import dev.ganboard.worker.Evaluator;
import dev.ganboard.worker.GeneratedSamples;
import dev.ganboard.worker.NonFiniteTally;
import dev.ganboard.worker.dataset.Dataset;
import dev.ganboard.worker.dataset.Datasets;
import dev.ganboard.worker.dataset.ImageDataset;
import dev.ganboard.worker.eval.image.ImageSuite;
import dev.ganboard.worker.features.FeatureExtractor;
import dev.ganboard.worker.features.FeatureExtractors;
import dev.ganboard.worker.fingerprint.EvaluationFingerprint;
import dev.ganboard.worker.preview.SamplePreview;
import dev.ganboard.worker.reference.StatisticsReference;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The suite on uploaded samples. Points (2-D mixtures): the dataset's collapse indicators on the raw samples, then
 * FID and precision/recall/density/coverage between extracted features of the samples and of an equally large,
 * deterministic reference sample of the dataset. Images: the {@link ImageSuite} against the dataset's held-out
 * split; a reference given as statistics ({@code stats:/path/x.npz}): FID only ({@link StatisticsEvaluation}). At
 * most {@code maxSamples} (the first) are evaluated.
 */
public final class SamplesEvaluator implements Evaluator {
    /** Fewer samples make the k-NN radii (k = 5) and the covariance meaningless. */
    static final int MIN_SAMPLES = 10;

    private final Datasets datasets;
    private final FeatureExtractors extractors;
    private final int maxSamples;
    private final ImageSuite imageSuite;

    /** Points only: image datasets fail with a message. */
    public SamplesEvaluator(Datasets datasets, FeatureExtractors extractors, int maxSamples) {
        this(datasets, extractors, maxSamples, null);
    }

    public SamplesEvaluator(Datasets datasets, FeatureExtractors extractors, int maxSamples, ImageSuite imageSuite) {
        this.datasets = datasets;
        this.extractors = extractors;
        this.maxSamples = maxSamples;
        this.imageSuite = imageSuite;
    }

    @Override
    public String kind() {
        return CheckpointKind.SAMPLES;
    }

    @Override
    public EvaluationReport evaluate(EvaluationInput input) {
        if (!StatisticsReference.isStatistics(input.dataset())) {
            datasets.find(input.dataset()); // an unknown dataset fails before the file is read
        }
        SampleFile.Loaded loaded = SampleFile.load(input.blob(), input.label(), maxSamples,
                input.metadataText("range"));
        return evaluateSamples(input, loaded.toGenerated());
    }

    /** The suite on samples already in memory; the TorchScript evaluator calls this after sampling. */
    public EvaluationReport evaluateSamples(EvaluationInput input, GeneratedSamples generated) {
        if (StatisticsReference.isStatistics(input.dataset())) {
            return new StatisticsEvaluation(extractors).evaluate(input, generated, MIN_SAMPLES);
        }
        Dataset dataset = datasets.find(input.dataset());
        if (dataset instanceof ImageDataset images) {
            if (imageSuite == null) {
                throw new EvaluationFailure("dataset '" + images.id() + "' is an image dataset, which this "
                        + "evaluator was not given the image suite for");
            }
            EvaluationReport report = imageSuite.evaluate(input, generated, images, MIN_SAMPLES);
            return report.preview() != null ? report : new EvaluationReport(report.extractor(), report.sampleCount(),
                    report.metrics(), SamplePreview.render(generated, images::reference));
        }
        if (generated.images()) {
            throw new InvalidInputException(input.label() + ": images of " + generated.imageShape()[0] + "x"
                    + generated.imageShape()[1] + "x" + generated.imageShape()[2] + " for dataset " + dataset.id()
                    + ", whose samples are 2-D points [N, 2]");
        }
        String extractorId = input.metadataText("extractor") != null ? input.metadataText("extractor")
                : dataset.defaultExtractor();
        FeatureExtractor extractor = extractors.find(extractorId);
        DenseMatrix samples = generated.samples();
        dataset.requireSampleShape(samples);
        NonFiniteTally.requireFinite(samples.data(), samples.rows(), samples.cols(), input.label());
        Inputs.requireRows(samples, MIN_SAMPLES, "the evaluation suite");

        int n = samples.rows();
        MetricResult collapse = dataset.collapse(samples);
        FeatureSource real = extractor.extract(dataset.reference(n));
        FeatureSource fake = extractor.extract(samples);
        FidResult fid = new Fid().compute(real, fake);
        PrdcResult prdc = new Prdc().compute(real, fake);
        return new EvaluationReport(extractor.id(), n,
                metrics(dataset, collapse, fid, prdc, generated, extractor),
                SamplePreview.render(generated, dataset::reference));
    }

    /** Headline numbers flat (for tables and charts), each metric's full convention under "details". */
    private static Map<String, Object> metrics(Dataset dataset, MetricResult collapse, FidResult fid, PrdcResult prdc,
                                               GeneratedSamples loaded, FeatureExtractor extractor) {
        int n = loaded.samples().rows();
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> c = collapse.fields();
        for (String key : new String[] {"modes_covered", "n_modes", "hq_fraction", "kl_uniform"}) {
            if (c.containsKey(key)) {
                m.put(key, c.get(key));
            }
        }
        m.put("collapsed", dataset.collapsed(collapse));
        m.put("fid", fid.fid());
        m.put("precision", prdc.precision());
        m.put("recall", prdc.recall());
        m.put("density", prdc.density());
        m.put("coverage", prdc.coverage());

        Map<String, Object> samples = new LinkedHashMap<>();
        samples.put("n_total", loaded.totalRows());
        samples.put("n_evaluated", n);
        samples.put("dim", loaded.samples().cols());
        samples.put("dtype", loaded.source());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(collapse.metric(), c);
        details.put("collapse_rule", dataset.collapseRule());
        details.put(fid.metric(), fid.fields());
        details.put(prdc.metric(), prdc.fields());
        details.put("reference", dataset.referenceDescription(n));
        details.put("samples", samples);
        details.put("extractor", extractor.id());
        details.put("fingerprint", EvaluationFingerprint.of(extractor.id(), extractor.weightsFile(),
                extractor.preprocessing(), n, n, EvaluationFingerprint.dataset(dataset.id(), "reference",
                        "deterministic reference sample of " + n + " points")));
        m.put("details", details);
        return m;
    }
}
