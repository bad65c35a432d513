package dev.ganboard.backend.leaderboard;

import dev.ganboard.metrics.statistics.Direction;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

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
        return choose(byStep, direction, Point::value, Point::collapsed);
    }

    /**
     * The same rule on any kind of checkpoint (the leaderboard's values, the run page's rows): the last one; the
     * best value, the first of equals; or the best before the first collapsed checkpoint.
     */
    public <T> Optional<T> choose(List<T> byStep, Direction direction, ToDoubleFunction<T> value,
                                  Predicate<T> collapsed) {
        if (byStep.isEmpty()) {
            return Optional.empty();
        }
        return switch (this) {
            case FINAL -> Optional.of(byStep.get(byStep.size() - 1));
            case BEST -> best(byStep, direction, value);
            case BEST_BEFORE_COLLAPSE -> best(byStep.subList(0, firstCollapse(byStep, collapsed)), direction, value);
        };
    }

    private static <T> int firstCollapse(List<T> byStep, Predicate<T> collapsed) {
        for (int i = 0; i < byStep.size(); i++) {
            if (collapsed.test(byStep.get(i))) {
                return i;
            }
        }
        return byStep.size();
    }

    private static <T> Optional<T> best(List<T> points, Direction direction, ToDoubleFunction<T> value) {
        T best = null;
        for (T p : points) {
            if (best == null || direction.better(value.applyAsDouble(p), value.applyAsDouble(best))) {
                best = p;
            }
        }
        return Optional.ofNullable(best);
    }
}
