package dev.ganboard.worker.cli;

import dev.ganboard.protocol.checkpoint.CheckpointKind;
import dev.ganboard.worker.ImageSettings;
import dev.ganboard.worker.WorkerSettings;
import dev.ganboard.worker.EvaluationFailure;
import dev.ganboard.worker.EvaluationInput;
import dev.ganboard.worker.EvaluationReport;
import dev.ganboard.worker.wiring.Evaluators;
import dev.ganboard.worker.Suite;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ganboard eval FILE --dataset D}: the worker's evaluation suite on a local file, without the platform. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a checkpoint file with the same suite the workers run, and print one JSON object.",
                "Kind 'samples': points .npy/.npz [N, 2] on ring8 / grid25 (extractor identity), or images"
                        + " [N, C, H, W] / [N, H, W] (.npz: optional member 'labels') on fashion-mnist, mnist,"
                        + " npy:/path/x.npy, folder:/path/dir (extractor domain-cnn:<dataset>, trained and cached on"
                        + " first use; or inception-fid).",
                "Progress lines go to stderr.",
                "Kind 'torchscript': samples the generator first (-m latent_size=..., num_classes, n_samples, seed).",
                "Exit codes: 0 ok, 2 bad input or unsupported (message on stderr), 1 internal error."})
public final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE",
            description = "the checkpoint: .npy/.npz samples, or a TorchScript generator (--kind torchscript)")
    Path file;

    @Option(names = "--dataset", required = true, paramLabel = "D",
            description = "ring8, grid25, fashion-mnist, mnist, npy:/path/x.npy, folder:/path/dir, or "
                    + "stats:/path/x.npz (FID statistics only: see `stats compute`)")
    String dataset;

    @Option(names = "--extractor", paramLabel = "E", description = "feature extractor (default: the dataset's)")
    String extractor;

    @Option(names = "--kind", defaultValue = CheckpointKind.SAMPLES, paramLabel = "samples|torchscript")
    String kind;

    @Option(names = {"-m", "--meta"}, paramLabel = "KEY=VALUE",
            description = "upload metadata, e.g. -m latent_size=128 -m num_classes=10 for a torchscript generator")
    Map<String, String> meta = new LinkedHashMap<>();

    @Option(names = "--max-samples", defaultValue = "" + WorkerSettings.DEFAULT_MAX_SAMPLES, paramLabel = "N",
            description = "evaluate at most the first N samples (default ${DEFAULT-VALUE})")
    int maxSamples;

    @Option(names = "--range", paramLabel = "R", description = "pixel range of the images: [0,255], [0,1] or [-1,1] "
            + "(default: inferred and reported)")
    String range;

    @Option(names = "--gan-train", arity = "1", paramLabel = "true|false", description = "train a classifier on labelled "
            + "samples for GAN-train (default: GANBOARD_GAN_TRAIN, else true)")
    Boolean ganTrain;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "where trained domain classifiers and reference "
            + "features are kept (default: GANBOARD_CACHE_DIR, else $GANBOARD_HOME/cache)")
    Path cacheDir;

    @Override
    public Integer call() {
        Map<String, Object> metadata = new LinkedHashMap<>(meta);
        if (extractor != null) {
            metadata.put("extractor", extractor);
        }
        if (range != null) {
            metadata.put("range", range);
        }
        if (ganTrain != null) {
            metadata.put("gan_train", ganTrain.toString());
        }
        long t0 = System.nanoTime();
        EvaluationReport report;
        try {
            ImageSettings settings = ImageSettings.fromEnvironment();
            report = Evaluators.standard(maxSamples, cacheDir == null ? settings : settings.withCacheDir(cacheDir))
                    .forKind(kind)
                    .evaluate(new EvaluationInput(file, file.toString(), dataset, metadata,
                            new StderrProgress(spec.commandLine().getErr())));
        } catch (EvaluationFailure e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": error: " + e.getMessage());
            return GanboardCli.EXIT_BAD_INPUT;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", file.toString());
        out.put("kind", kind);
        out.put("dataset", dataset);
        out.put("suite_version", Suite.VERSION);
        out.put("extractor", report.extractor());
        out.put("sample_count", report.sampleCount());
        out.put("duration_ms", (System.nanoTime() - t0) / 1_000_000);
        out.put("metrics", report.metrics());
        JsonOutput.print(spec, out);
        return GanboardCli.EXIT_OK;
    }
}
