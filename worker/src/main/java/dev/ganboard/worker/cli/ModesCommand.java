package dev.ganboard.worker.cli;

import dev.ganboard.metrics.modes.Mixture;
import dev.ganboard.metrics.modes.ModeCoverage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ganboard metrics modes --mixture ring8|grid25 SAMPLES}: mode coverage on a 2-D mixture. */
@Command(name = "modes", mixinStandardHelpOptions = true,
        description = "Mode coverage, high-quality fraction and KL to uniform of 2-D samples on a known mixture.")
public final class ModesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--mixture", required = true, paramLabel = "ring8|grid25",
            description = "ring8: 8 Gaussians on the unit circle, sigma 0.01; grid25: 5x5 at {-4..4}^2, sigma 0.05")
    String mixture;

    @Parameters(index = "0", paramLabel = "SAMPLES", description = "[N, 2] generated points")
    Path samples;

    @Override
    public Integer call() {
        ModeCoverage metric = new ModeCoverage(Mixture.parse(mixture));
        JsonOutput.print(spec, metric.compute(FeatureFiles.load(samples)).fields());
        return GanboardCli.EXIT_OK;
    }
}
