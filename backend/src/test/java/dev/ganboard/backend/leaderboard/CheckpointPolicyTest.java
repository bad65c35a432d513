package dev.ganboard.backend.leaderboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.metrics.statistics.Direction;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointPolicyTest {
    // FID over training: improves, collapses at step 300 (and FID looks best right then), recovers a little.
    private final List<CheckpointPolicy.Point> run = List.of(
            new CheckpointPolicy.Point(100, 40.0, false),
            new CheckpointPolicy.Point(200, 25.0, false),
            new CheckpointPolicy.Point(300, 12.0, true),
            new CheckpointPolicy.Point(400, 30.0, false));

    @Test
    void finalTakesTheLastCheckpoint() {
        assertEquals(400, CheckpointPolicy.FINAL.choose(run, Direction.LOWER_IS_BETTER).orElseThrow().step());
    }

    @Test
    void bestTakesTheBestValueInTheMetricsDirection() {
        assertEquals(300, CheckpointPolicy.BEST.choose(run, Direction.LOWER_IS_BETTER).orElseThrow().step());
        assertEquals(100, CheckpointPolicy.BEST.choose(run, Direction.HIGHER_IS_BETTER).orElseThrow().step());
    }

    @Test
    void bestBeforeCollapseIgnoresTheCollapsedCheckpointAndEverythingAfter() {
        assertEquals(200, CheckpointPolicy.BEST_BEFORE_COLLAPSE.choose(run, Direction.LOWER_IS_BETTER).orElseThrow().step());
        List<CheckpointPolicy.Point> collapsedAtOnce = List.of(new CheckpointPolicy.Point(100, 5.0, true));
        assertTrue(CheckpointPolicy.BEST_BEFORE_COLLAPSE.choose(collapsedAtOnce, Direction.LOWER_IS_BETTER).isEmpty());
    }

    @Test
    void labelsParseAndOptimismIsDeclared() {
        assertEquals(CheckpointPolicy.BEST_BEFORE_COLLAPSE, CheckpointPolicy.parse("best-before-collapse"));
        assertEquals(CheckpointPolicy.FINAL, CheckpointPolicy.parse(null));
        assertFalse(CheckpointPolicy.FINAL.optimistic());
        assertTrue(CheckpointPolicy.BEST.optimistic());
        assertThrows(IllegalArgumentException.class, () -> CheckpointPolicy.parse("median"));
    }
}
