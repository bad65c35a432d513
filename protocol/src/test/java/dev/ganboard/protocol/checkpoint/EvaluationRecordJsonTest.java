package dev.ganboard.protocol.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EvaluationRecordJsonTest {
    @Test
    void aResultWithTheLargestPreviewAndLongDetailsStaysUnderOneMebibyteAndRoundTrips() {
        byte[] png = new byte[EvaluationResult.MAX_PREVIEW_BYTES];
        new Random(2).nextBytes(png);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("fid", 1.5);
        metrics.put("details", Map.of("long", "x".repeat(65_536)));
        EvaluationResult result = new EvaluationResult("checkpoint-1/suite-1", 1, 2, EvaluationResult.OK, "suite-1",
                "identity", 2000, metrics, 10, "w", null, 5, png);
        byte[] json = Json.write(result);
        assertTrue(json.length <= 1024 * 1024, json.length + " bytes");
        EvaluationResult back = assertInstanceOf(EvaluationResult.class, Json.read(json, EvaluationRecord.class));
        assertArrayEquals(png, back.preview());
        assertEquals(1.5, back.metrics().get("fid"));
    }

    @Test
    void aResultWithoutPreviewOmitsIt() {
        EvaluationResult result = new EvaluationResult("checkpoint-1/suite-1", 1, 2, EvaluationResult.FAILED,
                "suite-1", null, null, null, 10, "w", "bad", 5);
        String json = new String(Json.write(result), StandardCharsets.UTF_8);
        assertFalse(json.contains("preview"), json);
        assertNull(assertInstanceOf(EvaluationResult.class, Json.read(json.getBytes(StandardCharsets.UTF_8),
                EvaluationRecord.class)).preview());
    }

    @Test
    void aPreviewOverTheLimitIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EvaluationResult("e", 1,
                2, "ok", "s", "identity", 10, Map.of(), 1, "w", null, 1, new byte[EvaluationResult.MAX_PREVIEW_BYTES + 1]));
        assertTrue(e.getMessage().contains("larger than " + EvaluationResult.MAX_PREVIEW_BYTES), e.getMessage());
    }

    @Test
    void progressIsARecordOfItsOwnType() {
        EvaluationProgressed p = new EvaluationProgressed(12, 3, "inproc-1", "features", 4000, 10000, 12L, 99);
        String json = new String(Json.write((EvaluationRecord) p), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"type\":\"progress\""), json);
        assertTrue(json.contains("\"eta_seconds\":12"), json);
        assertEquals(p, Json.read(json.getBytes(StandardCharsets.UTF_8), EvaluationRecord.class));
    }
}
