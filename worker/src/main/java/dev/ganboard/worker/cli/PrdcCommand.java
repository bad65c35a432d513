package dev.ganboard.worker.cli;

import dev.ganboard.metrics.prdc.Prdc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ganboard metrics prdc REAL FAKE}: precision, recall, density and coverage. */
@Command(name = "prdc", mixinStandardHelpOptions = true,
        description = "Precision/recall (Kynkaanniemi et al. 2019, <=) and density/coverage (Naeem et al. 2020, <) "
                + "from k-nearest-neighbour balls.")
public final class PrdcCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REAL", description = "[N, D] real features")
    Path real;

    @Parameters(index = "1", paramLabel = "FAKE", description = "[M, D] generated features")
    Path fake;

    @Option(names = "--k-pr", defaultValue = "3", description = "k for precision/recall (default: ${DEFAULT-VALUE})")
    int kPr;

    @Option(names = "--k-dc", defaultValue = "5", description = "k for density/coverage (default: ${DEFAULT-VALUE})")
    int kDc;

    @Override
    public Integer call() {
        Prdc metric = new Prdc(kPr, kDc);
        JsonOutput.print(spec, metric.compute(FeatureFiles.load(real), FeatureFiles.load(fake)).fields());
        return GanboardCli.EXIT_OK;
    }
}
