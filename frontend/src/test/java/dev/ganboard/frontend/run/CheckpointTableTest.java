package dev.ganboard.frontend.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ganboard.backend.checkpoint.CheckpointView;
import dev.ganboard.backend.checkpoint.EvaluationView;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointTableTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CheckpointView checkpoint(long id, long step, String metrics) throws Exception {
        List<EvaluationView> evaluations = metrics == null ? List.of() : List.of(new EvaluationView(id, "e" + id, id,
                step, "ok", "1", "identity", 2000, JSON.readTree(metrics), 10L, "w", null, null));
        return new CheckpointView(id, 1, step, "samples", metrics == null ? "queued" : "evaluated", null, 10, "x", null,
                null, null, List.of(), null, null, null, evaluations);
    }

    @Test
    void theStarGoesToTheLowestFidBeforeTheFirstCollapse() throws Exception {
        List<CheckpointView> run = List.of(
                checkpoint(1, 100, "{\"fid\": 9.0, \"collapsed\": false}"),
                checkpoint(2, 200, "{\"fid\": 4.0, \"collapsed\": false}"),
                checkpoint(3, 300, null),
                checkpoint(4, 400, "{\"fid\": 1.0, \"collapsed\": true}"),
                checkpoint(5, 500, "{\"fid\": 0.5, \"collapsed\": false}"));
        assertEquals(2L, CheckpointTable.bestBeforeCollapse(run));
    }

    @Test
    void noStarWhenTheFirstEvaluationIsAlreadyCollapsed() throws Exception {
        assertNull(CheckpointTable.bestBeforeCollapse(List.of(checkpoint(1, 100, "{\"fid\": 1.0, \"collapsed\": true}"))));
    }
}
