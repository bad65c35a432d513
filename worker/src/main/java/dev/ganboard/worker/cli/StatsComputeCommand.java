package dev.ganboard.worker.cli;

import dev.ganboard.metrics.fid.FidStatisticsFile;
import dev.ganboard.metrics.fid.GaussianStats;
import dev.ganboard.worker.EvaluationFailure;
import dev.ganboard.worker.ImageSettings;
import dev.ganboard.worker.reference.ReferenceStatistics;
import dev.ganboard.worker.wiring.Evaluators;
import dev.ganboard.worker.reference.StatisticsReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ganboard stats compute --dataset D [--extractor E] OUT.npz}: mu, sigma (N - 1) and n of the dataset's
 * reference - an image dataset's held-out split (or --split train), the features the suite compares samples with -
 * written as pytorch-fid's .npz. Prints one JSON object naming the reference to use ({@code stats:/abs/OUT.npz}).
 */
@Command(name = "compute", mixinStandardHelpOptions = true,
        description = {"Write FID statistics (mu, sigma with N-1, n) of a dataset's reference split as .npz.",
                "Exit codes: 0 ok, 2 bad input (message on stderr), 1 internal error."})
public final class StatsComputeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUT.npz", description = "the statistics file to write")
    Path out;

    @Option(names = "--dataset", required = true, paramLabel = "D",
            description = "ring8, grid25, fashion-mnist, mnist, npy:/path/x.npy or folder:/path/dir")
    String dataset;

    @Option(names = "--extractor", paramLabel = "E", description = "feature extractor (default: the dataset's), e.g."
            + " inception-fid (GANBOARD_INCEPTION_PATH) or domain-cnn:<dataset>")
    String extractor;

    @Option(names = "--split", defaultValue = "test", paramLabel = "test|train",
            description = "image datasets: the split (default ${DEFAULT-VALUE}, the held-out one)")
    String split;

    @Option(names = "--n", defaultValue = "10000", paramLabel = "N",
            description = "2-D mixtures: points of the reference sample (default ${DEFAULT-VALUE})")
    int n;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "where trained domain classifiers and reference "
            + "features are kept (default: GANBOARD_CACHE_DIR, else $GANBOARD_HOME/cache)")
    Path cacheDir;

    @Override
    public Integer call() {
        ImageSettings settings = ImageSettings.fromEnvironment();
        if (cacheDir != null) {
            settings = settings.withCacheDir(cacheDir);
        }
        ReferenceStatistics reference = Evaluators.referenceStatistics(settings);
        GaussianStats stats;
        String extractorId;
        try {
            extractorId = reference.extractorFor(dataset, extractor);
            StderrProgress progress = new StderrProgress(spec.commandLine().getErr());
            stats = reference.compute(dataset, extractorId, split, n,
                    (done, total) -> progress.stage("reference features", done, total));
        } catch (EvaluationFailure e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": error: " + e.getMessage());
            return GanboardCli.EXIT_BAD_INPUT;
        }
        Path target = out.toAbsolutePath();
        try {
            FidStatisticsFile.write(target, stats);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("out", target.toString());
        fields.put("reference", StatisticsReference.PREFIX + target);
        fields.put("dataset", dataset);
        fields.put("extractor", extractorId);
        fields.put("split", reference.hasSplits(dataset) ? split : null);
        fields.put("n", stats.n());
        fields.put("dim", stats.dim());
        fields.put("cov_ddof", 1);
        fields.put("sha256", StatisticsReference.sha256(target));
        JsonOutput.print(spec, fields);
        return GanboardCli.EXIT_OK;
    }
}
