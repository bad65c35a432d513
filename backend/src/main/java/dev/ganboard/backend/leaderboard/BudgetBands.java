package dev.ganboard.backend.leaderboard;

import dev.ganboard.metrics.statistics.BestOfKCurve;
import dev.ganboard.metrics.statistics.Direction;
import dev.ganboard.metrics.statistics.ExpectedBestOfK;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Budget curves with their bootstrap bands, remembered by the values they were computed from: the bootstrap is most
 * of a board's computing time, and after a new evaluation only the variant it belongs to has new values.
 */
final class BudgetBands {
    static final int BOOTSTRAP_RESAMPLES = 1000;
    static final long BOOTSTRAP_SEED = 20180213L;
    private static final int REMEMBERED = 1024;

    /** The values sorted, so the band does not depend on the order the runs were read in. */
    private record Key(Direction direction, double[] sorted) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.direction == direction && Arrays.equals(k.sorted, sorted);
        }

        @Override
        public int hashCode() {
            return 31 * direction.hashCode() + Arrays.hashCode(sorted);
        }
    }

    private final Map<Key, List<Leaderboard.BudgetPoint>> remembered = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, List<Leaderboard.BudgetPoint>> eldest) {
            return size() > REMEMBERED;
        }
    };

    List<Leaderboard.BudgetPoint> of(double[] values, Direction direction) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        Key key = new Key(direction, sorted);
        synchronized (remembered) {
            List<Leaderboard.BudgetPoint> known = remembered.get(key);
            if (known != null) {
                return known;
            }
        }
        List<Leaderboard.BudgetPoint> band = compute(sorted, direction);
        synchronized (remembered) {
            remembered.put(key, band);
        }
        return band;
    }

    void clear() {
        synchronized (remembered) {
            remembered.clear();
        }
    }

    private static List<Leaderboard.BudgetPoint> compute(double[] values, Direction direction) {
        BestOfKCurve curve = ExpectedBestOfK.curve(values, direction, BOOTSTRAP_RESAMPLES, 0.95, BOOTSTRAP_SEED);
        List<Leaderboard.BudgetPoint> points = new ArrayList<>(curve.k().length);
        for (int i = 0; i < curve.k().length; i++) {
            points.add(new Leaderboard.BudgetPoint(curve.k()[i], curve.expected()[i], curve.lower()[i], curve.upper()[i]));
        }
        return List.copyOf(points);
    }
}
