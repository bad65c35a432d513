package dev.ganboard.app.leaderboard;

import static dev.ganboard.app.support.TestApi.adminKey;
import static dev.ganboard.app.support.TestApi.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.app.support.StudyFixture;
import dev.ganboard.app.support.TestApi;
import dev.ganboard.backend.leaderboard.LeaderboardIndex;
import dev.ganboard.backend.leaderboard.LeaderboardPick;
import dev.ganboard.backend.leaderboard.LeaderboardPicks;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Variants × seeds × checkpoints in, a Lucic-style comparison out, over REST. */
@QuarkusTest
class LeaderboardTest {
    @Inject
    LeaderboardIndex index;

    @Inject
    dev.ganboard.backend.leaderboard.LeaderboardService leaderboards;

    @Inject
    dev.ganboard.backend.leaderboard.LeaderboardWarmer warmer;

    @Inject
    LeaderboardPicks picks;

    private String key;
    private String project;

    @BeforeEach
    void setUp() {
        key = adminKey();
        project = StudyFixture.create(index, key);
    }

    private JsonPath board(String query) {
        return TestApi.json(as(key).get("/api/v1/projects/" + project + "/leaderboard" + query)
                .then().statusCode(200).extract().asString());
    }

    @Test
    void finalPolicyRanksVariantsWithDistributionsAndSignificance() {
        JsonPath b = board("?metric=fid&policy=final");
        assertEquals("fid", b.getString("metric"));
        assertEquals("identity", b.getString("extractor"));
        assertEquals("lower is better", b.getString("direction"));
        assertEquals(false, b.getBoolean("optimistic"));
        assertEquals(List.of("NS-GAN", "WGAN-GP", "LSGAN"), b.getList("rows.variant"));
        assertEquals(5, b.getInt("rows[0].runs"));
        assertEquals(12.0, b.getDouble("rows[0].mean"), 1e-12);
        assertEquals(Math.sqrt(2.5), b.getDouble("rows[0].std"), 1e-12);
        assertEquals(12.0, b.getDouble("rows[0].median"), 1e-12);
        assertEquals(2.0, b.getDouble("rows[0].iqr"), 1e-12);
        assertEquals(10.0, b.getDouble("rows[0].min"), 1e-12);
        assertEquals(8.0, b.getDouble("rows[0].others.modes_covered"), 1e-12);
        assertEquals(0.2, b.getDouble("rows[2].collapse_rate"), 1e-12);
        assertEquals(5, b.getList("rows[0].seeds").size());

        assertEquals(3, b.getList("comparisons").size());
        Map<String, Object> nsVsWgan = b.getMap("comparisons.find { it.a == 'NS-GAN' && it.b == 'WGAN-GP' }");
        assertEquals("NS-GAN", nsVsWgan.get("winner"));
        assertTrue(((String) nsVsWgan.get("verdict")).startsWith("NS-GAN beats WGAN-GP on fid (p = "), nsVsWgan.toString());

        List<Map<String, Object>> budget = b.getList("budget.'NS-GAN'");
        assertEquals(5, budget.size());
        assertEquals(12.0, ((Number) budget.get(0).get("expected_best")).doubleValue(), 1e-9, "k = 1: the mean");
        assertEquals(10.0, ((Number) budget.get(4).get("expected_best")).doubleValue(), 1e-9, "k = n: the minimum");
    }

    @Test
    void optimisticPoliciesAreLabelledAndCollapseIsHandled() {
        JsonPath best = board("?metric=fid&policy=best");
        assertEquals(true, best.getBoolean("optimistic"));
        Map<String, Object> lsganBest = best.getMap("rows.find { it.variant == 'LSGAN' }");
        assertEquals(5.0, ((Number) lsganBest.get("min")).doubleValue(), 1e-12, "best picks the collapsed checkpoint");
        JsonPath beforeCollapse = board("?metric=fid&policy=best-before-collapse");
        Map<String, Object> lsgan = beforeCollapse.getMap("rows.find { it.variant == 'LSGAN' }");
        assertEquals(44.0, ((Number) lsgan.get("max")).doubleValue(), 1e-12,
                "the collapsed seed 4 falls back to its step-2000 value, 40 + 4");
        assertEquals(2000, beforeCollapse.getInt("rows.find { it.variant == 'LSGAN' }.seeds.find { it.seed == 4 }.step"));
    }

    @Test
    void higherIsBetterMetricsRankTheOtherWay() {
        JsonPath b = board("?metric=modes_covered");
        assertEquals("higher is better", b.getString("direction"));
        assertEquals("LSGAN", b.getString("rows[2].variant"));
    }

    @Test
    void csvExportAndBadRequests() {
        String csv = as(key).get("/api/v1/projects/" + project + "/leaderboard.csv?metric=fid").then().statusCode(200)
                .extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(4, lines.length);
        assertTrue(lines[0].startsWith("variant,runs,metric,extractor,policy,mean,std,median"), lines[0]);
        assertTrue(lines[1].startsWith("NS-GAN,5,fid,identity,final,12.00000000"), lines[1]);
        as(key).get("/api/v1/projects/" + project + "/leaderboard?metric=sharpness").then().statusCode(400)
                .body("field", equalTo("metric"));
        as(key).get("/api/v1/projects/" + project + "/leaderboard?policy=luckiest").then().statusCode(400)
                .body("error", containsString("best-before-collapse"));
    }

