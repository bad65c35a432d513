package dev.ganboard.worker.generator;

import dev.ganboard.protocol.checkpoint.CheckpointKind;
import dev.ganboard.worker.EvaluationFailure;
import dev.ganboard.worker.EvaluationInput;
import dev.ganboard.worker.EvaluationReport;
import dev.ganboard.worker.Evaluator;
import dev.ganboard.worker.GeneratedSamples;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kind {@code torchscript}: loads the blob as a TorchScript generator (DJL, PyTorch engine), draws
 * {@code n_samples} seeded samples batch by batch (see {@link GeneratorSpec} for the metadata, {@link LatentStream}
 * for z and the classes), checks them and hands them to the suite. Constructing it loads nothing native: libtorch
 * loads when the first torchscript checkpoint arrives.
 */
public final class TorchScriptEvaluator implements Evaluator {
    private static final Logger LOG = LoggerFactory.getLogger(TorchScriptEvaluator.class);
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private final SampleSuite suite;
    private final int defaultSamples;
    private final int maxSamples;

    /**
     * @param defaultSamples samples drawn when the upload's metadata names no n_samples
     * @param maxSamples     at most this many samples per checkpoint, whatever the metadata asks
     */
    public TorchScriptEvaluator(SampleSuite suite, int defaultSamples, int maxSamples) {
        if (defaultSamples < 1 || maxSamples < 1) {
            throw new IllegalArgumentException("sample counts must be positive");
        }
        this.suite = suite;
        this.defaultSamples = defaultSamples;
        this.maxSamples = maxSamples;
    }

    @Override
    public String kind() {
        return CheckpointKind.TORCHSCRIPT;
    }

    @Override
    public EvaluationReport evaluate(EvaluationInput input) {
        GeneratorSpec spec = GeneratorSpec.from(input.metadata(), input.label(), defaultSamples, maxSamples);
        requireZipArchive(input);
        long t0 = System.nanoTime();
        GeneratedSamples samples;
        String device;
        try (TorchScriptModule module = TorchScriptModule.load(input.blob(), input.label())) {
            device = module.device().toString();
            samples = sample(module, spec, input, device);
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        LOG.info("{}: sampled {} {} from the generator on {} in {} ms", input.label(), spec.samples(),
                samples.images() ? "images" : "points", device, millis);
        EvaluationReport report = suite.evaluate(input, samples);
        return new EvaluationReport(report.extractor(), report.sampleCount(),
                withGeneratorDetails(report.metrics(), spec, device, millis));
    }

    private static GeneratedSamples sample(TorchScriptModule module, GeneratorSpec spec, EvaluationInput input,
                                           String device) {
        LatentStream latents = new LatentStream(spec.seed(), spec.latentSize(), spec.numClasses());
        SampleCollector collector = new SampleCollector(spec, input.label());
        int done = 0;
        while (done < spec.samples()) {
            LatentStream.Batch batch = latents.next(Math.min(spec.batchSize(), spec.samples() - done));
            collector.add(batch, module.forward(batch, spec.latentSize()));
            done += batch.rows();
            input.progress().stage("sampling", done, spec.samples());
        }
        return collector.samples("torchscript generator (" + device + ")");
    }

    /** TorchScript files are zip archives (torch.jit.save); anything else fails before libtorch is involved. */
    private static void requireZipArchive(EvaluationInput input) {
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(input.blob())) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < ZIP_MAGIC.length; i++) {
            if (n <= i || head[i] != ZIP_MAGIC[i]) {
                throw new EvaluationFailure(input.label() + ": not a TorchScript file (torch.jit.save writes a zip "
                        + "archive; this file starts with " + printable(head, n) + ")");
            }
        }
    }

    private static String printable(byte[] head, int n) {
        if (n == 0) {
            return "nothing: it is empty";
        }
        StringBuilder hex = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            hex.append(i == 0 ? "" : " ").append(String.format("%02x", head[i] & 0xff));
            text.append(head[i] >= 32 && head[i] < 127 ? (char) head[i] : '.');
        }
        return hex + " \"" + text + "\"";
    }

    /** How the samples were drawn, stored with the numbers (details.generator). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withGeneratorDetails(Map<String, Object> metrics, GeneratorSpec spec,
                                                            String device, long millis) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("latent_size", spec.latentSize());
        g.put("num_classes", spec.numClasses());
        g.put("labels", spec.conditional() ? "sample i has class i mod num_classes" : "none (unconditional)");
        g.put("output_range", spec.outputRange().text());
        g.put("n_samples", spec.samples());
        if (spec.samplesCapped()) {
            g.put("n_samples_capped", "the worker evaluates at most " + spec.samples() + " samples");
        }
        g.put("seed", spec.seed());
        g.put("z", "N(0, 1) from SplitMix64(seed).nextGaussian(), float32, row-major, sample by sample");
        g.put("batch_size", spec.batchSize());
        g.put("device", device);
        g.put("sampling_ms", millis);
        Map<String, Object> out = new LinkedHashMap<>(metrics);
        if (out.get("details") instanceof Map<?, ?> details) {
            Map<String, Object> d = new LinkedHashMap<>((Map<String, Object>) details);
            d.put("generator", g);
            out.put("details", d);
        } else {
            out.put("generator", g);
        }
        return out;
    }
}
