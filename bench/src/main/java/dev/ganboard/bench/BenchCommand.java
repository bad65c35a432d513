package dev.ganboard.bench;

import dev.ganboard.metrics.linalg.Blas;
import dev.ganboard.worker.cli.GanboardCli;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ganboard bench <what>}: benchmarks with a baseline measured in the same run; each writes its figures into
 * docs/benchmarks.md. The launcher runs this entry point for {@code bench fid|eval|checkpoint}; {@code bench ingest}
 * and {@code bench leaderboard} live with the code they measure (sdk/java, app).
 */
@Command(name = "ganboard bench", mixinStandardHelpOptions = true,
        description = "Benchmarks of the metrics against their Python peers, the image suite and the checkpoint path.",
        subcommands = {BenchFidCommand.class, BenchEvalCommand.class, BenchCheckpointCommand.class})
public final class BenchCommand {
    public static void main(String[] args) {
        GanboardCli.configureLogging(false);
        Blas.preloadInBackground(); // the native libraries load while picocli builds its model
        System.exit(GanboardCli.withErrorHandling(new CommandLine(new BenchCommand())).execute(args));
    }
}
