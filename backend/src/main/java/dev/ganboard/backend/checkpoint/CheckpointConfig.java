package dev.ganboard.backend.checkpoint;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings under {@code ganboard.checkpoints.*}. */
@ConfigMapping(prefix = "ganboard.checkpoints")
public interface CheckpointConfig {
    /** Largest blob accepted, in bytes (default 2 GiB). */
    @WithDefault("2147483648")
    long maxSize();

    /** Chunk size handed to uploads that ask for none (512 KiB); at most 720 KiB so a record stays under 1 MiB. */
    @WithDefault("524288")
    int chunkSize();
}
