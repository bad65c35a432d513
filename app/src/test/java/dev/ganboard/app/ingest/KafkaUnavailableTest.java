package dev.ganboard.app.ingest;

import static dev.ganboard.app.support.TestApi.adminKey;
import static dev.ganboard.app.support.TestApi.as;
import static dev.ganboard.app.support.TestApi.point;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ganboard.app.support.TestApi;
import dev.ganboard.backend.kafka.BrokerAddress;
import dev.ganboard.protocol.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Kafka that does not acknowledge: the metrics topic accepts no record larger than 64 bytes until the setting is
 * lifted, so the broker refuses the batch. The caller gets 503 with the reason and nothing is stored; the batch sent
 * again afterwards is stored exactly once.
 */
@QuarkusTest
@TestProfile(KafkaUnavailableTest.ShortAckTimeout.class)
class KafkaUnavailableTest {
    public static class ShortAckTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ganboard.kafka.ack-timeout", "PT2S");
        }
    }

    @Inject
    BrokerAddress broker;

    @Test
    void aBatchKafkaRefusesGets503AndNothingStoredThenIsStoredOnceWhenSentAgain() throws Exception {
        String key = adminKey();
        String project = TestApi.unique("kafka-down");
        TestApi.createProject(key, project);
        long runId = TestApi.createRun(key, project, "NS-GAN", 0);
        List<Map<String, Object>> points = new ArrayList<>();
        for (int step = 0; step < 100; step++) {
            points.add(point("loss/D", step, 1.0 / (step + 1)));
        }
        Map<String, Object> batch = Map.of("seq", 0, "points", points);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            setMaxMessageBytes(admin, AlterConfigOp.OpType.SET);
            try {
                // the broker applies a dynamic topic setting shortly after the controller accepted it
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> maxMessageBytes(admin).equals("64"));
                Thread.sleep(2000);
                as(key).body(batch).post("/api/v1/runs/" + runId + "/metrics").then().statusCode(503)
                        .header("Retry-After", "5")
                        .body("error", containsString("Kafka did not acknowledge the record on " + Topics.METRICS));
            } finally {
                setMaxMessageBytes(admin, AlterConfigOp.OpType.DELETE);
            }
        }

        assertEquals(0, TestApi.storedCount(key, runId, "loss/D"), "a refused batch leaves nothing behind");
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                as(key).body(batch).post("/api/v1/runs/" + runId + "/metrics").then().statusCode(202));
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> TestApi.storedCount(key, runId, "loss/D") >= 100);
        Thread.sleep(1000); // a duplicate would land within the consumer's next polls
        assertEquals(100, TestApi.storedCount(key, runId, "loss/D"));
    }

    private static String maxMessageBytes(Admin admin) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.METRICS);
        return admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic)
                .get("max.message.bytes").value();
    }

    private static void setMaxMessageBytes(Admin admin, AlterConfigOp.OpType op) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.METRICS);
        AlterConfigOp change = new AlterConfigOp(new ConfigEntry("max.message.bytes", "64"), op);
        admin.incrementalAlterConfigs(Map.of(topic, List.of(change))).all().get(30, TimeUnit.SECONDS);
    }
}
