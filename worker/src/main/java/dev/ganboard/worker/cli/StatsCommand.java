package dev.ganboard.worker.cli;

import dev.ganboard.metrics.fid.FeatureStatistics;
import dev.ganboard.metrics.fid.FidStatisticsFile;
import dev.ganboard.metrics.fid.GaussianStats;
import dev.ganboard.metrics.io.NpyFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ganboard metrics stats FEATURES.npy --out STATS.npz}: FID statistics to reuse (e.g. of a dataset). */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Save FID statistics (mu, sigma with N-1, n) of a feature set as .npz for `metrics fid`.")
public final class StatsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FEATURES", description = "[N, D] .npy features")
    Path features;

    @Option(names = "--out", required = true, paramLabel = "STATS.npz", description = "output .npz")
    Path out;

    @Override
    public Integer call() {
        GaussianStats stats;
        try (NpyFile f = FeatureFiles.open(features)) {
            stats = FeatureStatistics.compute(f);
        }
        try {
            FidStatisticsFile.write(out, stats);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("out", out.toString());
        fields.put("n", stats.n());
        fields.put("dim", stats.dim());
        fields.put("cov_ddof", 1);
        JsonOutput.print(spec, fields);
        return GanboardCli.EXIT_OK;
    }
}
