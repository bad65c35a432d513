package dev.ganboard.worker.cli;

import dev.ganboard.metrics.fid.FeatureStatistics;
import dev.ganboard.metrics.fid.Fid;
import dev.ganboard.metrics.fid.FidResult;
import dev.ganboard.metrics.fid.FidStatisticsFile;
import dev.ganboard.metrics.fid.GaussianStats;
import dev.ganboard.metrics.core.Inputs;
import dev.ganboard.metrics.io.NpyFile;
import dev.ganboard.metrics.linalg.Blas;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ganboard metrics fid REAL FAKE}: Fréchet distance from features (.npy) or stored statistics (.npz). */
@Command(name = "fid", mixinStandardHelpOptions = true,
        description = {"Frechet Inception Distance between two feature sets (float64 statistics, covariance N-1).",
                "Each input is an [N, D] .npy of features or a .npz with 'mu' and 'sigma' (pytorch-fid format)."})
public final class FidCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REAL", description = "real features .npy, or statistics .npz")
    Path real;

    @Parameters(index = "1", paramLabel = "FAKE", description = "generated features .npy, or statistics .npz")
    Path fake;

    @Option(names = "--report-resources", description = "add elapsed_s and peak_rss_mib to the output")
    boolean reportResources;

    @Override
    public Integer call() {
        ResourceReport resources = new ResourceReport();
        FidResult result = compute(real, fake);
        Map<String, Object> fields = result.fields();
        if (reportResources) {
            resources.addTo(fields);
        }
        JsonOutput.print(spec, fields);
        return GanboardCli.EXIT_OK;
    }

    /** The whole CLI path - read, statistics, distance - shared with the benchmark. */
    public static FidResult compute(Path real, Path fake) {
        Blas.preloadInBackground(); // overlaps library loading with reading the first file
        if (!FeatureFiles.isStatistics(real) && !FeatureFiles.isStatistics(fake)) {
            try (NpyFile r = FeatureFiles.open(real); NpyFile f = FeatureFiles.open(fake)) {
                Inputs.requireSameDim(r, f);
                return new Fid().compute(r, f);
            }
        }
        return Fid.between(statistics(real), statistics(fake));
    }

    private static GaussianStats statistics(Path path) {
        if (FeatureFiles.isStatistics(path)) {
            return FidStatisticsFile.read(path);
        }
        try (NpyFile f = FeatureFiles.open(path)) {
            return FeatureStatistics.compute(f);
        }
    }
}
