package dev.ganboard.protocol.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MetricColumnsCodecTest {
    private static MetricColumns random(Random random, int n) {
        String[] keys = {"loss/D", "loss/G", "fid", "schön/ü"};
        int[] keyIndex = new int[n];
        long[] steps = new long[n];
        double[] values = new double[n];
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            keyIndex[i] = random.nextInt(keys.length);
            steps[i] = random.nextInt(3) == 0 ? random.nextLong() : i / 4;
            values[i] = random.nextBoolean() ? random.nextGaussian() : Double.longBitsToDouble(random.nextLong());
            times[i] = random.nextInt(5) == 0 ? MetricColumns.NO_TIME : random.nextLong();
        }
        return new MetricColumns(random.nextLong(), random.nextLong(), random.nextLong(), keys, n, keyIndex, steps,
                values, times);
    }

    @Test
    void roundTripsEveryBit() {
        Random random = new Random(11);
        for (int round = 0; round < 50; round++) {
            MetricColumns c = random(random, random.nextInt(2000));
            MetricColumns back = MetricColumnsCodec.decode(MetricColumnsCodec.encode(c), 10_000);
            assertEquals(c.runId(), back.runId());
            assertEquals(c.seq(), back.seq());
            assertEquals(c.receivedAt(), back.receivedAt());
            assertEquals(c.size(), back.size());
            for (int i = 0; i < c.size(); i++) {
                assertEquals(c.key(c.keyIndex(i)), back.key(back.keyIndex(i)));
                assertEquals(c.step(i), back.step(i));
                assertEquals(Double.doubleToRawLongBits(c.value(i)), Double.doubleToRawLongBits(back.value(i)));
                assertEquals(c.rawTime(i), back.rawTime(i));
            }
        }
    }

    @Test
    void aRequestBodyBecomesTheRecordByStampingRunAndTimeIntoIt() {
        MetricColumns c = random(new Random(5), 100).forRun(0, 0);
        byte[] body = MetricColumnsCodec.encode(c);
        byte[] record = MetricColumnsCodec.stamp(body, 42, 1_700_000_000_123L);
        assertTrue(record == body, "in place, no copy");
        MetricColumns back = MetricColumnsCodec.decode(record, 10_000);
        assertEquals(42, back.runId());
        assertEquals(1_700_000_000_123L, back.receivedAt());
        assertEquals(c.seq(), back.seq());
        assertEquals(Double.doubleToRawLongBits(c.value(99)), Double.doubleToRawLongBits(back.value(99)));
        assertThrows(InvalidBatchException.class, () -> MetricColumnsCodec.stamp(
                "{\"seq\":1,\"points\":[]}".getBytes(StandardCharsets.US_ASCII), 1, 1));
        assertThrows(InvalidBatchException.class, () -> MetricColumnsCodec.stamp(Arrays.copyOf(body, 20), 1, 1));
    }

    @Test
    void aTypicalPointTakesElevenBytes() {
        int n = 10_000;
        int[] keyIndex = new int[n];
        long[] steps = new long[n];
        double[] values = new double[n];
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            keyIndex[i] = i % 10;
            steps[i] = i / 10;
            values[i] = Math.sin(i);
            times[i] = 1_700_000_000_000L + i / 10;
        }
        String[] keys = new String[10];
        Arrays.setAll(keys, k -> "loss/k" + k);
        byte[] record = MetricColumnsCodec.encode(new MetricColumns(1, 2, 3, keys, n, keyIndex, steps, values, times));
        assertTrue(record.length < n * 11 + 200, "bytes: " + record.length);
    }

    @Test
    void damagedRecordsAreRefusedWithAReason() {
        byte[] good = MetricColumnsCodec.encode(random(new Random(5), 100));
        assertTrue(MetricColumnsCodec.isBinary(good));
        assertFalse(MetricColumnsCodec.isBinary("{\"seq\":1}".getBytes(StandardCharsets.UTF_8)));
        for (int cut : new int[] {3, 20, 40, good.length - 1}) {
            InvalidBatchException e = assertThrows(InvalidBatchException.class,
                    () -> MetricColumnsCodec.decode(Arrays.copyOf(good, cut), 10_000));
            assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("fewer"), e.getMessage());
        }
        byte[] version = good.clone();
        version[3] = 9;
        assertTrue(assertThrows(InvalidBatchException.class, () -> MetricColumnsCodec.decode(version, 10_000))
                .getMessage().contains("unknown version 9"));
        byte[] trailing = Arrays.copyOf(good, good.length + 2);
        assertTrue(assertThrows(InvalidBatchException.class, () -> MetricColumnsCodec.decode(trailing, 10_000))
                .getMessage().contains("after its last point"));
        assertTrue(assertThrows(InvalidBatchException.class, () -> MetricColumnsCodec.decode(good, 50))
                .getMessage().contains("point count 100 outside 0..50"));
    }
}
