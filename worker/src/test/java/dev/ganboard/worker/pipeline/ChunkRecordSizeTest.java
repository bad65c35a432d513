package dev.ganboard.worker.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.protocol.Json;
import dev.ganboard.protocol.checkpoint.CheckpointChunk;
import dev.ganboard.protocol.checkpoint.CheckpointRecord;
import dev.ganboard.protocol.checkpoint.CheckpointRecords;
import dev.ganboard.protocol.checkpoint.ChunkLayout;
import dev.ganboard.protocol.checkpoint.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.AbstractRecords;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class ChunkRecordSizeTest {
    /** Kafka's defaults: a producer's max.request.size and a broker's message.max.bytes. */
    private static final int PRODUCER_LIMIT = 1024 * 1024;
    private static final int BROKER_LIMIT = 1024 * 1024 + 12;

    private static CheckpointChunk largest(int size) {
        byte[] data = new byte[size];
        new Random(1).nextBytes(data); // incompressible, like float samples
        return new CheckpointChunk(Long.MAX_VALUE, Long.MAX_VALUE, 65_535, Long.MAX_VALUE, Sha256.of(data), data);
    }

    @Test
    void theLargestChunkStillMakesARecordUnderOneMebibyteAndRoundTrips() {
        CheckpointChunk chunk = largest(ChunkLayout.MAX_JSON_CHUNK_SIZE);
        byte[] json = Json.write(chunk);
        assertTrue(json.length <= 1024 * 1024, json.length + " bytes");
        CheckpointChunk back = assertInstanceOf(CheckpointChunk.class, Json.read(json, CheckpointRecord.class));
        assertArrayEquals(chunk.data(), back.data());
    }

    @Test
    void theLargestBinaryChunkFitsKafkasDefaultLimitsEvenCompressed() {
        CheckpointChunk chunk = largest(ChunkLayout.MAX_CHUNK_SIZE);
        byte[] key = CheckpointRecord.key(chunk.checkpointId()).getBytes(StandardCharsets.UTF_8);
        byte[] value = CheckpointRecords.write(chunk);
        int estimate = AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE,
                CompressionType.NONE, key, value, new Header[0]);
        assertTrue(estimate <= PRODUCER_LIMIT, "the producer's estimate " + estimate);
        for (Compression compression : new Compression[] {Compression.NONE, Compression.lz4().build(),
                Compression.gzip().build(), Compression.zstd().build(), Compression.snappy().build()}) {
            MemoryRecordsBuilder batch = MemoryRecords.builder(ByteBuffer.allocate(2 * PRODUCER_LIMIT), compression,
                    TimestampType.CREATE_TIME, 0L);
            batch.append(System.currentTimeMillis(), key, value);
            int size = batch.build().sizeInBytes();
            assertTrue(size <= BROKER_LIMIT, compression.type() + ": a batch of " + size + " bytes");
        }
        assertArrayEquals(chunk.data(), ((CheckpointChunk) CheckpointRecords.read(value)).data());
    }
}
