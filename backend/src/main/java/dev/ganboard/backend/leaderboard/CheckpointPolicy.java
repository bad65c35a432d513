package dev.ganboard.backend.leaderboard;

import dev.ganboard.metrics.seeds.Direction;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which checkpoint of a run stands for the run. "best" and "best before collapse" pick with hindsight on the
 * evaluation data and are optimistic (Lucic et al. report the final or a validation-chosen checkpoint); the
 * leaderboard labels them so.
 */
public enum CheckpointPolicy {
    FINAL("final", false),
    BEST("best", true),
    BEST_BEFORE_COLLAPSE("best-before-collapse", true);

    private final String label;
    private final boolean optimistic;

    CheckpointPolicy(String label, boolean optimistic) {
        this.label = label;
        this.optimistic = optimistic;
    }

    public String label() {
        return label;
    }

    public boolean optimistic() {
        return optimistic;
    }

    public static CheckpointPolicy parse(String text) {
        String t = text == null ? "final" : text.toLowerCase(Locale.ROOT);
        for (CheckpointPolicy p : values()) {
            if (p.label.equals(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("policy: one of final, best, best-before-collapse (got '" + text + "')");
    }

    /** One checkpoint's value of the chosen metric. */
    public record Point(long step, double value, boolean collapsed) {
    }

    /** Picks the run's representative value from its points sorted by step; empty if none qualifies. */
    public Optional<Point> choose(List<Point> byStep, Direction direction) {
        if (byStep.isEmpty()) {
            return Optional.empty();
        }
        return switch (this) {
            case FINAL -> Optional.of(byStep.get(byStep.size() - 1));
            case BEST -> best(byStep, direction);
            case BEST_BEFORE_COLLAPSE -> best(byStep.subList(0, firstCollapse(byStep)), direction);
        };
    }

    private static int firstCollapse(List<Point> byStep) {
        for (int i = 0; i < byStep.size(); i++) {
            if (byStep.get(i).collapsed()) {
                return i;
            }
        }
        return byStep.size();
    }

    private static Optional<Point> best(List<Point> points, Direction direction) {
        Point best = null;
        for (Point p : points) {
            if (best == null || direction.better(p.value(), best.value())) {
                best = p;
            }
        }
        return Optional.ofNullable(best);
    }
}
