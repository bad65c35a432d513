package dev.ganboard.demo.cli;

import dev.ganboard.demo.image.ImageDataset;
import dev.ganboard.demo.report.OutcomeReport;
import dev.ganboard.demo.runner.Progress;
import dev.ganboard.demo.runner.RunSink;
import dev.ganboard.demo.runner.StudyResult;
import dev.ganboard.demo.runner.StudyRunner;
import dev.ganboard.demo.sink.CsvSink;
import dev.ganboard.demo.sink.GanBoardSink;
import dev.ganboard.demo.sink.SummarySink;
import dev.ganboard.demo.sink.TeeSink;
import dev.ganboard.demo.study.Job;
import dev.ganboard.demo.study.Study;
import dev.ganboard.demo.study.StudyException;
import dev.ganboard.demo.study.StudyFiles;
import dev.ganboard.sdk.Config;
import dev.ganboard.sdk.GanBoardException;
import dev.ganboard.torch.TorchSetup;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code demo [FILE|NAME | --study FILE|NAME] [--url URL --api-key KEY] [--parallel N] [--csv DIR]}: trains a
 * study's GANs and streams them to GANBoard (or, with --csv, to files). Exit codes: 0 all runs finished, 1 some run
 * failed or the server refused the runs, 2 bad study file or options.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, version = "GANBoard demo 0.1.0",
        description = "Train a study's GAN variants x seeds with DJL and log them to GANBoard.")
public final class StudyCommand implements Callable<Integer> {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_INPUT = 2;
    static final String DEFAULT_STUDY = "mixtures";
    static final String FASHION_STUDY = "fashion-mnist";

    @Option(names = "--study", paramLabel = "FILE|NAME",
            description = "study file (.json, .yaml) or bundled study name (mixtures, tiny, fashion-mnist); default: "
                    + "mixtures, then fashion-mnist when the dataset is installed")
    String studyOption;

    @Parameters(arity = "0..1", paramLabel = "FILE|NAME", description = "the same as --study")
    String studyParameter;

    @Option(names = "--url", paramLabel = "URL", description = "GANBoard URL (default: $GANBOARD_URL, else "
            + "http://localhost:8080)")
    String url;

