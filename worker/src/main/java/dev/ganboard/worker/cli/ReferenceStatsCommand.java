package dev.ganboard.worker.cli;

import picocli.CommandLine.Command;

/** {@code ganboard stats compute ...}: FID reference statistics of a dataset, in the pytorch-fid .npz format. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Reference statistics (mu, sigma) of a dataset in a feature space, as .npz files that"
                + " pytorch-fid / clean-fid read and that GANBoard uses as a reference: dataset stats:/path/x.npz.",
                "Definitions: docs/metrics.md"},
        subcommands = {StatsComputeCommand.class})
public final class ReferenceStatsCommand {
}
