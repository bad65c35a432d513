package dev.ganboard.sdk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how a run talks to GANBoard. Every field has an environment variable (read by {@link #fromEnv()}) and a
 * builder method; code wins over the environment when both are given ({@code Config.fromEnv().toBuilder().url(..)}).
 */
public final class Config {
    public enum Mode { ONLINE, OFFLINE }

    public enum Transport { HTTP, KAFKA }

    /** When the write-ahead log is forced to disk. */
    public enum Fsync {
        /** fsync after every batch written, before it is sent: nothing written is lost on power failure. */
        BATCH,
        /** leave it to the operating system: a killed process loses nothing written, a power cut may. */
        OFF
    }

    private final String url;
    private final String apiKey;
    private final String project;
    private final Mode mode;
    private final Path dir;
    private final Transport transport;
    private final String kafkaBootstrap;
    private final Duration flushInterval;
    private final Fsync fsync;
    private final Duration finishTimeout;
    private final Duration initTimeout;
    private final int maxPointsPerBatch;
    private final int maxQueuedPoints;
    private final Duration maxBackoff;

    private Config(Builder b) {
        this.url = stripSlash(Objects.requireNonNullElse(b.url, "http://localhost:8080"));
        this.apiKey = b.apiKey != null ? b.apiKey : localAdminKey(this.url, b.localHome);
        this.project = b.project;
        this.mode = Objects.requireNonNullElse(b.mode, Mode.ONLINE);
        this.dir = Objects.requireNonNullElse(b.dir, Path.of(System.getProperty("user.home"), ".ganboard", "sdk"));
        this.transport = Objects.requireNonNullElse(b.transport, Transport.HTTP);
        this.kafkaBootstrap = b.kafkaBootstrap;
        this.flushInterval = Objects.requireNonNullElse(b.flushInterval, Duration.ofMillis(200));
        this.fsync = Objects.requireNonNullElse(b.fsync, Fsync.BATCH);
        this.finishTimeout = Objects.requireNonNullElse(b.finishTimeout, Duration.ofSeconds(60));
        this.initTimeout = Objects.requireNonNullElse(b.initTimeout, Duration.ofSeconds(10));
        this.maxPointsPerBatch = b.maxPointsPerBatch > 0 ? Math.min(b.maxPointsPerBatch, 10_000) : 10_000;
        this.maxQueuedPoints = b.maxQueuedPoints > 0 ? b.maxQueuedPoints : 1_000_000;
        this.maxBackoff = Objects.requireNonNullElse(b.maxBackoff, Duration.ofSeconds(5));
        if (transport == Transport.KAFKA && (kafkaBootstrap == null || kafkaBootstrap.isBlank())) {
            throw new IllegalArgumentException("transport KAFKA needs GANBOARD_KAFKA_BOOTSTRAP (host:port,...)");
        }
    }

    /** Settings from the process environment (GANBOARD_URL, GANBOARD_API_KEY, GANBOARD_PROJECT, GANBOARD_MODE, ...). */
    public static Config fromEnv() {
        return fromEnv(System.getenv()).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled from the given environment map. Unknown enum values fail with the variable's name. */
    public static Builder fromEnv(Map<String, String> env) {
        Builder b = new Builder();
        b.url = blankToNull(env.get("GANBOARD_URL"));
        b.apiKey = blankToNull(env.get("GANBOARD_API_KEY"));
        b.localHome = blankToNull(env.get("GANBOARD_HOME"));
        b.project = blankToNull(env.get("GANBOARD_PROJECT"));
        b.mode = parse(Mode.class, "GANBOARD_MODE", env.get("GANBOARD_MODE"));
        String dir = blankToNull(env.get("GANBOARD_DIR"));
        b.dir = dir == null ? null : Path.of(dir);
        b.transport = parse(Transport.class, "GANBOARD_TRANSPORT", env.get("GANBOARD_TRANSPORT"));
        b.kafkaBootstrap = blankToNull(env.get("GANBOARD_KAFKA_BOOTSTRAP"));
        b.fsync = parse(Fsync.class, "GANBOARD_FSYNC", env.get("GANBOARD_FSYNC"));
        String flush = blankToNull(env.get("GANBOARD_FLUSH_MS"));
        b.flushInterval = flush == null ? null : Duration.ofMillis(Long.parseLong(flush));
        String finish = blankToNull(env.get("GANBOARD_FINISH_TIMEOUT_S"));
        b.finishTimeout = finish == null ? null : Duration.ofMillis((long) (Double.parseDouble(finish) * 1000));
        return b;
    }

    /**
     * The single-machine convenience: without an API key, a server on this machine's loopback address is reached with
     * its admin key file ($GANBOARD_HOME/admin-api-key) if readable. Never for another host: the key stays local.
     */
    private static String localAdminKey(String url, String home) {
        String host = java.net.URI.create(url).getHost();
        if (!("localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host))) {
            return null;
        }
        Path file = (home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".ganboard"))
                .resolve("admin-api-key");
        try {
            return Files.isReadable(file) ? blankToNull(Files.readString(file).trim()) : null;
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name, String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + "=" + value + ": expected one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.url = url;
        b.apiKey = apiKey;
        b.project = project;
        b.mode = mode;
        b.dir = dir;
        b.transport = transport;
        b.kafkaBootstrap = kafkaBootstrap;
        b.flushInterval = flushInterval;
        b.fsync = fsync;
        b.finishTimeout = finishTimeout;
        b.initTimeout = initTimeout;
        b.maxPointsPerBatch = maxPointsPerBatch;
        b.maxQueuedPoints = maxQueuedPoints;
        b.maxBackoff = maxBackoff;
        return b;
    }

    public String url() { return url; }
    public String apiKey() { return apiKey; }
    public String project() { return project; }
    public Mode mode() { return mode; }
    public Path dir() { return dir; }
    public Transport transport() { return transport; }
    public String kafkaBootstrap() { return kafkaBootstrap; }
    public Duration flushInterval() { return flushInterval; }
    public Fsync fsync() { return fsync; }
    public Duration finishTimeout() { return finishTimeout; }
    public Duration initTimeout() { return initTimeout; }
    public int maxPointsPerBatch() { return maxPointsPerBatch; }
    public int maxQueuedPoints() { return maxQueuedPoints; }
    public Duration maxBackoff() { return maxBackoff; }

    @Override
    public String toString() {
        return "Config[url=" + url + ", apiKey=" + (apiKey == null ? "none" : "***") + ", project=" + project
                + ", mode=" + mode + ", dir=" + dir + ", transport=" + transport + ", fsync=" + fsync
                + ", flushInterval=" + flushInterval + "]";
    }

    public static final class Builder {
        private String url;
        private String apiKey;
        private String project;
        private Mode mode;
        private Path dir;
        private Transport transport;
        private String kafkaBootstrap;
        private Duration flushInterval;
        private Fsync fsync;
        private Duration finishTimeout;
        private Duration initTimeout;
        private int maxPointsPerBatch;
        private int maxQueuedPoints;
        private Duration maxBackoff;
        private String localHome;

        private Builder() {
        }

        /** Base URL of the server, e.g. http://localhost:8080 (GANBOARD_URL). */
        public Builder url(String url) { this.url = url; return this; }
        /** API key sent as "Authorization: Bearer" (GANBOARD_API_KEY). */
        public Builder apiKey(String apiKey) { this.apiKey = apiKey; return this; }
        /** Default project when the run spec names none (GANBOARD_PROJECT). */
        public Builder project(String project) { this.project = project; return this; }
        /** ONLINE (default) or OFFLINE: write the WAL only, deliver later with sync (GANBOARD_MODE). */
        public Builder mode(Mode mode) { this.mode = mode; return this; }
        /** Parent of the per-run WAL directories, default ~/.ganboard/sdk (GANBOARD_DIR). */
        public Builder dir(Path dir) { this.dir = dir; return this; }
        /** HTTP (default) or KAFKA: metric batches produced straight to the cluster's broker (GANBOARD_TRANSPORT). */
        public Builder transport(Transport transport) { this.transport = transport; return this; }
        public Builder kafkaBootstrap(String bootstrap) { this.kafkaBootstrap = bootstrap; return this; }
        /** How long logged points may wait in memory before they are written to the WAL (GANBOARD_FLUSH_MS, 200 ms). */
        public Builder flushInterval(Duration interval) { this.flushInterval = interval; return this; }
        public Builder fsync(Fsync fsync) { this.fsync = fsync; return this; }
        /** How long finish() waits for delivery before it leaves the rest to sync (GANBOARD_FINISH_TIMEOUT_S, 60 s). */
        public Builder finishTimeout(Duration timeout) { this.finishTimeout = timeout; return this; }
        /** How long init() tries to reach the server before it continues and creates the run in the background. */
        public Builder initTimeout(Duration timeout) { this.initTimeout = timeout; return this; }
        public Builder maxPointsPerBatch(int n) { this.maxPointsPerBatch = n; return this; }
        /** Points held in memory before log() waits for the WAL writer (backpressure, never data loss). */
        public Builder maxQueuedPoints(int n) { this.maxQueuedPoints = n; return this; }
        public Builder maxBackoff(Duration max) { this.maxBackoff = max; return this; }

        public Config build() {
            return new Config(this);
        }
    }
}
