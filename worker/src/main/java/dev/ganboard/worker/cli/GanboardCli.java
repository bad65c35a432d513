package dev.ganboard.worker.cli;

import dev.ganboard.metrics.core.InvalidInputException;
import dev.ganboard.metrics.linalg.Blas;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the command-line tools ({@code ./ganboard metrics|bench ...}): a thin dispatcher, one class per
 * subcommand. Exit codes: 0 success, 2 bad usage or bad input (message on stderr), 1 unexpected failure.
 * picocli instantiates every subcommand at start-up, so keep their constructors and static initialisers cheap
 * (no Jackson mappers, no native libraries): `metrics fid` runs once per checkpoint and start-up is part of its cost.
 */
@Command(name = "ganboard", mixinStandardHelpOptions = true, version = "GANBoard 0.1.0",
        description = "GANBoard command-line tools.",
        subcommands = {MetricsCommand.class, BenchCommand.class, EvalCommand.class})
public final class GanboardCli {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_BAD_INPUT = 2;

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("metrics") || args[0].equals("bench"))) {
            Blas.preloadInBackground(); // the native libraries load while picocli builds its model
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (used by main and by in-process tests). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new GanboardCli());
        cli.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            String who = cmd.getCommandSpec().qualifiedName();
            if (ex instanceof InvalidInputException) {
                cmd.getErr().println(who + ": error: " + ex.getMessage());
                return EXIT_BAD_INPUT;
            }
            cmd.getErr().println(who + ": internal error: " + ex);
            ex.printStackTrace(cmd.getErr());
            return EXIT_FAILURE;
        });
        return cli;
    }
}
