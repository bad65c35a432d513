package dev.ganboard.backend.compare;

import dev.ganboard.backend.metric.MetricSeries;
import dev.ganboard.backend.run.Run;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The curves of all seeds of each variant on one key, as the mean across seeds with a band (the spread of the
 * seeds: min–max), on one step grid shared by every run so variants can be overlaid.
 */
@ApplicationScoped
public class VariantCurves {
    @Inject
    MetricSeries series;

    /** One grid cell: step (bucket centre), mean over the seeds that have a value there, min and max of them. */
    public record BandPoint(double step, double mean, double lo, double hi, int seeds) {
    }

    public record Curves(String key, int buckets, Map<String, List<BandPoint>> variants) {
    }

    @Transactional
    public Curves of(long projectId, String key, int buckets) {
        List<Run> runs = Run.list("project.id = ?1 order by variant, seed", projectId);
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        Map<Run, long[]> ranges = new LinkedHashMap<>();
        for (Run run : runs) {
            long[] range = series.stepRange(run.id, key);
            if (range != null) {
                ranges.put(run, range);
                first = Math.min(first, range[0]);
                last = Math.max(last, range[1]);
            }
        }
        Map<String, List<double[]>> byVariant = new LinkedHashMap<>();
        for (Run run : ranges.keySet()) {
            byVariant.computeIfAbsent(run.variant, v -> new ArrayList<>())
                    .add(series.meansOnGrid(run.id, key, first, last, buckets));
        }
        Map<String, List<BandPoint>> out = new LinkedHashMap<>();
        double width = ranges.isEmpty() ? 1 : Math.max(1.0, (double) (last - first + 1) / buckets);
        long origin = first;
        byVariant.forEach((variant, grids) -> out.put(variant, band(grids, origin, width, buckets)));
        return new Curves(key, buckets, out);
    }

    static List<BandPoint> band(List<double[]> grids, long first, double width, int buckets) {
        List<BandPoint> points = new ArrayList<>();
        for (int b = 0; b < buckets; b++) {
            double sum = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            int n = 0;
            for (double[] grid : grids) {
                double v = grid[b];
                if (!Double.isNaN(v)) {
                    sum += v;
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                    n++;
                }
            }
            if (n > 0) {
                points.add(new BandPoint(first + (b + 0.5) * width, sum / n, lo, hi, n));
            }
        }
        return points;
    }
}
