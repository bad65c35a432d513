package dev.ganboard.protocol.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.protocol.Json;
import dev.ganboard.protocol.MetricBatch;
import dev.ganboard.protocol.MetricPoint;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MetricBatchJsonTest {
    private static MetricColumns accept(String json) {
        return MetricBatchRules.check(MetricBatchJson.parse(json.getBytes(StandardCharsets.UTF_8), 10_000), 10_000);
    }

    private static InvalidBatchException refused(String json) {
        return assertThrows(InvalidBatchException.class, () -> accept(json));
    }

    private static void refuses(String json, String field, String messagePart) {
        InvalidBatchException e = refused(json);
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    @Test
    void readsEveryPointIntoColumnsWithAKeyTable() {
        MetricColumns c = accept("{\"points\":[{\"key\":\"loss/D\",\"step\":3,\"value\":0.25,\"time\":1700000000000},"
                + "{\"value\":-1e-300,\"step\":3,\"key\":\"loss/G\",\"extra\":{\"a\":[1,2]}},"
                + "{\"key\":\"loss/D\",\"step\":4,\"value\":7}],\"seq\":12,\"unknown\":[1]}");
        assertEquals(12, c.seq());
        assertEquals(3, c.size());
        assertEquals(2, c.keyCount());
        assertEquals("loss/D", c.key(c.keyIndex(0)));
        assertEquals("loss/G", c.key(c.keyIndex(1)));
        assertEquals(c.keyIndex(0), c.keyIndex(2));
        assertEquals(3, c.step(1));
        assertEquals(-1e-300, c.value(1));
        assertEquals(7.0, c.value(2));
        assertEquals(1_700_000_000_000L, c.rawTime(0));
        assertEquals(MetricColumns.NO_TIME, c.rawTime(1));
        assertEquals(99L, c.forRun(5, 99).time(1), "no time: when the server received it");
    }

    @Test
    void agreesWithJacksonOnRandomBatches() {
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            List<MetricPoint> points = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                double v = switch (random.nextInt(4)) {
                    case 0 -> random.nextGaussian();
                    case 1 -> random.nextGaussian() * 1e300;
                    case 2 -> Double.MIN_VALUE * random.nextInt(100);
                    default -> random.nextInt(1000);
                };
                Long time = random.nextBoolean() ? null : Math.abs(random.nextLong() >> 8);
                points.add(new MetricPoint("k" + random.nextInt(30) + "/x", (long) random.nextInt(1 << 30), v, time));
            }
            MetricBatch batch = new MetricBatch(0, round, 0, points);
            MetricColumns c = MetricBatchRules.check(MetricBatchJson.parse(Json.write(batch), 10_000), 10_000);
            assertEquals(points.size(), c.size());
            for (int i = 0; i < points.size(); i++) {
                MetricPoint p = points.get(i);
                assertEquals(p.key(), c.key(c.keyIndex(i)));
                assertEquals(p.step(), c.step(i));
                assertEquals(Double.doubleToRawLongBits(p.value()), Double.doubleToRawLongBits(c.value(i)));
                assertEquals(p.time() == null ? MetricColumns.NO_TIME : p.time(), c.rawTime(i));
            }
        }
    }

    @Test
    void acceptsWhatTheJsonMappingAccepted() {
        MetricColumns c = accept("{\"seq\":\"3\",\"points\":[{\"key\":\"a\",\"step\":\"5\",\"value\":\"0.5\"},"
                + "{\"key\":\"a\",\"step\":6.0,\"value\":1},"
                + "{\"key\":\"a\",\"step\":\" 7 \",\"value\":\" -1e3 \",\"time\":null}]}");
        assertEquals(3, c.seq());
        assertEquals(5, c.step(0));
        assertEquals(0.5, c.value(0));
        assertEquals(6, c.step(1));
        assertEquals(7, c.step(2));
        assertEquals(-1000.0, c.value(2));
    }

    @Test
    void nonFiniteValuesAreNumbersAsBareTokensAndAsStrings() {
        MetricColumns c = accept("{\"seq\":0,\"points\":[{\"key\":\"a\",\"step\":1,\"value\":NaN},"
                + "{\"key\":\"a\",\"step\":2,\"value\":Infinity},{\"key\":\"a\",\"step\":3,\"value\":-Infinity},"
                + "{\"key\":\"a\",\"step\":4,\"value\":\"NaN\"},{\"key\":\"a\",\"step\":5,\"value\":\"Infinity\"},"
                + "{\"key\":\"a\",\"step\":6,\"value\":\"-Infinity\"},{\"key\":\"a\",\"step\":7,\"value\":\"nan\"},"
                + "{\"key\":\"a\",\"step\":8,\"value\":\" -inf \"},{\"key\":\"a\",\"step\":9,\"value\":\"inf\"}]}");
        double[] expected = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY};
        assertEquals(expected.length, c.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], c.value(i), "point " + i);
        }
    }

    @Test
    void nonFiniteValuesSurviveTheBinaryFormBitForBit() {
        long oddNan = 0x7ff8_0000_dead_beefL;
        double[] values = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.longBitsToDouble(oddNan)};
        MetricColumns sent = new MetricColumns(0, 1, 0, new String[] {"loss/D"}, 4, new int[4], new long[] {1, 2, 3, 4},
                values, new long[] {MetricColumns.NO_TIME, 5, 6, 7});
        MetricColumns c = MetricBatchRules.check(MetricColumnsCodec.decode(MetricColumnsCodec.encode(sent), 10), 10);
        for (int i = 0; i < values.length; i++) {
            assertEquals(Double.doubleToRawLongBits(values[i]), Double.doubleToRawLongBits(c.value(i)), "point " + i);
        }
    }

    @Test
    void namesTheFirstProblemInPointOrder() {
        String good = "{\"key\":\"loss/D\",\"step\":1,\"value\":0.5}";
        refuses("{\"seq\":0,\"points\":[" + good + ",{\"key\":\"loss/D\",\"step\":2,\"value\":\"NaNa\"}]}",
                "points[1].value", "not a number");
        refuses("{\"seq\":0,\"points\":[{\"key\":\"ok\",\"step\":-1,\"value\":1},{\"key\":\"bad key!\",\"step\":1,"
                + "\"value\":1}]}", "points[0].step", ">= 0");
        refuses("{\"seq\":0,\"points\":[" + good + ",{\"key\":\"bad key!\",\"step\":-1,\"value\":1}]}",
                "points[1].key", "not a valid key");
        refuses("{\"seq\":0,\"points\":[{\"key\":\"/lead\",\"step\":1,\"value\":1}]}", "points[0].key", "not a valid key");
        refuses("{\"seq\":0,\"points\":[{\"key\":\"a//b\",\"step\":1,\"value\":1}]}", "points[0].key", "not a valid key");
        refuses("{\"seq\":0,\"points\":[{\"key\":\"" + "k".repeat(129) + "\",\"step\":1,\"value\":1}]}",
                "points[0].key", "not a valid key");
        refuses("{\"seq\":0,\"points\":[{\"step\":1,\"value\":1}]}", "points[0].key", "required");
        refuses("{\"seq\":0,\"points\":[{\"key\":\"\",\"step\":1,\"value\":1}]}", "points[0].key", "required");
        refuses("{\"seq\":0,\"points\":[{\"key\":\"a\",\"value\":1}]}", "points[0].step", "required");
        refuses("{\"seq\":0,\"points\":[{\"key\":\"a\",\"step\":1,\"value\":null}]}", "points[0].value", "required");
        refuses("{\"seq\":0,\"points\":[{\"key\":\"a\",\"step\":1,\"value\":1,\"time\":-5}]}", "points[0].time", ">= 0");
        refuses("{\"seq\":0,\"points\":[" + good + ",null]}", "points[1]", "null point");
        refuses("{\"points\":[" + good + "]}", "seq", "required");
        refuses("{\"seq\":-2,\"points\":[" + good + "]}", "seq", ">= 0");
        refuses("{\"seq\":0,\"points\":[]}", "points", "at least one");
        refuses("{\"seq\":0}", "points", "at least one");
        refuses("{\"seq\":0,\"points\":[{\"key\":\"a\",\"step\":\"ten\",\"value\":1}]}", "points[0].step", "wrong type");
        refuses("{\"seq\":0,\"points\":[{\"key\":\"a\",\"step\":1.5,\"value\":1}]}", "points[0].step", "wrong type");
        refuses("{\"seq\":0,\"points\":[{\"key\":[\"a\"],\"step\":1,\"value\":1}]}", "points[0].key", "wrong type");
        refuses("{\"seq\":0,\"points\":{}}", "points", "wrong type");
        refuses("[1,2]", null, "wrong type");
        refuses("", null, "is required");
        refuses("{\"seq\":0,\"points\":[", null, "malformed JSON");
        refuses("{\"seq\":0,\"points\":[{\"key\":\"a\",\"step\":99999999999999999999,\"value\":1}]}",
                "points[0].step", "wrong type");
    }

    @Test
    void integersAndRealsRefuseBlankStringsAndWrongTextAlike() {
        refuses("{\"seq\":0,\"points\":[{\"key\":\"a\",\"step\":\" \",\"value\":1}]}", "points[0].step", "required");
        refuses("{\"seq\":0,\"points\":[{\"key\":\"a\",\"step\":1,\"value\":\"\"}]}", "points[0].value", "required");
        refuses("{\"seq\":0,\"points\":[{\"key\":\"a\",\"step\":1,\"value\":\"half\"}]}", "points[0].value",
                "not a number");
        refuses("{\"seq\":0,\"points\":[{\"key\":\"a\",\"step\":1,\"value\":\"1d\"}]}", "points[0].value",
                "not a number");
        refuses("{\"seq\":0,\"points\":[{\"key\":\"a\",\"step\":1,\"value\":{\"v\":1}}]}", "points[0].value",
                "not a number");
        refuses("{\"seq\":0,\"points\":[{\"key\":\"a\",\"step\":1e19,\"value\":1}]}", "points[0].step", "wrong type");
        refuses("{\"seq\":0,\"points\":[{\"key\":\"a\",\"step\":1,\"value\":true}]}", "points[0].value",
                "not a number");
        refuses("{\"seq\":\"1.0\",\"points\":[{\"key\":\"a\",\"step\":1,\"value\":1}]}", "seq", "wrong type");
    }

    @Test
    void countsPointsBeyondTheLimitWithoutKeepingThem() {
        StringBuilder sb = new StringBuilder("{\"seq\":0,\"points\":[");
        for (int i = 0; i < 25; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"key\":\"x\",\"step\":").append(i).append(",\"value\":1}");
        }
        MetricBatchJson.Parsed parsed = MetricBatchJson.parse(sb.append("]}").toString().getBytes(), 20);
        assertEquals(25, parsed.pointCount());
        InvalidBatchException e = assertThrows(InvalidBatchException.class, () -> MetricBatchRules.check(parsed, 20));
        assertEquals("points", e.field());
        assertTrue(e.getMessage().contains("at most 20 per batch (got 25)"), e.getMessage());
    }

    @Test
    void readsTheSdkKafkaForm() {
        MetricBatchJson.Parsed parsed = MetricBatchJson.parse(("{\"run_id\":42,\"received_at\":1000,\"seq\":1,"
                + "\"points\":[{\"key\":\"a\",\"step\":1,\"value\":2}]}").getBytes(), 10);
        assertEquals(42L, parsed.runId());
        assertEquals(1000L, parsed.receivedAt());
        assertNull(MetricBatchJson.parse("{\"seq\":1}".getBytes(), 10).runId());
    }

    @Test
    void keyRulesMatchTheDocumentedPattern() {
        java.util.regex.Pattern documented = java.util.regex.Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");
        String alphabet = "aZ9_.-/ !é";
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder key = new StringBuilder();
            for (int n = random.nextInt(6); n >= 0; n--) {
                key.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String k = key.toString();
            assertEquals(documented.matcher(k).matches(), MetricBatchRules.isValidKey(k), k);
        }
        assertArrayEquals(new boolean[] {true, false}, new boolean[] {MetricBatchRules.isValidKey("k".repeat(128)),
                MetricBatchRules.isValidKey("k".repeat(129))});
    }
}
