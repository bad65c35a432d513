package dev.ganboard.app.ingest;

import static dev.ganboard.app.support.TestApi.adminKey;
import static dev.ganboard.app.support.TestApi.point;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.app.support.TestApi;
import dev.ganboard.backend.kafka.KafkaClients;
import dev.ganboard.protocol.DeadLetter;
import dev.ganboard.protocol.Json;
import dev.ganboard.protocol.Topics;
import dev.ganboard.protocol.ingest.MetricColumns;
import dev.ganboard.protocol.ingest.MetricColumnsCodec;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Records that reach ganboard.metrics without passing REST (an in-cluster producer, a bug, a damaged record) are
 * checked again on consume: invalid ones go to ganboard.dlq with the reason, nothing of them is stored, and the
 * consumer carries on with the records after them.
 */
@QuarkusTest
class ConsumeValidationTest {
    @Inject
    KafkaClients kafka;

    private static MetricColumns batch(long runId, long seq, String key, long step, double value) {
        return new MetricColumns(runId, seq, 1_000, new String[] {key}, 1, new int[] {0}, new long[] {step},
                new double[] {value}, new long[] {MetricColumns.NO_TIME});
    }

    @Test
    void invalidRecordsGoToTheDeadLetterTopicWithTheReasonAndNothingIsStored() throws Exception {
        String key = adminKey();
        String project = TestApi.unique("consume");
        TestApi.createProject(key, project);
        long runId = TestApi.createRun(key, project, "NS-GAN", 1);
        String recordKey = Long.toString(runId);

        byte[] truncated = MetricColumnsCodec.encode(batch(runId, 0, "bad/trunc", 1, 1.0));
        List<byte[]> poison = List.of(
                ("{\"run_id\":" + runId + ",\"seq\":1,\"points\":[{\"key\":\"bad/text\",\"step\":1,\"value\":\"high\"}]}")
                        .getBytes(StandardCharsets.UTF_8),
                MetricColumnsCodec.encode(batch(runId, 2, "bad key!", 1, 1.0)),
                MetricColumnsCodec.encode(batch(runId, 3, "bad/step", -5, 1.0)),
                Arrays.copyOf(truncated, truncated.length - 3),
                ("{\"run_id\":" + runId + ",\"seq\":4,\"points\":[{\"key\":\"bad/json\",\"step\":1,\"value\":null}]}")
                        .getBytes(StandardCharsets.UTF_8),
                ("{\"seq\":5,\"points\":[{\"key\":\"bad/norun\",\"step\":1,\"value\":1}]}").getBytes(StandardCharsets.UTF_8),
                new byte[] {1, 2, 3});
        List<String> expectedReasons = List.of("points[0].value: not a number", "points[0].key: 'bad key!'",
                "points[0].step: must be >= 0", "truncated", "points[0].value: required",
                "run_id: required", "malformed JSON");
        for (byte[] value : poison) {
            kafka.producer().send(new ProducerRecord<>(Topics.METRICS, recordKey, value)).get();
        }
        // valid records behind the poison, binary and JSON: the consumer carries on and stores them
        kafka.producer().send(new ProducerRecord<>(Topics.METRICS, recordKey,
                MetricColumnsCodec.encode(batch(runId, 10, "good/binary", 3, 0.5)))).get();
        kafka.producer().send(new ProducerRecord<>(Topics.METRICS, recordKey, ("{\"run_id\":" + runId
                + ",\"received_at\":5,\"seq\":11,\"points\":[{\"key\":\"good/json\",\"step\":4,\"value\":2.5}]}")
                .getBytes(StandardCharsets.UTF_8))).get();
        // non-finite values are data, in either form
        kafka.producer().send(new ProducerRecord<>(Topics.METRICS, recordKey,
                MetricColumnsCodec.encode(batch(runId, 13, "good/nan", 3, Double.NaN)))).get();
        kafka.producer().send(new ProducerRecord<>(Topics.METRICS, recordKey, ("{\"run_id\":" + runId
                + ",\"seq\":14,\"points\":[{\"key\":\"good/inf\",\"step\":4,\"value\":-Infinity}]}")
                .getBytes(StandardCharsets.UTF_8))).get();
        TestApi.logBatch(key, runId, 12, List.of(point("good/rest", 5, 1.5)));
        await().atMost(Duration.ofSeconds(20)).until(() -> TestApi.storedCount(key, runId, "good/rest") == 1);
        assertEquals(1, TestApi.storedCount(key, runId, "good/binary"));
        assertEquals(1, TestApi.storedCount(key, runId, "good/json"));
        await().atMost(Duration.ofSeconds(20)).until(() -> TestApi.storedCount(key, runId, "good/nan") == 1
                && TestApi.storedCount(key, runId, "good/inf") == 1);
        for (String bad : List.of("bad/text", "bad key!", "bad/step", "bad/trunc", "bad/json", "bad/norun")) {
            assertEquals(0, TestApi.storedCount(key, runId, bad), bad);
        }

        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> dlq = kafka.consumer("test-dlq-" + UUID.randomUUID(),
                Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
            dlq.subscribe(List.of(Topics.DLQ));
            long deadline = System.currentTimeMillis() + 20_000;
            while (letters.size() < poison.size() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> r : dlq.poll(Duration.ofMillis(500))) {
                    if (recordKey.equals(r.key())) {
                        letters.add(Json.read(r.value(), DeadLetter.class));
                    }
                }
            }
        }
        assertEquals(poison.size(), letters.size(), letters.toString());
        letters.sort(java.util.Comparator.comparingLong(DeadLetter::offset));
        for (int i = 0; i < poison.size(); i++) {
            DeadLetter letter = letters.get(i);
            assertTrue(letter.reason().contains(expectedReasons.get(i)), i + ": " + letter.reason());
            assertEquals(Topics.METRICS, letter.sourceTopic());
            assertEquals("metrics-consumer", letter.component());
        }
    }
}
