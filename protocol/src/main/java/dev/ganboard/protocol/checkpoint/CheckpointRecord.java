package dev.ganboard.protocol.checkpoint;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What travels on {@link dev.ganboard.protocol.Topics#CHECKPOINTS}, key = checkpoint id: the chunks of one blob,
 * then one {@link CheckpointReady}. One key keeps them in order on one partition. Written and read with
 * {@link CheckpointRecords} (chunks binary, the ready record JSON); the JSON type names stay for chunks written
 * before chunks were binary.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = CheckpointChunk.class, name = "chunk"),
        @JsonSubTypes.Type(value = CheckpointReady.class, name = "ready")})
public sealed interface CheckpointRecord permits CheckpointChunk, CheckpointReady {
    long checkpointId();

    long runId();

    /** The Kafka record key of every record of a checkpoint. */
    static String key(long checkpointId) {
        return Long.toString(checkpointId);
    }
}
