package dev.ganboard.worker;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How one evaluation worker runs. The embedded platform builds these from its configuration; a stand-alone worker
 * process ({@code ganboard worker}) builds them from GANBOARD_* environment variables.
 *
 * @param workDir       this worker's own scratch directory for reassembly; emptied when the worker starts
 * @param maxSamples    at most this many (the first) samples of a checkpoint are evaluated
 * @param abandonAfter  an upload with no new chunk for this long (by record time) is dropped from disk
 * @param cacheDir      what evaluations compute once and keep (trained domain classifiers, reference features);
 *                      shared by the workers of one host, default $GANBOARD_HOME/cache
 * @param generatedSamples samples drawn from a TorchScript generator whose upload names no n_samples (capped by
 *                         maxSamples)
 */
public record WorkerSettings(String bootstrapServers, String groupId, String workerId, Path workDir, int maxSamples,
                             Duration abandonAfter, Path cacheDir, int generatedSamples) {
    public static final String DEFAULT_GROUP = "ganboard-workers";
    public static final int DEFAULT_MAX_SAMPLES = 50_000;
    public static final int DEFAULT_GENERATED_SAMPLES = 10_000;
    public static final Duration DEFAULT_ABANDON_AFTER = Duration.ofHours(24);

    public WorkerSettings {
        if (maxSamples < 1) {
            throw new IllegalArgumentException("maxSamples must be positive, got " + maxSamples);
        }
        if (generatedSamples < 1) {
            throw new IllegalArgumentException("generatedSamples must be positive, got " + generatedSamples);
        }
        cacheDir = cacheDir == null ? ImageSettings.defaultCacheDir(System.getenv()) : cacheDir;
    }

    /** With the default cache directory and sample count of generators. */
    public WorkerSettings(String bootstrapServers, String groupId, String workerId, Path workDir, int maxSamples,
                          Duration abandonAfter) {
        this(bootstrapServers, groupId, workerId, workDir, maxSamples, abandonAfter, null);
    }

    /** With the default sample count of generators. */
    public WorkerSettings(String bootstrapServers, String groupId, String workerId, Path workDir, int maxSamples,
                          Duration abandonAfter, Path cacheDir) {
        this(bootstrapServers, groupId, workerId, workDir, maxSamples, abandonAfter, cacheDir,
                Math.min(DEFAULT_GENERATED_SAMPLES, maxSamples));
    }

    /** With the default cache directory. */
    public WorkerSettings(String bootstrapServers, String groupId, String workerId, Path workDir, int maxSamples,
                          Duration abandonAfter, int generatedSamples) {
        this(bootstrapServers, groupId, workerId, workDir, maxSamples, abandonAfter, null, generatedSamples);
    }
}
