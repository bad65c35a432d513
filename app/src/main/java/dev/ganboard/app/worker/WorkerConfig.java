package dev.ganboard.app.worker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings under {@code ganboard.worker.*} for the evaluation workers that run inside the platform. */
@ConfigMapping(prefix = "ganboard.worker")
public interface WorkerConfig {
    /** Run evaluation workers in this process (single-machine mode). */
    @WithDefault("true")
    boolean enabled();

    /** How many workers (threads, each a member of the consumer group). */
    @WithDefault("1")
    int instances();

    /** At most this many (the first) samples of a checkpoint are evaluated. */
    @WithDefault("50000")
    int maxSamples();

    /** Samples drawn from a TorchScript generator whose upload names no n_samples (at most max-samples). */
    @WithDefault("10000")
    int generatedSamples();

    /** An upload with no new chunk for this long (by Kafka record time) is dropped from the worker's disk. */
    @WithDefault("24h")
    Duration abandonAfter();
}
