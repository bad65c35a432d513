package dev.ganboard.worker.cli;

import picocli.CommandLine.Command;

/** {@code ganboard metrics <metric> ...}: one metric from .npy files, one JSON object on stdout. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Compute a GAN evaluation metric from .npy files (2-D [N, D], little-endian float32/float64, "
                + "C order) and print one JSON object on stdout.",
                "Exit codes: 0 ok, 2 bad usage or bad input (message on stderr), 1 internal error.",
                "Definitions and conventions: docs/metrics.md"},
        subcommands = {FidCommand.class, StatsCommand.class, IsCommand.class, KidCommand.class, PrdcCommand.class,
                ModesCommand.class})
public final class MetricsCommand {
}
