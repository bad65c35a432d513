package dev.ganboard.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void metricBatchRoundTripsWithSnakeCaseFields() {
        MetricBatch batch = new MetricBatch(7, 3, 1000, List.of(new MetricPoint("loss/D", 10L, 0.5, 999L)));
        byte[] bytes = Json.write(batch);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"run_id\":7"), text);
        assertTrue(text.contains("\"received_at\":1000"), text);
        assertEquals(batch, Json.read(bytes, MetricBatch.class));
    }

    @Test
    void omittedTimeStaysNull() {
        MetricBatch batch = Json.read("{\"run_id\":1,\"seq\":0,\"received_at\":5,\"points\":[{\"key\":\"a\",\"step\":1,\"value\":2.0}]}"
                .getBytes(StandardCharsets.UTF_8), MetricBatch.class);
        assertEquals(null, batch.points().get(0).time());
    }

    @Test
    void garbageIsRejectedWithTheRecordName() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> Json.read("{not json".getBytes(StandardCharsets.UTF_8), MetricBatch.class));
        assertTrue(e.getMessage().contains("MetricBatch"), e.getMessage());
    }
}
