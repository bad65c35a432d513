package dev.ganboard.worker.cli;

import dev.ganboard.metrics.is.InceptionScore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ganboard metrics is PROBS.npy}: Inception Score from class probabilities. */
@Command(name = "is", mixinStandardHelpOptions = true,
        description = "Inception Score exp(E KL(p(y|x) || p(y))) from an [N, K] .npy of class probabilities.")
public final class IsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROBS", description = "[N, K] class probabilities (rows sum to 1)")
    Path probs;

    @Option(names = "--splits", defaultValue = "10", description = "splits after a seeded shuffle; 1 = none "
            + "(default: ${DEFAULT-VALUE})")
    int splits;

    @Option(names = "--seed", defaultValue = "0", description = "shuffle seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        InceptionScore metric = new InceptionScore(splits, seed);
        JsonOutput.print(spec, metric.compute(FeatureFiles.load(probs)).fields());
        return GanboardCli.EXIT_OK;
    }
}
