package dev.ganboard.worker.cli;

import dev.ganboard.metrics.core.InvalidInputException;
import dev.ganboard.metrics.linalg.Blas;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the command-line tools ({@code ./ganboard metrics|eval|worker ...}; the benchmarks have their own
 * module and entry point, bench/): a thin dispatcher, one class per subcommand. Exit codes: 0 success, 2 bad usage or bad input (message on stderr), 1 unexpected failure.
 * picocli instantiates every subcommand at start-up, so keep their constructors and static initialisers cheap
 * (no Jackson mappers, no native libraries): `metrics fid` runs once per checkpoint and start-up is part of its cost.
 */
@Command(name = "ganboard", mixinStandardHelpOptions = true, version = "GANBoard 0.1.0",
        description = "GANBoard command-line tools.",
        subcommands = {MetricsCommand.class, EvalCommand.class, ReferenceStatsCommand.class, WorkerCommand.class})
public final class GanboardCli {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_BAD_INPUT = 2;

    public static void main(String[] args) {
        configureLogging(args.length > 0 && args[0].equals("worker"));
        if (args.length > 0 && args[0].equals("metrics")) {
            Blas.preloadInBackground(); // the native libraries load while picocli builds its model
        }
        System.exit(commandLine().execute(args));
    }

    /**
     * slf4j-simple on stderr, set before the first logger: the worker process logs at GANBOARD_LOG_LEVEL (default
     * info) with timestamps; the one-shot tools only warn, so their stderr stays for errors.
     */
    public static void configureLogging(boolean worker) {
        String level = System.getenv("GANBOARD_LOG_LEVEL");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel",
                level != null && !level.isBlank() ? level.strip().toLowerCase(java.util.Locale.ROOT)
                        : worker ? "info" : "warn");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        setIfAbsent("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** The configured command line (used by main and by in-process tests). */
    public static CommandLine commandLine() {
        return withErrorHandling(new CommandLine(new GanboardCli()));
    }

    /** Exit codes and messages of every GANBoard tool: bad input 2 with its message, anything else 1. */
    public static CommandLine withErrorHandling(CommandLine cli) {
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
