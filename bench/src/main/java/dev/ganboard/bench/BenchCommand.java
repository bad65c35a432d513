package dev.ganboard.bench;

import picocli.CommandLine.Command;

/** {@code ganboard bench <what>}: benchmarks against the Python peers; figures go to docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks of the metrics against their Python peers.",
        subcommands = {BenchFidCommand.class, BenchEvalCommand.class})
public final class BenchCommand {
}
