package dev.ganboard.worker.cli;

import dev.ganboard.metrics.core.InvalidInputException;
import dev.ganboard.worker.WorkerSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The settings of a stand-alone worker process, from its environment (the table is {@code ganboard worker --help}).
 * A bad value is an {@link InvalidInputException} naming the variable.
 */
final class WorkerEnvironment {
    static final String BOOTSTRAP = "GANBOARD_KAFKA_BOOTSTRAP";
    static final String GROUP = "GANBOARD_WORKER_GROUP";
    static final String ID = "GANBOARD_WORKER_ID";
    static final String THREADS = "GANBOARD_WORKER_THREADS";
    static final String MAX_SAMPLES = "GANBOARD_WORKER_MAX_SAMPLES";
    static final String GENERATED_SAMPLES = "GANBOARD_WORKER_GENERATED_SAMPLES";
    static final String HOME = "GANBOARD_HOME";
    static final String DEFAULT_BOOTSTRAP = "localhost:9092";
    static final int MAX_THREADS = 64;

    private final Map<String, String> env;

    WorkerEnvironment(Map<String, String> env) {
        this.env = env;
    }

    /** $GANBOARD_HOME, default ~/.ganboard: scratch space under worker/, the DJL native cache under cache/djl. */
    Path home() {
        String home = value(HOME);
        return home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".ganboard");
    }

    /**
     * One settings object per worker thread; with several threads the ids are {@code <id>-1}, {@code <id>-2}, ...
     *
     * @param hostName the default worker id
     */
    List<WorkerSettings> settings(String hostName) {
        String bootstrap = orDefault(BOOTSTRAP, DEFAULT_BOOTSTRAP);
        String group = orDefault(GROUP, WorkerSettings.DEFAULT_GROUP);
        String id = orDefault(ID, hostName);
        if (!id.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new InvalidInputException(ID + ": letters, digits, '.', '_' and '-' only (it names a scratch "
                    + "directory), got '" + id + "'");
        }
        int threads = integer(THREADS, 1, 1, MAX_THREADS);
        int maxSamples = integer(MAX_SAMPLES, WorkerSettings.DEFAULT_MAX_SAMPLES, 10, Integer.MAX_VALUE);
        int generated = integer(GENERATED_SAMPLES, Math.min(WorkerSettings.DEFAULT_GENERATED_SAMPLES, maxSamples),
                10, maxSamples);
        Path scratch = home().resolve("worker");
        List<WorkerSettings> all = new ArrayList<>();
        for (int i = 1; i <= threads; i++) {
            String workerId = threads == 1 ? id : id + "-" + i;
            all.add(new WorkerSettings(bootstrap, group, workerId, scratch.resolve(workerId), maxSamples,
                    WorkerSettings.DEFAULT_ABANDON_AFTER, generated));
        }
        return all;
    }

    private String value(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private String orDefault(String name, String fallback) {
        String v = value(name);
        return v == null ? fallback : v;
    }

    private int integer(String name, int fallback, int min, int max) {
        String v = value(name);
        if (v == null) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name + ": a whole number, got '" + v + "'");
        }
        if (parsed < min || parsed > max) {
            throw new InvalidInputException(name + ": between " + min + " and " + max + ", got " + parsed);
        }
        return (int) parsed;
    }
}
