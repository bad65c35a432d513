package dev.ganboard.app.ingest;

import static dev.ganboard.app.support.TestApi.adminKey;
import static dev.ganboard.app.support.TestApi.point;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.app.support.TestApi;
import dev.ganboard.backend.kafka.BrokerAddress;
import dev.ganboard.backend.kafka.KafkaClients;
import dev.ganboard.backend.metric.IngestedBatch;
import dev.ganboard.backend.metric.MetricBatchConsumer;
import dev.ganboard.protocol.DeadLetter;
import dev.ganboard.protocol.Json;
import dev.ganboard.protocol.MetricBatch;
import dev.ganboard.protocol.MetricPoint;
import dev.ganboard.protocol.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Points go REST → real in-process Kafka broker → consumer → database, exactly once per (run, seq). */
@QuarkusTest
class KafkaIngestTest {
    @Inject
    MetricBatchConsumer consumer;
    @Inject
    KafkaClients kafka;
    @Inject
    BrokerAddress broker;

    private String key;
    private long runId;

    @BeforeEach
    void setUp() {
        key = adminKey();
        String project = TestApi.unique("kafka");
        TestApi.createProject(key, project);
        runId = TestApi.createRun(key, project, "NS-GAN", 1);
    }

    private long storedBatches() {
        return QuarkusTransaction.requiringNew().call(() -> IngestedBatch.count("runId", runId));
    }

    @Test
    void aResentBatchIsStoredOnce() {
        List<Map<String, Object>> points = List.of(point("loss/D", 0, 1.0), point("loss/D", 1, 0.9));
        TestApi.logBatch(key, runId, 5, points);
        TestApi.logBatch(key, runId, 5, points);
        TestApi.logBatch(key, runId, 6, List.of(point("loss/D", 2, 0.8)));
        await().atMost(Duration.ofSeconds(20)).until(() -> storedBatches() == 2);
        // the duplicate travelled through Kafka too; give the consumer time to have seen it
        kafka.sendAndWait(Topics.METRICS, Long.toString(runId),
                Json.write(new MetricBatch(runId, 5, System.currentTimeMillis(), List.of(new MetricPoint("loss/D", 0L, 1.0, null)))));
        TestApi.logBatch(key, runId, 7, List.of(point("loss/D", 3, 0.7)));
        await().atMost(Duration.ofSeconds(20)).until(() -> storedBatches() == 3);
        assertEquals(4, TestApi.storedCount(key, runId, "loss/D"));
    }

    @Test
    void batchesSentWhileTheConsumerIsDownArriveWhenItComesBack() {
        TestApi.logBatch(key, runId, 0, List.of(point("g", 0, 0.0)));
        await().atMost(Duration.ofSeconds(20)).until(() -> TestApi.storedCount(key, runId, "g") == 1);
        consumer.stopConsuming();
        try {
            for (int seq = 1; seq <= 20; seq++) {
                TestApi.logBatch(key, runId, seq, List.of(point("g", seq, seq)));
            }
            assertEquals(1, TestApi.storedCount(key, runId, "g"), "nothing is stored while the consumer is down");
        } finally {
            consumer.startConsuming();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> TestApi.storedCount(key, runId, "g") == 21);
        assertEquals(21, storedBatches());
    }

    @Test
    void unreadableRecordsGoToTheDeadLetterTopicAndConsumptionGoesOn() throws Exception {
        String marker = "poison-" + UUID.randomUUID();
        kafka.producer().send(new ProducerRecord<>(Topics.METRICS, marker, "{not json".getBytes(StandardCharsets.UTF_8))).get();
        kafka.producer().send(new ProducerRecord<>(Topics.METRICS, marker,
                Json.write(new MetricBatch(987_654_321L, 0, 0, List.of(new MetricPoint("a", 0L, 1.0, null)))))).get();
        TestApi.logBatch(key, runId, 0, List.of(point("after", 0, 1.0)));
        await().atMost(Duration.ofSeconds(20)).until(() -> TestApi.storedCount(key, runId, "after") == 1);

        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> dlq = kafka.consumer("test-dlq-" + UUID.randomUUID(),
                Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
            dlq.subscribe(List.of(Topics.DLQ));
            long deadline = System.currentTimeMillis() + 20_000;
            while (letters.size() < 2 && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> r : dlq.poll(Duration.ofMillis(500))) {
                    if (marker.equals(r.key()) || "987654321".equals(r.key())) {
                        letters.add(Json.read(r.value(), DeadLetter.class));
                    }
                }
            }
        }
        assertTrue(letters.stream().anyMatch(l -> l.reason().contains("MetricBatch")), letters.toString());
        assertTrue(letters.stream().anyMatch(l -> l.reason().contains("run 987654321 does not exist")), letters.toString());
        assertTrue(letters.stream().allMatch(l -> l.sourceTopic().equals(Topics.METRICS)));
        assertTrue(broker.bootstrapServers().startsWith("127.0.0.1:"));
    }
}
