package dev.ganboard.protocol.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.protocol.Json;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CheckpointRecordsTest {
    private static CheckpointChunk chunk(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return new CheckpointChunk(12, 3, 5, 5L * size, Sha256.of(data), data);
    }

    @Test
    void aChunkIsItsRawBytesBehindA64ByteHeader() {
        CheckpointChunk c = chunk(1000);
        byte[] record = CheckpointRecords.write(c);
        assertEquals(CheckpointRecords.CHUNK_HEADER_BYTES + 1000, record.length);
        assertArrayEquals(c.data(), Arrays.copyOfRange(record, 64, record.length));
        ByteBuffer header = ByteBuffer.wrap(record);
        assertEquals('G', header.get());
        assertEquals('B', header.get());
        assertEquals('C', header.get());
        assertEquals(1, header.get(), "format version");
        assertEquals(12, header.getLong(), "checkpoint id");
        assertEquals(3, header.getLong(), "run id");
        assertEquals(5, header.getInt(), "index");
        assertEquals(5000, header.getLong(), "offset");
        byte[] sha = new byte[32];
        header.get(sha);
        assertEquals(c.sha256(), java.util.HexFormat.of().formatHex(sha));
    }

    @Test
    void binaryChunksReadBackWhole() {
        CheckpointChunk c = chunk(ChunkLayout.MAX_CHUNK_SIZE);
        CheckpointChunk back = assertInstanceOf(CheckpointChunk.class,
                CheckpointRecords.read(CheckpointRecords.write(c)));
        assertEquals(c.checkpointId(), back.checkpointId());
        assertEquals(c.runId(), back.runId());
        assertEquals(c.index(), back.index());
        assertEquals(c.offset(), back.offset());
        assertEquals(c.sha256(), back.sha256());
        assertArrayEquals(c.data(), back.data());
        assertTrue(CheckpointRecords.write(c).length < 1024 * 1024, "under Kafka's default record limit");
    }

    @Test
    void jsonChunksWrittenBeforeTheBinaryFormAreStillRead() {
        CheckpointChunk c = chunk(ChunkLayout.MAX_JSON_CHUNK_SIZE);
        byte[] legacy = Json.write((CheckpointRecord) c);
        assertTrue(new String(legacy, 0, 20, StandardCharsets.UTF_8).startsWith("{\"type\":\"chunk\""));
        CheckpointChunk back = assertInstanceOf(CheckpointChunk.class, CheckpointRecords.read(legacy));
        assertEquals(c.sha256(), back.sha256());
        assertEquals(c.offset(), back.offset());
        assertArrayEquals(c.data(), back.data());
    }

    @Test
    void theReadyRecordStaysJson() {
        CheckpointReady ready = new CheckpointReady(12, 3, 500, "samples", "ring8", Map.of("range", "0,1"), 4000,
                1024, 4, Sha256.of(new byte[4000]), 99);
        byte[] record = CheckpointRecords.write(ready);
        assertTrue(new String(record, StandardCharsets.UTF_8).contains("\"type\":\"ready\""));
        assertEquals(ready, CheckpointRecords.read(record));
    }

    @Test
    void damagedRecordsSayWhatIsWrong() {
        byte[] record = CheckpointRecords.write(chunk(100));
        UncheckedIOException shortOne = assertThrows(UncheckedIOException.class,
                () -> CheckpointRecords.read(Arrays.copyOf(record, 40)));
        assertEquals("not a valid binary checkpoint chunk: 40 bytes, shorter than its 64-byte header",
                shortOne.getMessage());
        record[3] = 9;
        UncheckedIOException future = assertThrows(UncheckedIOException.class, () -> CheckpointRecords.read(record));
        assertEquals("not a valid binary checkpoint chunk: format version 9, this reader knows version 1",
                future.getMessage());
        UncheckedIOException garbage = assertThrows(UncheckedIOException.class,
                () -> CheckpointRecords.read("{not json".getBytes(StandardCharsets.UTF_8)));
        assertTrue(garbage.getMessage().startsWith("not a valid CheckpointRecord record"), garbage.getMessage());
    }
}