    @Test
    void anotherTeamCannotSeeTheLeaderboard() {
        String other = TestApi.newTeamKey(TestApi.unique("team"), TestApi.unique("u"), "password-123");
        as(other).get("/api/v1/projects/" + project + "/leaderboard").then().statusCode(404);
    }

    @Test
    void boardsSomeoneLookedAtAreRecomputedAfterNewEvaluationsBeforeTheNextVisit() {
        board("?metric=fid&policy=final");
        // let the recomputation the fixture's own evaluations started finish first
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(warmer::idle);
        board("?metric=fid&policy=final");
        long before = leaderboards.computations();
        long projectId = as(key).get("/api/v1/projects/" + project).then().statusCode(200).extract().jsonPath()
                .getLong("id");
        long runId = TestApi.createRun(key, project, "NS-GAN", 5);
        index.index(new LeaderboardIndex.Entry(projectId, runId, runId * 10, System.nanoTime(), 1000L, "identity",
                Map.of("fid", 11.0), false));

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> leaderboards.computations() > before && warmer.idle());
        long warmed = leaderboards.computations();
        JsonPath b = board("?metric=fid&policy=final");
        assertEquals(warmed, leaderboards.computations(), "the visit after the change is served from the cache");
        assertEquals(6, b.getInt("rows.find { it.variant == 'NS-GAN' }.runs"));
    }

    @Test
    void aMetricOrExtractorThatAppearsLaterIsOfferedOnTheNextBoard() {
        JsonPath before = board("?metric=fid&policy=final");
        assertEquals(List.of("fid", "modes_covered"), before.getList("metrics").stream().sorted().toList());
        assertEquals(List.of("identity"), before.getList("extractors"));
        long projectId = as(key).get("/api/v1/projects/" + project).then().extract().jsonPath().getLong("id");
        long runId = TestApi.createRun(key, project, "NS-GAN", 7);
        index.index(new LeaderboardIndex.Entry(projectId, runId, runId * 10, System.nanoTime(), 1000L,
                "domain-cnn:fashion-mnist", Map.of("fid", 30.0, "is", 7.5), false));

        JsonPath after = board("?metric=fid&policy=final");
        assertEquals(List.of("fid", "is", "modes_covered"), after.getList("metrics").stream().sorted().toList());
        assertEquals(List.of("identity", "domain-cnn:fashion-mnist"), after.getList("extractors"));
    }

    @Test
    void picksMissingFromTheDatabaseAreRebuiltFromTheStoredValues() {
        String before = as(key).get("/api/v1/projects/" + project + "/leaderboard?metric=fid&policy=best-before-collapse")
                .then().statusCode(200).extract().asString();
        long projectId = projectId();
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() ->
                LeaderboardPick.delete("projectId", projectId));
        leaderboards.invalidate();
        assertEquals(List.of(), board("?metric=fid&policy=best-before-collapse").getList("rows"),
                "without picks the board has no rows");

        assertTrue(picks.backfill() >= 15, "the fixture's 15 runs are rebuilt");
        leaderboards.invalidate();
        String after = as(key).get("/api/v1/projects/" + project + "/leaderboard?metric=fid&policy=best-before-collapse")
                .then().statusCode(200).extract().asString();
        assertEquals(before, after);
    }

    @Test
    void aRunCollapsedAtItsFirstEvaluationHasNoBestBeforeCollapseButCountsAsCollapsed() {
        long projectId = projectId();
        long runId = TestApi.createRun(key, project, "LSGAN", 9);
        index.index(new LeaderboardIndex.Entry(projectId, runId, runId * 10, System.nanoTime(), 1000L, "identity",
                Map.of("fid", 3.0), true));
        index.index(new LeaderboardIndex.Entry(projectId, runId, runId * 10 + 1, System.nanoTime(), 2000L, "identity",
                Map.of("fid", 60.0), false));

        JsonPath beforeCollapse = board("?metric=fid&policy=best-before-collapse");
        Map<String, Object> lsgan = beforeCollapse.getMap("rows.find { it.variant == 'LSGAN' }");
        assertEquals(5, lsgan.get("runs"), "no checkpoint of the new run qualifies");
        assertEquals(2.0 / 6, ((Number) lsgan.get("collapse_rate")).doubleValue(), 1e-12,
                "2 of LSGAN's 6 runs collapsed at some point");
        JsonPath last = board("?metric=fid&policy=final");
        assertEquals(60.0, last.getDouble("rows.find { it.variant == 'LSGAN' }.seeds.find { it.seed == 9 }.value"),
                1e-12);
    }

    private long projectId() {
        return as(key).get("/api/v1/projects/" + project).then().statusCode(200).extract().jsonPath().getLong("id");
    }
}
