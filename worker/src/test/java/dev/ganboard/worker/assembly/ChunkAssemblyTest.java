package dev.ganboard.worker.assembly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.protocol.checkpoint.CheckpointChunk;
import dev.ganboard.protocol.checkpoint.CheckpointReady;
import dev.ganboard.protocol.checkpoint.ChunkLayout;
import dev.ganboard.protocol.checkpoint.Sha256;
import dev.ganboard.worker.EvaluationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkAssemblyTest {
    private static final int CHUNK = 1000;
    private static final TopicPartition P0 = new TopicPartition("ganboard.checkpoints", 0);
    private static final TopicPartition P1 = new TopicPartition("ganboard.checkpoints", 1);

    @TempDir
    Path dir;

    private static byte[] blob(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    private static CheckpointChunk chunk(byte[] blob, int index) {
        ChunkLayout layout = new ChunkLayout(blob.length, CHUNK);
        byte[] data = Arrays.copyOfRange(blob, (int) layout.offset(index), (int) layout.offset(index) + layout.length(index));
        return new CheckpointChunk(7, 3, index, layout.offset(index), Sha256.of(data), data);
    }

    private static CheckpointReady ready(byte[] blob, String sha) {
        ChunkLayout layout = new ChunkLayout(blob.length, CHUNK);
        return new CheckpointReady(7, 3, 100, "samples", "ring8", Map.of(), blob.length, CHUNK, layout.chunkCount(),
                sha, 0);
    }

    @Test
    void chunksInAnyOrderAndRepeatedReassembleToTheBlob() throws Exception {
        byte[] blob = blob(3500);
        try (ChunkAssembly a = new ChunkAssembly(7, dir.resolve("a.blob"))) {
            for (int i : new int[] {3, 1, 0, 1, 2}) {
                a.write(chunk(blob, i));
            }
            Path file = a.verify(ready(blob, Sha256.of(blob)));
            assertArrayEquals(blob, Files.readAllBytes(file));
            assertEquals(4, a.chunksReceived());
        }
        assertFalse(Files.exists(dir.resolve("a.blob")), "closing deletes the reassembled file");
    }

    @Test
    void aMissingChunkIsATruncatedUploadNamingTheChunk() {
        byte[] blob = blob(3500);
        try (ChunkAssembly a = new ChunkAssembly(7, dir.resolve("a.blob"))) {
            a.write(chunk(blob, 0));
            a.write(chunk(blob, 3));
            EvaluationFailure e = assertThrows(EvaluationFailure.class, () -> a.verify(ready(blob, Sha256.of(blob))));
            assertEquals("truncated upload: 2 of 4 chunks never arrived: [1, 2]", e.getMessage());
        }
    }

    @Test
    void aChunkWhoseBytesDoNotMatchItsChecksumFailsTheBlob() {
        byte[] blob = blob(2500);
        try (ChunkAssembly a = new ChunkAssembly(7, dir.resolve("a.blob"))) {
            a.write(chunk(blob, 0));
            CheckpointChunk good = chunk(blob, 1);
            byte[] flipped = good.data().clone();
            flipped[10] ^= 1;
            a.write(new CheckpointChunk(7, 3, 1, good.offset(), good.sha256(), flipped));
            a.write(chunk(blob, 2));
            EvaluationFailure e = assertThrows(EvaluationFailure.class, () -> a.verify(ready(blob, Sha256.of(blob))));
            assertTrue(e.getMessage().startsWith("checksum mismatch: chunk 1: its record declares SHA-256"),
                    e.getMessage());
        }
    }

    @Test
    void aBlobThatDoesNotHashToTheDeclaredChecksumFails() {
        byte[] blob = blob(2500);
        String wrong = Sha256.of(new byte[] {1});
        try (ChunkAssembly a = new ChunkAssembly(7, dir.resolve("a.blob"))) {
            for (int i = 0; i < 3; i++) {
                a.write(chunk(blob, i));
            }
            EvaluationFailure e = assertThrows(EvaluationFailure.class, () -> a.verify(ready(blob, wrong)));
            assertEquals("checksum mismatch: the reassembled 2500 bytes hash to " + Sha256.of(blob)
                    + " but the upload declared SHA-256 " + wrong, e.getMessage());
        }
    }

    @Test
    void aChunkAtTheWrongOffsetIsRefused() {
        byte[] blob = blob(2000);
        try (ChunkAssembly a = new ChunkAssembly(7, dir.resolve("a.blob"))) {
            a.write(chunk(blob, 0));
            CheckpointChunk c = chunk(blob, 1);
            a.write(new CheckpointChunk(7, 3, 1, 900, c.sha256(), c.data()));
            EvaluationFailure e = assertThrows(EvaluationFailure.class, () -> a.verify(ready(blob, Sha256.of(blob))));
            assertEquals("chunk 1 covers bytes [900, 1900) but the upload's layout puts it at [1000, 2000)",
                    e.getMessage());
        }
    }

    @Test
    void openUploadsPinTheirPartitionAtTheirFirstChunkUntilTakenOrIdle() {
        Assemblies assemblies = new Assemblies(dir.resolve("worker"));
        byte[] blob = blob(2500);
        assemblies.forChunk(7, P0, 40, 1_000).write(chunk(blob, 0));
        assemblies.forChunk(8, P0, 42, 2_000);
        assemblies.forChunk(7, P0, 45, 3_000).write(chunk(blob, 1));
        assemblies.forChunk(9, P1, 5, 3_000);
        assertEquals(40, assemblies.pinnedOffset(P0).getAsLong());
        assertEquals(5, assemblies.pinnedOffset(P1).getAsLong());

        assemblies.take(7).close();
        assertEquals(42, assemblies.pinnedOffset(P0).getAsLong());
        assertEquals(List.of(8L), assemblies.dropIdle(P0, 2_000 + 3_600_001, Duration.ofHours(1)));
        assertTrue(assemblies.pinnedOffset(P0).isEmpty());
        assemblies.drop(List.of(P1));
        assertEquals(0, assemblies.size());
        assemblies.close();
    }

    @Test
    void aNewWorkerStartsWithAnEmptyScratchDirectory() throws Exception {
        Path scratch = dir.resolve("worker");
        Files.createDirectories(scratch.resolve("old"));
        Files.writeString(scratch.resolve("old/checkpoint-1.blob"), "left from a crash");
        new Assemblies(scratch).close();
        try (var files = Files.list(scratch)) {
            assertEquals(0, files.count());
        }
    }
}
