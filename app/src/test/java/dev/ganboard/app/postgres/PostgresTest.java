package dev.ganboard.app.postgres;

import static dev.ganboard.app.support.TestApi.adminKey;
import static dev.ganboard.app.support.TestApi.as;
import static dev.ganboard.app.support.TestApi.point;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.app.support.TestApi;
import dev.ganboard.backend.metric.IngestedBatch;
import dev.ganboard.backend.metric.LatestValue;
import dev.ganboard.backend.metric.MetricSegment;
import dev.ganboard.backend.metric.MetricStore;
import dev.ganboard.protocol.MetricBatch;
import dev.ganboard.protocol.MetricPoint;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(PostgresProfile.class)
class PostgresTest {
    @Inject
    AgroalDataSource dataSource;
    @Inject
    MetricStore store;

    @Test
    void runsOnPostgresqlWithTheFlywaySchema() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            assertEquals("PostgreSQL", c.getMetaData().getDatabaseProductName());
            var rs = c.createStatement().executeQuery(
                    "select version from flyway_schema_history where success and version is not null order by installed_rank");
            java.util.List<String> versions = new java.util.ArrayList<>();
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
            assertTrue(versions.containsAll(java.util.List.of("1", "2", "3")), versions.toString());
            var failed = c.createStatement().executeQuery("select count(*) from flyway_schema_history where not success");
            assertTrue(failed.next());
            assertEquals(0, failed.getInt(1));
        }
    }

    @Test
    void restRoundTripThroughKafkaIntoPostgresql() {
        String key = adminKey();
        String project = TestApi.unique("pg");
        TestApi.createProject(key, project);
        long runId = TestApi.createRun(key, project, "hinge", 11);
        TestApi.logBatch(key, runId, 0, List.of(point("loss/D", 0, 1.0), point("loss/D", 1, 0.5)));
        TestApi.logBatch(key, runId, 0, List.of(point("loss/D", 0, 1.0), point("loss/D", 1, 0.5)));
        await().atMost(Duration.ofSeconds(20)).until(() -> TestApi.storedCount(key, runId, "loss/D") == 2);
        as(key).get("/api/v1/projects/" + project + "/runs").then().statusCode(200)
                .body("[0].latest.'loss/D'.value", equalTo(0.5f));
    }

    @Test
    void storeIsIdempotentAndKeepsLatestValuesOnPostgresql() {
        String key = adminKey();
        String project = TestApi.unique("pgstore");
        TestApi.createProject(key, project);
        long runId = TestApi.createRun(key, project, "LSGAN", 2);
        List<MetricPoint> points = new ArrayList<>();
        for (long step = 0; step < 40_000; step++) {
            points.add(new MetricPoint("fid", step, 100.0 - step / 1000.0, 1_000L + step));
        }
        MetricBatch big = new MetricBatch(runId, 0, 1_000, points);
        MetricBatch late = new MetricBatch(runId, 1, 2_000, List.of(new MetricPoint("fid", 5L, -1.0, null)));
        MetricStore.Outcome first = store.store(List.of(big, late, big));
        assertEquals(2, first.stored());
        assertEquals(1, first.duplicates());
        MetricStore.Outcome again = store.store(List.of(late));
        assertEquals(0, again.stored());
        assertEquals(1, again.duplicates());

        QuarkusTransaction.requiringNew().run(() -> {
            assertEquals(2, IngestedBatch.count("runId", runId));
            assertEquals(3, MetricSegment.count("runId", runId), "40,001 points of one key stored together pack into 3 segments of <= 16,384");
            LatestValue latest = LatestValue.findById(new LatestValue.Key(runId, "fid"));
            assertEquals(39_999, latest.step);
            assertEquals(40_001, latest.pointCount);
        });
        List<Float> buckets = as(key).queryParam("key", "fid").queryParam("buckets", 4)
                .get("/api/v1/runs/" + runId + "/metrics").then().statusCode(200)
                .body("count", equalTo(40_001)).extract().path("buckets.min");
        assertEquals(-1.0f, buckets.get(0), "the late point is merged into its place in the series");
    }

    @Test
    void nonFiniteValuesAndTheRunsDivergenceRoundTripOnPostgresql() throws Exception {
        String key = adminKey();
        String project = TestApi.unique("pgnan");
        TestApi.createProject(key, project);
        long runId = TestApi.createRun(key, project, "NS-GAN", 3);
        MetricBatch batch = new MetricBatch(runId, 0, 1_000, List.of(
                new MetricPoint("loss/D", 0L, 0.5, null), new MetricPoint("loss/D", 7L, Double.NaN, null),
                new MetricPoint("inf", 8L, Double.POSITIVE_INFINITY, null),
                new MetricPoint("ninf", 9L, Double.NEGATIVE_INFINITY, null)));
        assertEquals(1, store.store(List.of(batch)).stored());
        try (Connection c = dataSource.getConnection();
             var latest = c.prepareStatement("select metric_key, val from latest_value where run_id = ? order by 1");
             var segments = c.prepareStatement("select metric_key, min_value, max_value from metric_segment "
                     + "where run_id = ? order by 1");
             var run = c.prepareStatement("select diverged_step, diverged_key from run where id = ?")) {
            latest.setLong(1, runId);
            var rs = latest.executeQuery();
            List<Double> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getDouble(2));
            }
            assertEquals(List.of(Double.POSITIVE_INFINITY, Double.NaN, Double.NEGATIVE_INFINITY), values,
                    "inf, loss/D, ninf: the latest values as sent");
            segments.setLong(1, runId);
            rs = segments.executeQuery();
            assertTrue(rs.next());
            assertTrue(Double.isNaN(rs.getDouble(2)) && Double.isNaN(rs.getDouble(3)), "no finite point, no range");
            assertTrue(rs.next());
            assertEquals(0.5, rs.getDouble(2), "loss/D's range is over its finite points");
            assertEquals(0.5, rs.getDouble(3));
            run.setLong(1, runId);
            rs = run.executeQuery();
            assertTrue(rs.next());
            assertEquals(7, rs.getLong(1));
            assertEquals("loss/D", rs.getString(2));
        }
        as(key).queryParam("key", "loss/D").get("/api/v1/runs/" + runId + "/metrics").then().statusCode(200)
                .body("non_finite_count", equalTo(1)).body("points[1].value", equalTo("NaN"));
        as(key).get("/api/v1/runs/" + runId).then().statusCode(200).body("diverged.step", equalTo(7))
                .body("latest.ninf.value", equalTo("-Infinity"));
    }
}