    @Option(names = "--api-key", paramLabel = "KEY", description = "API key (default: $GANBOARD_API_KEY, else "
            + "$GANBOARD_HOME/admin-api-key for a server on this machine)")
    String apiKey;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "2",
            description = "runs trained at once; default: ${DEFAULT-VALUE}")
    int parallel;

    @Option(names = "--csv", paramLabel = "DIR",
            description = "write losses.csv and samples .npy under DIR instead of logging to GANBoard")
    Path csv;

    @Option(names = "--wait-evaluations", paramLabel = "SECONDS", defaultValue = "300",
            description = "at the end, wait at most this long for the checkpoints' evaluations before saying what "
                    + "happened; default: ${DEFAULT-VALUE}")
    long waitEvaluations;

    @Option(names = "--code-version", paramLabel = "V", description = "recorded with every run, e.g. a git commit")
    String codeVersion;

    private final Map<String, String> env;
    private final PrintStream out;

    public StudyCommand() {
        this(System.getenv(), System.out);
    }

    StudyCommand(Map<String, String> env, PrintStream out) {
        this.env = env;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command in this JVM (e.g. from the platform's launcher code) and returns its exit code. */
    public static int execute(String... args) {
        return commandLine(new StudyCommand()).execute(args);
    }

    static CommandLine commandLine(StudyCommand command) {
        CommandLine cli = new CommandLine(command);
        cli.setExecutionExceptionHandler((ex, cmd, parse) -> {
            if (ex instanceof StudyException || ex instanceof IllegalArgumentException) {
                cmd.getErr().println("demo: error: " + ex.getMessage());
                return EXIT_BAD_INPUT;
            }
            if (ex instanceof GanBoardException) {
                cmd.getErr().println("demo: GANBoard refused the run: " + ex.getMessage());
                return EXIT_FAILED;
            }
            cmd.getErr().println("demo: internal error: " + ex);
            ex.printStackTrace(cmd.getErr());
            return EXIT_FAILED;
        });
        return cli;
    }

    @Override
    public Integer call() {
        if (parallel < 1) {
            throw new IllegalArgumentException("--parallel must be >= 1, got " + parallel);
        }
        if (studyOption != null && studyParameter != null) {
            throw new IllegalArgumentException("give the study once: as --study or as the argument, not both");
        }
        TorchSetup.configure(TorchSetup.defaultCacheDir(env));
        String spec = studyOption != null ? studyOption : studyParameter;
        List<Study> studies = spec != null ? List.of(StudyFiles.resolve(spec))
                : defaultStudies().stream().map(StudyFiles::bundled).toList();
        int exit = EXIT_OK;
        for (int i = 0; i < studies.size(); i++) {
            if (i > 0) {
                out.println();
            }
            exit = Math.max(exit, run(studies.get(i)));
        }
        return exit;
    }

    /**
     * Without a study argument: the mixtures, then the Fashion-MNIST DCGAN study when the dataset is installed
     * (said in one line either way, so a missing dataset is not a silent surprise).
     */
    List<String> defaultStudies() {
        Path dir = ImageDataset.directory(env);
        if (ImageDataset.available(dir)) {
            out.println("Fashion-MNIST found in " + dir + ": after the mixtures, the DCGAN study " + FASHION_STUDY);
            return List.of(DEFAULT_STUDY, FASHION_STUDY);
        }
        out.println("Fashion-MNIST not found in " + dir + " (apt install dataset-fashion-mnist, or set "
                + "GANBOARD_FASHION_MNIST_DIR): training the mixtures only");
        return List.of(DEFAULT_STUDY);
    }

    private int run(Study s) {
        Path images = ImageDataset.directory(env);
        if (s.datasets().stream().anyMatch(ImageDataset::isImageDataset) && !ImageDataset.available(images)) {
            throw new IllegalArgumentException("study " + s.name() + " trains on Fashion-MNIST, which is not in "
                    + images + " (apt install dataset-fashion-mnist, or set GANBOARD_FASHION_MNIST_DIR)");
        }
        SummarySink summary = new SummarySink();
        RunSink target;
        if (csv != null) {
            target = new CsvSink(csv);
            out.println("writing runs under " + csv.toAbsolutePath());
        } else {
            Config.Builder config = Config.fromEnv(env);
            if (url != null) {
                config.url(url);
            }
            if (apiKey != null) {
                config.apiKey(apiKey);
            }
            Config c = config.build();
            out.println("logging to " + c.url() + " (projects " + String.join(", ",
                    s.datasets().stream().map(d -> s.name() + "-" + d).toList()) + ")");
            target = new GanBoardSink(c, codeVersion);
        }
        StudyResult result = new StudyRunner(parallel, new Progress(out)).run(s, new TeeSink(target, summary));
        out.println();
        summary.print(out);
        out.printf("%n%d of %d runs finished in %s%s%n", result.finished().size(), result.total(),
                formatElapsed(result), result.failed().isEmpty() ? "" : "; failed: " + result.failed().keySet());
        if (target instanceof GanBoardSink board) {
            reportOutcome(board.config(), s.jobs().stream().map(Job::project).distinct().toList());
        }
        return result.ok() ? EXIT_OK : EXIT_FAILED;
    }

    /** Per project, what the server made of the study (evaluations included) and where to look. */
    private void reportOutcome(Config c, List<String> projects) {
        out.println();
        try {
            OutcomeReport report = new OutcomeReport(c.url(), c.apiKey());
            report.print(report.await(projects, Duration.ofSeconds(Math.max(0, waitEvaluations)),
                    Duration.ofSeconds(1), out), out);
        } catch (RuntimeException e) {
            out.println("cannot say what happened on the server: " + e.getMessage() + "; see " + c.url());
        }
    }

    private static String formatElapsed(StudyResult result) {
        long s = result.elapsed().toSeconds();
        return s / 60 + " min " + s % 60 + " s";
    }
}
