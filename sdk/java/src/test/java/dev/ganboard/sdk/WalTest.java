package dev.ganboard.sdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalTest {
    @TempDir
    Path dir;

    private static byte[] body(long seq) {
        return ("{\"seq\":" + seq + ",\"points\":[]}").getBytes(StandardCharsets.US_ASCII);
    }

    private static Path onlySegment(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir).filter(p -> p.getFileName().toString().startsWith("wal-"))) {
            List<Path> all = s.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    @Test
    void recordsSurviveReopenAndAcksMoveTheCursor() throws IOException {
        try (Wal wal = Wal.open(dir, true)) {
            for (long seq = 0; seq < 5; seq++) {
                wal.append(seq, 3, body(seq));
            }
            wal.ack(0);
            wal.ack(2); // out of order: the cursor stays below the oldest pending
            assertEquals(0, wal.acked());
            wal.ack(1);
            assertEquals(2, wal.acked());
        }
        try (Wal wal = Wal.open(dir, true)) {
            assertEquals(2, wal.acked());
            assertEquals(List.of(3L, 4L), wal.pendingSeqs());
            assertEquals(6, wal.pendingPoints());
            assertArrayEquals(body(4), wal.read(4));
            assertNull(wal.read(1));
            assertEquals(4, wal.lastSeq());
        }
    }

    @Test
    void aTornTailIsDroppedAndTheLogContinues() throws IOException {
        try (Wal wal = Wal.open(dir, false)) {
            wal.append(0, 1, body(0));
            wal.append(1, 1, body(1));
        }
        Path segment = onlySegment(dir);
        long whole = Files.size(segment);
        // a third record cut short, as when the process is killed mid-write
        byte[] torn = new byte[Wal.HEADER + 5];
        java.nio.ByteBuffer.wrap(torn).putInt(50).putLong(2).putInt(1).putInt(0);
        Files.write(segment, torn, StandardOpenOption.APPEND);
        try (Wal wal = Wal.open(dir, false)) {
            assertEquals(List.of(0L, 1L), wal.pendingSeqs());
            assertEquals(whole, Files.size(segment), "the torn tail was cut off");
            wal.append(2, 1, body(2));
        }
        try (Wal wal = Wal.open(dir, false)) {
            assertEquals(List.of(0L, 1L, 2L), wal.pendingSeqs());
            assertArrayEquals(body(2), wal.read(2));
        }
    }

    @Test
    void aCorruptRecordEndsTheLog() throws IOException {
        try (Wal wal = Wal.open(dir, false)) {
            for (long seq = 0; seq < 3; seq++) {
                wal.append(seq, 1, body(seq));
            }
        }
        Path segment = onlySegment(dir);
        byte[] bytes = Files.readAllBytes(segment);
        int second = Wal.HEADER + body(0).length;
        bytes[second + Wal.HEADER + 2] ^= 0x40; // flip a payload bit of record 1
        Files.write(segment, bytes);
        try (Wal wal = Wal.open(dir, false)) {
            assertEquals(List.of(0L), wal.pendingSeqs());
        }
    }

    @Test
    void fullyDeliveredSegmentsAreDeleted() throws IOException {
        try (Wal wal = Wal.open(dir, false)) {
            wal.append(0, 1, body(0));
            wal.append(1, 1, body(1));
            wal.ack(0);
            wal.ack(1);
        }
        try (Wal wal = Wal.open(dir, false)) {
            assertEquals(1, wal.acked());
            assertEquals(0, wal.pendingBatches());
            wal.append(2, 1, body(2)); // a new segment; the delivered one goes
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("wal-000000000002.log"), s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("wal-")).toList());
        }
    }

    @Test
    void crcCoversSeqAndPayload() {
        byte[] p = body(1);
        int a = Wal.crc(1, 1, p, p.length);
        assertEquals(a, Wal.crc(1, 1, p, p.length));
        org.junit.jupiter.api.Assertions.assertNotEquals(a, Wal.crc(2, 1, p, p.length));
        org.junit.jupiter.api.Assertions.assertNotEquals(a, Wal.crc(1, 2, p, p.length));
    }
}
