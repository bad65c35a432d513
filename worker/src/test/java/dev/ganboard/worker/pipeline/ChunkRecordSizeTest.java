package dev.ganboard.worker.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.protocol.Json;
import dev.ganboard.protocol.checkpoint.CheckpointChunk;
import dev.ganboard.protocol.checkpoint.CheckpointRecord;
import dev.ganboard.protocol.checkpoint.ChunkLayout;
import dev.ganboard.protocol.checkpoint.Sha256;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkRecordSizeTest {
    @Test
    void theLargestChunkStillMakesARecordUnderOneMebibyteAndRoundTrips() {
        byte[] data = new byte[ChunkLayout.MAX_CHUNK_SIZE];
        new Random(1).nextBytes(data);
        CheckpointChunk chunk = new CheckpointChunk(Long.MAX_VALUE, Long.MAX_VALUE, 65_535, Long.MAX_VALUE,
                Sha256.of(data), data);
        byte[] json = Json.write(chunk);
        assertTrue(json.length <= 1024 * 1024, json.length + " bytes");
        CheckpointChunk back = assertInstanceOf(CheckpointChunk.class, Json.read(json, CheckpointRecord.class));
        assertArrayEquals(data, back.data());
    }
}
