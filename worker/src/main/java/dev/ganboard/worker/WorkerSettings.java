package dev.ganboard.worker;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How one evaluation worker runs. The embedded platform builds these from its configuration; a stand-alone worker
 * process (later) will build them from GANBOARD_* environment variables.
 *
 * @param workDir       this worker's own scratch directory for reassembly; emptied when the worker starts
 * @param maxSamples    at most this many (the first) samples of a checkpoint are evaluated
 * @param abandonAfter  an upload with no new chunk for this long (by record time) is dropped from disk
 * @param cacheDir      what evaluations compute once and keep (trained domain classifiers, reference features);
 *                      shared by the workers of one host, default $GANBOARD_HOME/cache
 */
public record WorkerSettings(String bootstrapServers, String groupId, String workerId, Path workDir, int maxSamples,
                             Duration abandonAfter, Path cacheDir) {
    public static final String DEFAULT_GROUP = "ganboard-workers";
    public static final int DEFAULT_MAX_SAMPLES = 50_000;
    public static final Duration DEFAULT_ABANDON_AFTER = Duration.ofHours(24);

    public WorkerSettings {
        if (maxSamples < 1) {
            throw new IllegalArgumentException("maxSamples must be positive, got " + maxSamples);
        }
        cacheDir = cacheDir == null ? ImageSettings.defaultCacheDir(System.getenv()) : cacheDir;
    }

    /** With the default cache directory. */
    public WorkerSettings(String bootstrapServers, String groupId, String workerId, Path workDir, int maxSamples,
                          Duration abandonAfter) {
        this(bootstrapServers, groupId, workerId, workDir, maxSamples, abandonAfter, null);
    }
}
