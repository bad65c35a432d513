package dev.ganboard.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ganboard.protocol.Json;
import dev.ganboard.protocol.MetricBatch;
import dev.ganboard.protocol.ingest.MetricBatchJson;
import dev.ganboard.protocol.ingest.MetricBatchRules;
import dev.ganboard.protocol.ingest.MetricColumns;
import dev.ganboard.protocol.ingest.MetricColumnsCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EncodingTest {
    private static PointQueue.Entry entry(long step, int keys) {
        String[] k = new String[keys];
        double[] v = new double[keys];
        for (int i = 0; i < keys; i++) {
            k[i] = "loss/k" + i;
            v[i] = i == 0 ? 1e-300 : -i / 3.0;
        }
        return new PointQueue.Entry(step, 1_700_000_000_000L + step, k, v, keys);
    }

    @Test
    void batchesAreBinaryIngestBodiesAndSplitAtTheLimit() throws IOException {
        List<PointQueue.Entry> entries = new ArrayList<>();
        for (int step = 0; step < 25; step++) {
            entries.add(entry(step, 10));
        }
        AtomicLong seq = new AtomicLong(7);
        List<BatchEncoder.Batch> batches = new BatchEncoder(100, 1 << 20).encode(entries, seq::getAndIncrement);
        assertEquals(3, batches.size());
        assertEquals(List.of(100, 100, 50), batches.stream().map(BatchEncoder.Batch::points).toList());
        MetricColumns first = MetricColumnsCodec.decode(batches.get(0).body(), 10_000);
        assertEquals(7, first.seq());
        assertEquals(0, first.runId(), "the server fills in the run");
        assertEquals(100, first.size());
        assertEquals(10, first.keyCount());
        assertEquals("loss/k3", first.key(first.keyIndex(13)));
        assertEquals(1, first.step(13));
        assertEquals(-1.0, first.value(13));
        assertEquals(1_700_000_000_001L, first.rawTime(13));
        assertEquals(1e-300, first.value(0), "doubles travel as their bits");
        assertEquals(9, MetricColumnsCodec.decode(batches.get(2).body(), 10_000).seq());
        assertTrue(batches.get(0).body().length < 100 * 16, "about 11 bytes a point");

        JsonNode json = Json.mapper().readTree(BatchEncoder.json(batches.get(0).body()));
        assertEquals(7, json.get("seq").asLong());
        JsonNode p = json.get("points").get(13);
        assertEquals("loss/k3", p.get("key").asText());
        assertEquals(-1.0, p.get("value").asDouble());
        assertEquals(1_700_000_000_001L, p.get("time").asLong());
        assertEquals(1e-300, json.get("points").get(0).get("value").asDouble(), "doubles round-trip exactly");
    }

    @Test
    void nonFiniteValuesTravelAsTheirBitsAndAsJsonTheServerReads() {
        double[] values = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.5};
        PointQueue.Entry e = new PointQueue.Entry(3, 1_700_000_000_000L, new String[] {"a", "b", "c", "d"}, values, 4);
        byte[] body = new BatchEncoder(10, 1 << 20).encode(List.of(e), () -> 0).get(0).body();
        MetricColumns binary = MetricColumnsCodec.decode(body, 10);
        MetricColumns json = MetricBatchRules.check(MetricBatchJson.parse(BatchEncoder.json(body), 10), 10);
        for (int i = 0; i < values.length; i++) {
            assertEquals(Double.doubleToRawLongBits(values[i]), Double.doubleToRawLongBits(binary.value(i)));
            assertEquals(values[i], json.value(i), "the JSON form, as the server parses it");
        }
    }

    @Test
    void batchesAlsoSplitOnBytes() {
        List<PointQueue.Entry> entries = List.of(entry(0, 10), entry(1, 10));
        List<BatchEncoder.Batch> batches = new BatchEncoder(10_000, 200).encode(entries, new AtomicLong()::getAndIncrement);
        assertTrue(batches.size() > 2);
        assertEquals(20, batches.stream().mapToInt(BatchEncoder.Batch::points).sum());
    }

    @Test
    void theKafkaRecordIsTheBackendsBinaryRecord() {
        byte[] body = new BatchEncoder(10, 1 << 20).encode(List.of(entry(4, 2)), () -> 12).get(0).body();
        MetricColumns batch = MetricColumnsCodec.decode(KafkaTransport.record(99, 1234, body), 10_000);
        assertEquals(99, batch.runId());
        assertEquals(12, batch.seq());
        assertEquals(1234, batch.receivedAt());
        assertEquals(2, batch.size());
        assertEquals("loss/k1", batch.key(batch.keyIndex(1)));
        assertEquals(0, MetricColumnsCodec.decode(body, 10).runId(), "the WAL's body is left as it was");
    }

    @Test
    void aJsonBodyFromAnOlderWalBecomesTheJsonRecord() {
        byte[] body = "{\"seq\":3,\"points\":[{\"key\":\"a\",\"step\":1,\"value\":2.5,\"time\":5}]}"
                .getBytes(StandardCharsets.US_ASCII);
        MetricBatch batch = Json.read(KafkaTransport.record(99, 1234, body), MetricBatch.class);
        assertEquals(99, batch.runId());
        assertEquals(3, batch.seq());
        assertEquals(2.5, batch.points().get(0).value());
    }

    @Test
    void npyHeadersAreAlignedAndDescribeTheArray() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.writeFloat32(out, new float[]{1, 2, 3, 4, 5, 6}, new int[]{3, 2});
        byte[] b = out.toByteArray();
        assertEquals((byte) 0x93, b[0]);
        assertEquals("NUMPY", new String(b, 1, 5, StandardCharsets.US_ASCII));
        int headerLen = (b[8] & 0xff) | (b[9] & 0xff) << 8;
        assertEquals(0, (10 + headerLen) % 64);
        String header = new String(b, 10, headerLen, StandardCharsets.US_ASCII);
        assertTrue(header.contains("'descr': '<f4'") && header.contains("'shape': (3, 2)"), header);
        assertTrue(header.endsWith("\n"));
        assertEquals(10 + headerLen + 24, b.length);
        assertEquals(6f, ByteBuffer.wrap(b, 10 + headerLen + 20, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat());
    }

    @Test
    void keyRulesMatchTheServer() {
        assertTrue(PointValidator.isValidKey("loss/D"));
        assertTrue(PointValidator.isValidKey("eval/fid.inception-v3_2"));
        assertFalse(PointValidator.isValidKey("/loss"));
        assertFalse(PointValidator.isValidKey("loss/"));
        assertFalse(PointValidator.isValidKey("a//b"));
        assertFalse(PointValidator.isValidKey("has space"));
        assertFalse(PointValidator.isValidKey("quote\""));
        assertFalse(PointValidator.isValidKey("x".repeat(129)));
        assertFalse(PointValidator.isValidKey(""));
    }
}
