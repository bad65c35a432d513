package dev.ganboard.app.leaderboard;

import static dev.ganboard.app.support.TestApi.adminKey;
import static dev.ganboard.app.support.TestApi.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.app.support.TestApi;
import dev.ganboard.backend.checkpoint.Checkpoint;
import dev.ganboard.backend.checkpoint.CheckpointStatus;
import dev.ganboard.backend.checkpoint.EvaluationStore;
import dev.ganboard.backend.leaderboard.DivergedRuns;
import dev.ganboard.protocol.checkpoint.EvaluationResult;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Diverged runs on the leaderboard, through the backend's own path (worker results applied by the EvaluationStore):
 * they are counted, take the worst value in the rank statistics, and mean ± std say over how many finite runs.
 */
@QuarkusTest
class DivergedRunsLeaderboardTest {
    @Inject
    EvaluationStore store;

    private String key;
    private String project;
    private long projectId;

    @BeforeEach
    void setUp() {
        key = adminKey();
        project = TestApi.unique("diverged-board");
        projectId = TestApi.createProject(key, project);
    }

    private JsonPath board(String query) {
        return TestApi.json(as(key).get("/api/v1/projects/" + project + "/leaderboard" + query)
                .then().statusCode(200).extract().asString());
    }

    private long checkpoint(long runId, long step) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Checkpoint c = new Checkpoint();
            c.runId = runId;
            c.step = step;
            c.kind = "samples";
            c.status = CheckpointStatus.EVALUATING;
            c.createdAt = Instant.now();
            c.updatedAt = c.createdAt;
            c.persist();
            return c.id;
        });
    }

    private void ok(long runId, long step, double fid) {
        long c = checkpoint(runId, step);
        store.apply(List.of(new EvaluationResult(EvaluationResult.idFor(c, "suite-1"), c, runId, EvaluationResult.OK,
                "suite-1", "identity", 100, Map.of("fid", fid, "collapsed", false), 1, "test", null,
                System.currentTimeMillis())));
    }

    private void diverged(long runId, long step) {
        long c = checkpoint(runId, step);
        store.apply(List.of(new EvaluationResult(EvaluationResult.idFor(c, "suite-1"), c, runId,
                EvaluationResult.DIVERGED, "suite-1", null, 100, Map.of("diverged", true, "collapsed", true,
                "non_finite_fraction", 1.0, "first_non_finite_sample", 0), 1, "test",
                "checkpoint " + c + " (step " + step + "): diverged", System.currentTimeMillis())));
    }

    @Test
    void aRunWhoseLossesTurnedNonFiniteAfterItsLastGoodCheckpointIsDiverged() {
        long blewUp = TestApi.createRun(key, project, "C", 0);
        ok(blewUp, 1000, 8);
        long artefact = TestApi.createRun(key, project, "C", 1); // a NaN logged early, good samples afterwards
        ok(artefact, 2000, 9);
        long healthy = TestApi.createRun(key, project, "C", 2);
        ok(healthy, 2000, 10);
        JsonPath before = board("?metric=fid&policy=final");
        assertEquals(0, before.getInt("rows.find { it.variant == 'C' }.diverged"));

        TestApi.logBatch(key, blewUp, 0, List.of(TestApi.point("loss/D", 1500, 0.7), nan("loss/D", 1600)));
        TestApi.logBatch(key, artefact, 0, List.of(nan("loss/G", 500), TestApi.point("loss/G", 600, 0.7)));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                TestApi.storedCount(key, blewUp, "loss/D") == 2 && TestApi.storedCount(key, artefact, "loss/G") == 2);

        assertEquals(Set.of(blewUp), DivergedRuns.of(projectId));
        JsonPath after = board("?metric=fid&policy=final");
        Map<String, Object> row = after.getMap("rows.find { it.variant == 'C' }");
        assertEquals(1, row.get("diverged"), "the cached board was recomputed when the run diverged");
        assertEquals(3, row.get("runs"));
        assertEquals(2, row.get("mean_over"));
        assertEquals(Double.POSITIVE_INFINITY, number(row.get("max")), "the run that blew up ranks last");
    }

    private static Map<String, Object> nan(String metric, long step) {
        return Map.of("key", metric, "step", step, "value", "NaN");
    }

    @Test
    void divergedRunsAreCountedAndRankLastInTheRankStatistics() {
        long[] a = new long[5];
        for (int seed = 0; seed < 4; seed++) {
            a[seed] = TestApi.createRun(key, project, "A", seed);
            ok(a[seed], 1000, 20 + seed);
            ok(a[seed], 2000, 10 + seed);
        }
        a[4] = TestApi.createRun(key, project, "A", 4); // diverged once, then recovered: not a diverged run
        diverged(a[4], 1000);
        ok(a[4], 2000, 14);
        long b0 = TestApi.createRun(key, project, "B", 0);
        ok(b0, 2000, 5);
        long b1 = TestApi.createRun(key, project, "B", 1);
        ok(b1, 2000, 6);
        long b2 = TestApi.createRun(key, project, "B", 2);
        ok(b2, 1000, 7);

        JsonPath before = board("?metric=fid&policy=final");
        assertEquals(0, before.getInt("rows.find { it.variant == 'B' }.diverged"));
        assertEquals(6.0, before.getDouble("rows.find { it.variant == 'B' }.median"), 1e-12);

        diverged(b2, 2000); // B seed 2's final checkpoint diverged after a finite one
        long b3 = TestApi.createRun(key, project, "B", 3);
        diverged(b3, 1000); // every checkpoint diverged: no value of any metric
        assertEquals(Set.of(b2, b3), DivergedRuns.of(projectId));
        JsonPath progress = TestApi.json(as(key).get("/api/v1/projects/" + project + "/progress").then().statusCode(200)
                .extract().asString());
        assertEquals(2, progress.getInt("diverged"), "runs whose final evaluated checkpoint diverged");
        assertEquals(15, progress.getInt("evaluated"));
        assertEquals(3, progress.getInt("evaluation_diverged"), "a recovered run's diverged checkpoint counts too");

        JsonPath b = board("?metric=fid&policy=final");
        Map<String, Object> rowA = b.getMap("rows.find { it.variant == 'A' }");
        assertEquals(5, rowA.get("runs"));
        assertEquals(0, rowA.get("diverged"));
        assertEquals(5, rowA.get("mean_over"));
        assertEquals(12.0, ((Number) rowA.get("mean")).doubleValue(), 1e-12);
        assertEquals(12.0, ((Number) rowA.get("median")).doubleValue(), 1e-12);
        assertEquals(0.0, ((Number) rowA.get("collapse_rate")).doubleValue(), 1e-12);

        Map<String, Object> rowB = b.getMap("rows.find { it.variant == 'B' }");
        assertEquals(4, rowB.get("runs"), "every run counts, the diverged ones too");
        assertEquals(2, rowB.get("diverged"));
        assertEquals(2, rowB.get("mean_over"), "mean and std are over the finite runs");
        assertEquals(5.5, ((Number) rowB.get("mean")).doubleValue(), 1e-12);
        assertEquals(Math.sqrt(0.5), ((Number) rowB.get("std")).doubleValue(), 1e-12);
        // B's values are 5, 6, +inf, +inf: the median falls between 6 and a diverged run
        assertEquals(Double.POSITIVE_INFINITY, number(rowB.get("median")));
        assertEquals(Double.POSITIVE_INFINITY, number(rowB.get("max")));
        assertEquals(5.0, number(rowB.get("min")), 1e-12);
        assertEquals(5.75, number(rowB.get("q1")), 1e-12);
        assertEquals(0.5, ((Number) rowB.get("collapse_rate")).doubleValue(), 1e-12, "diverged runs are collapsed");
        List<Map<String, Object>> seeds = b.getList("rows.find { it.variant == 'B' }.seeds");
        assertEquals(List.of(true, true), seeds.stream().filter(s -> Boolean.TRUE.equals(s.get("diverged")))
                .map(s -> Double.isInfinite(number(s.get("value")))).toList());

        // ranks: B's diverged runs are behind every run of A, its finite ones ahead: A is better in 10 of 20 pairs
        // (leaving the diverged runs out, B would be better in all of them)
        Map<String, Object> ab = b.getMap("comparisons.find { it.a == 'A' && it.b == 'B' || it.a == 'B' && it.b == 'A' }");
        assertEquals(0.5, ((Number) ab.get("prob_abetter")).doubleValue(), 1e-12, ab.toString());

        // E[best of k]: infinite while a k-subset can hold B's two diverged runs alone, finite from k = 3 on
        List<Map<String, Object>> budget = b.getList("budget.B");
        assertEquals(Double.POSITIVE_INFINITY, number(budget.get(0).get("expected_best")));
        assertEquals(Double.POSITIVE_INFINITY, number(budget.get(1).get("expected_best")));
        assertFalse(Double.isInfinite(number(budget.get(2).get("expected_best"))));
        assertEquals(5.0, number(budget.get(3).get("expected_best")), 1e-9, "k = n: the best run");

        // "best" keeps B seed 2's finite best value; seed 3 has none and takes the worst
        JsonPath best = board("?metric=fid&policy=best");
        Map<String, Object> bestB = best.getMap("rows.find { it.variant == 'B' }");
        assertEquals(4, bestB.get("runs"));
        assertEquals(2, bestB.get("diverged"));
        assertEquals(3, bestB.get("mean_over"));
        assertEquals(6.0, ((Number) bestB.get("mean")).doubleValue(), 1e-12);

        String csv = as(key).get("/api/v1/projects/" + project + "/leaderboard.csv?metric=fid").then().statusCode(200)
                .extract().asString();
        String[] lines = csv.split("\r\n");
        assertTrue(lines[0].startsWith("variant,runs,metric,extractor,policy,mean,std,median,q1,q3,iqr,min,max,"
                + "collapse_rate,diverged,mean_over"), lines[0]);
        String lineB = lines[1].startsWith("B,") ? lines[1] : lines[2];
        assertTrue(lineB.startsWith("B,4,fid,identity,final,5.500000000,"), lineB);
        assertTrue(lineB.contains(",inf,") && lineB.endsWith(",2,2"), lineB);
    }

    private static double number(Object json) {
        return json instanceof Number n ? n.doubleValue() : Double.parseDouble(json.toString());
    }
}
