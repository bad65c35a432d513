package dev.ganboard.sdk;

import dev.ganboard.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Entry point: {@code try (Run run = GanBoard.init(new RunSpec().project("ring8").variant("NS-GAN").seed(1))) {...}}.
 * Configuration comes from the environment (GANBOARD_URL, GANBOARD_API_KEY, GANBOARD_PROJECT, GANBOARD_MODE, ...)
 * unless a {@link Config} is passed.
 */
public final class GanBoard {
    public static final String VERSION = "0.1.0";
    private static final Pattern VARIANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.+:-]{0,99}");
    private static final Pattern PROJECT = Pattern.compile("[0-9]+|(?=.*[A-Za-z_.-])[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    private GanBoard() {
    }

    public static Run init(RunSpec spec) {
        return init(Config.fromEnv(), spec);
    }

    /**
     * Starts a run. Online: checks the API key (a wrong one throws {@link AuthenticationException} at once), creates
     * the project if missing and the run; if the server cannot be reached within the init timeout the run starts
     * anyway and is created when the server comes back. Offline: touches only the local disk.
     */
    public static Run init(Config config, RunSpec spec) {
        String project = spec.project() != null ? spec.project() : config.project();
        if (project == null || !PROJECT.matcher(project).matches()) {
            throw new IllegalArgumentException(project == null ? "no project: RunSpec.project(...) or GANBOARD_PROJECT"
                    : "project '" + project + "': an id, or a name of 1-100 letters, digits, '_', '.', '-'");
        }
        String variant = spec.variant() != null ? spec.variant() : "default";
        if (!VARIANT.matcher(variant).matches()) {
            throw new IllegalArgumentException("variant '" + variant + "': 1-100 characters of letters, digits, space, '_.+:-'");
        }
        String localId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("format", 1);
        info.put("local_id", localId);
        // sent with the creation request, so every retry of it (this process, or a later sync) names the same run
        info.put("idempotency_key", UUID.randomUUID().toString());
        info.put("project", project);
        info.put("dataset", spec.dataset());
        info.put("variant", variant);
        info.put("seed", spec.seed());
        info.put("config", spec.config());
        info.put("code_version", spec.codeVersion());
        info.put("url", config.url());
        info.put("mode", config.mode().name().toLowerCase(java.util.Locale.ROOT));
        info.put("created_at", System.currentTimeMillis());
        info.put("sdk", "java " + VERSION);
        try {
            Json.mapper().writeValueAsBytes(info);
        } catch (IOException e) {
            throw new IllegalArgumentException("config is not JSON-serialisable: " + e.getMessage(), e);
        }

        boolean online = config.mode() == Config.Mode.ONLINE;
        Api api = new Api(config.url(), config.apiKey());
        boolean reachable = false;
        if (online) {
            reachable = checkCredentials(api, config.initTimeout());
        }
        Path path = config.dir().resolve(localId);
        RunDir dir = null;
        try {
            dir = RunDir.create(path, info);
            RunCreator creator = online ? new RunCreator(api, dir, info) : null;
            if (online && reachable) {
                createNow(creator, api, config.initTimeout());
            }
            Wal wal = Wal.open(path, config.fsync() == Config.Fsync.BATCH);
            Checkpoints checkpoints = new Checkpoints(dir.checkpoints());
            PointQueue queue = new PointQueue(config.maxQueuedPoints(), config.maxPointsPerBatch());
            String label = "run " + localId;
            int maxBytes = config.transport() == Config.Transport.KAFKA ? 768 * 1024 : 4 << 20;
            WalWriter writer = new WalWriter(localId, queue, wal,
                    new BatchEncoder(config.maxPointsPerBatch(), maxBytes), config.fsync(), config.flushInterval());
            Transport transport = null;
            Sender sender = null;
            if (online) {
                transport = config.transport() == Config.Transport.KAFKA
                        ? KafkaTransport.create(config.kafkaBootstrap()) : new HttpTransport(api);
                sender = new Sender(label, wal, transport, creator, api, checkpoints, config.maxBackoff()).start();
                writer.attach(sender);
            }
            writer.start();
            return new Run(localId, config, dir, wal, queue, writer, sender, transport, creator, api, checkpoints,
                    new PointValidator(label));
        } catch (IOException e) {
            if (dir != null) {
                dir.close();
            }
            throw new UncheckedIOException("cannot set up the run directory " + path, e);
        } catch (RuntimeException e) {
            if (dir != null) {
                dir.close();
                deleteQuietly(path); // nothing was logged yet
            }
            throw e;
        }
    }

    /** True when the server answered; throws on a rejected key; false (with a warning) when unreachable. */
    private static boolean checkCredentials(Api api, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2));
        while (true) {
            try {
                api.me();
                return true;
            } catch (IOException e) {
                long delay = backoff.nextDelayMillis();
                if (System.nanoTime() + delay * 1_000_000 > deadline) {
                    Log.warn("GANBoard at %s is unreachable (%s); the run starts anyway, logs to its WAL and is "
                            + "created on the server when it comes back", api.url(), e);
                    return false;
                }
                sleep(delay);
            }
        }
    }

    private static void createNow(RunCreator creator, Api api, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2));
        while (true) {
            try {
                creator.ensure();
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    Log.warn("cannot create the run at %s now (%s); it will be created in the background", api.url(), e);
                    return;
                }
                sleep(backoff.nextDelayMillis());
            } catch (Api.Refused e) {
                throw api.authOr(e, "creating the run");
            }
        }
    }

    /** Delivers offline or interrupted runs: {@code dir} is one run's directory or a parent of run directories. */
    public static SyncReport sync(Path dir) {
        boolean urlGiven = System.getenv("GANBOARD_URL") != null && !System.getenv("GANBOARD_URL").isBlank();
        return new Syncer(Config.fromEnv(), !urlGiven).sync(dir);
    }

    public static SyncReport sync(Config config, Path dir) {
        return new Syncer(config, false).sync(dir);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GanBoardException("interrupted", e);
        }
    }

    private static void deleteQuietly(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: an empty run directory is harmless
        }
    }
}
