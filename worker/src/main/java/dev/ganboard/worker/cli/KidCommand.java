package dev.ganboard.worker.cli;

import dev.ganboard.metrics.kid.Kid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ganboard metrics kid REAL FAKE}: Kernel Inception Distance. */
@Command(name = "kid", mixinStandardHelpOptions = true,
        description = "Kernel Inception Distance: unbiased MMD^2 with kernel (x.y/d + 1)^3 over seeded subsets.")
public final class KidCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REAL", description = "[N, D] real features")
    Path real;

    @Parameters(index = "1", paramLabel = "FAKE", description = "[M, D] generated features")
    Path fake;

    @Option(names = "--subsets", defaultValue = "100", description = "number of subsets (default: ${DEFAULT-VALUE})")
    int subsets;

    @Option(names = "--subset-size", description = "rows per subset (default: min(1000, N, M)); "
            + "--subsets 1 --subset-size N is the exact estimate on all samples")
    Integer subsetSize;

    @Option(names = "--seed", defaultValue = "0", description = "subset seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        Kid metric = new Kid(subsets, subsetSize, seed);
        JsonOutput.print(spec, metric.compute(FeatureFiles.load(real), FeatureFiles.load(fake)).fields());
        return GanboardCli.EXIT_OK;
    }
}
