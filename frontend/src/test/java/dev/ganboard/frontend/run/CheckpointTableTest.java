package dev.ganboard.frontend.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ganboard.backend.checkpoint.CheckpointSummary;
import dev.ganboard.backend.checkpoint.EvaluationSummary;
import dev.ganboard.backend.leaderboard.CheckpointPolicy;
import dev.ganboard.metrics.statistics.Direction;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointTableTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CheckpointSummary checkpoint(long id, long step, String metrics) throws Exception {
        List<EvaluationSummary> evaluations = metrics == null ? List.of() : List.of(new EvaluationSummary(id, "e" + id, id,
                step, "ok", "1", "identity", 2000, JSON.readTree(metrics), 10L, "w", null, null));
        return new CheckpointSummary(id, 1, step, "samples", metrics == null ? "queued" : "evaluated", null, 10, "x", null,
                null, null, List.of(), null, null, null, evaluations);
    }

    @Test
    void aDivergedCheckpointSaysSoWithItsShareOfNonFiniteSamplesAndGetsNoStar() throws Exception {
        CheckpointSummary diverged = checkpoint(2, 200, "{\"diverged\": true, \"collapsed\": true, "
                + "\"non_finite_fraction\": 0.25, \"first_non_finite_sample\": 0}");
        assertEquals("diverged — 25.0 % non-finite", CheckpointTable.statusLine(diverged));
        assertEquals("collapsed", CheckpointTable.statusLine(checkpoint(3, 300, "{\"fid\": 1.0, \"collapsed\": true}")));
        assertEquals("evaluated", CheckpointTable.statusLine(checkpoint(4, 400, "{\"fid\": 1.0}")));
        assertEquals(1L, CheckpointTable.bestBeforeCollapse(List.of(checkpoint(1, 100, "{\"fid\": 9.0}"), diverged,
                checkpoint(5, 500, "{\"fid\": 0.5}"))));
    }

    @Test
    void theStarGoesToTheLowestFidBeforeTheFirstCollapse() throws Exception {
        List<CheckpointSummary> run = List.of(
                checkpoint(1, 100, "{\"fid\": 9.0, \"collapsed\": false}"),
                checkpoint(2, 200, "{\"fid\": 4.0, \"collapsed\": false}"),
                checkpoint(3, 300, null),
                checkpoint(4, 400, "{\"fid\": 1.0, \"collapsed\": true}"),
                checkpoint(5, 500, "{\"fid\": 0.5, \"collapsed\": false}"));
        assertEquals(2L, CheckpointTable.bestBeforeCollapse(run));
    }

    @Test
    void anEvaluationWithoutFidIsSkippedButItsCollapseStillEndsTheSearch() throws Exception {
        List<CheckpointSummary> run = List.of(
                checkpoint(1, 100, "{\"fid\": 9.0}"),
                checkpoint(2, 200, "{\"modes_covered\": 3}"),
                checkpoint(3, 300, "{\"fid\": 5.0, \"collapsed\": false}"),
                checkpoint(4, 400, "{\"collapsed\": true}"),
                checkpoint(5, 500, "{\"fid\": 1.0}"));
        assertEquals(3L, CheckpointTable.bestBeforeCollapse(run));
    }

    @Test
    void theStarIsTheCheckpointTheLeaderboardsPolicyPicks() throws Exception {
        double[] fids = {7.0, 3.0, 3.0, 2.5, 1.0};
        boolean[] collapsed = {false, false, false, true, false};
        List<CheckpointSummary> run = new java.util.ArrayList<>();
        List<CheckpointPolicy.Point> points = new java.util.ArrayList<>();
        for (int i = 0; i < fids.length; i++) {
            run.add(checkpoint(i + 1, 100L * (i + 1), "{\"fid\": " + fids[i] + ", \"collapsed\": " + collapsed[i] + "}"));
            points.add(new CheckpointPolicy.Point(100L * (i + 1), fids[i], collapsed[i]));
        }
        long picked = CheckpointPolicy.BEST_BEFORE_COLLAPSE.choose(points, Direction.LOWER_IS_BETTER).orElseThrow()
                .step();
        assertEquals(200, picked, "the first of two equal values");
        assertEquals(picked / 100, CheckpointTable.bestBeforeCollapse(run));
    }

    @Test
    void theMetricColumnsAreTheHeadlineNumbersTheRunsEvaluationsHave() throws Exception {
        List<CheckpointSummary> images = List.of(
                checkpoint(1, 100, "{\"fid\": 9.0, \"is\": 2.5, \"classes_covered\": 9, \"gan_test\": \"n/a\"}"),
                checkpoint(2, 200, "{\"fid\": 4.0, \"kid\": 0.1, \"details\": {\"x\": 1}}"),
                checkpoint(3, 300, null));
        assertEquals(List.of("fid", "is", "kid", "classes_covered"), CheckpointTable.metricsPresent(images));
        assertEquals(List.of("fid"), CheckpointTable.metricsPresent(List.of(checkpoint(1, 100, null))),
                "a run without evaluations still shows the fid column");
    }

    @Test
    void noStarWhenTheFirstEvaluationIsAlreadyCollapsed() throws Exception {
        assertNull(CheckpointTable.bestBeforeCollapse(List.of(checkpoint(1, 100, "{\"fid\": 1.0, \"collapsed\": true}"))));
    }

    @Test
    void anEvaluatingCheckpointShowsItsWorkersProgress() {
        CheckpointSummary evaluating = new CheckpointSummary(7, 1, 500, "samples", "evaluating", "on w1", 10, "x", null,
                null, null, List.of(), null, null, null, List.of(),
                new dev.ganboard.backend.checkpoint.CheckpointProgress("features", 4000, 10000, 0.4, 12L, null), null);
        assertEquals("evaluating — features 4,000 / 10,000 (ETA 12 s)", CheckpointTable.statusText(evaluating));
        CheckpointSummary slow = new CheckpointSummary(7, 1, 500, "samples", "evaluating", null, 10, "x", null, null, null,
                List.of(), null, null, null, List.of(),
                new dev.ganboard.backend.checkpoint.CheckpointProgress("prdc", 1, 50, 0.02, 600L, null), null);
        assertEquals("evaluating — prdc 1 / 50 (ETA 10 min)", CheckpointTable.statusText(slow));
        CheckpointSummary queued = new CheckpointSummary(8, 1, 600, "samples", "queued", null, 10, "x", null, null, null,
                List.of(), null, null, null, List.of());
        assertEquals("queued", CheckpointTable.statusText(queued));
    }
}
