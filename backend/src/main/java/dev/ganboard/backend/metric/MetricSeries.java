package dev.ganboard.backend.metric;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads one series back, either whole or downsampled into step buckets that keep min, max and last. */
@ApplicationScoped
public class MetricSeries {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Series(String key, long count, List<SeriesPoint> points, List<Bucket> buckets) {
    }

    /** Points with step in [stepStart, stepEnd]; {@code last} is the value at the highest step. */
    public record Bucket(long stepStart, long stepEnd, long count, double min, double max, double mean, double last) {
    }

    @Transactional
    public List<String> keys(long runId) {
        return MetricSegment.getEntityManager()
                .createQuery("select distinct s.metricKey from MetricSegment s where s.runId = ?1 order by 1", String.class)
                .setParameter(1, runId).getResultList();
    }

    @Transactional
    public List<String> keysOfProject(long projectId) {
        return MetricSegment.getEntityManager().createQuery("select distinct s.metricKey from MetricSegment s "
                        + "where s.runId in (select r.id from Run r where r.project.id = ?1) order by 1", String.class)
                .setParameter(1, projectId).getResultList();
    }

    @Transactional
    public Series read(long runId, String key, Integer buckets) {
        List<MetricSegment> segments = MetricSegment.ofSeries(runId, key);
        long count = segments.stream().mapToLong(seg -> seg.pointCount).sum();
        if (buckets != null && inStepOrder(segments)) {
            return new Series(key, count, null, streamIntoBuckets(segments, buckets));
        }
        List<SeriesPoint> points = materialise(segments, (int) count);
        return buckets == null ? new Series(key, count, points, null) : new Series(key, count, null, downsample(points, buckets));
    }

    /** The step range of one series across its segments, or null if it has none. */
    @Transactional
    public long[] stepRange(long runId, String key) {
        Object[] r = MetricSegment.getEntityManager().createQuery("select min(s.firstStep), max(s.lastStep) "
                + "from MetricSegment s where s.runId = ?1 and s.metricKey = ?2", Object[].class)
                .setParameter(1, runId).setParameter(2, key).getSingleResult();
        return r[0] == null ? null : new long[] {(Long) r[0], (Long) r[1]};
    }

    /**
     * Bucket means on a fixed grid of {@code buckets} equal step ranges over [first, last], NaN where the run has no
     * point, so series of different runs line up bucket by bucket.
     */
    @Transactional
    public double[] meansOnGrid(long runId, String key, long first, long last, int buckets) {
        double[] sums = new double[buckets];
        long[] counts = new long[buckets];
        double width = Math.max(1.0, (double) (last - first + 1) / buckets);
        for (MetricSegment segment : MetricSegment.ofSeries(runId, key)) {
            SegmentCodec.forEach(segment.payload, (step, value, time) -> {
                if (step >= first && step <= last) {
                    int b = (int) Math.min(buckets - 1, (long) ((step - first) / width));
                    sums[b] += value;
                    counts[b]++;
                }
            });
        }
        double[] means = new double[buckets];
        for (int b = 0; b < buckets; b++) {
            means[b] = counts[b] == 0 ? Double.NaN : sums[b] / counts[b];
        }
        return means;
    }

    private static boolean inStepOrder(List<MetricSegment> segments) {
        long previousLast = Long.MIN_VALUE;
        for (MetricSegment segment : segments) {
            if (segment.firstStep < previousLast) {
                return false;
            }
            previousLast = segment.lastStep;
        }
        return true;
    }

    private static List<SeriesPoint> materialise(List<MetricSegment> segments, int count) {
        List<SeriesPoint> points = new ArrayList<>(count);
        for (MetricSegment segment : segments) {
            points.addAll(SegmentCodec.decode(segment.payload));
        }
        if (!inStepOrder(segments)) {
            // Late batches overlap earlier segments; a stable sort keeps arrival order among equal steps.
            points.sort(Comparator.comparingLong(SeriesPoint::step));
        }
        return points;
    }

    /** Downsamples without creating a point object per stored point: segments are decoded straight into buckets. */
    private static List<Bucket> streamIntoBuckets(List<MetricSegment> segments, int buckets) {
        if (segments.isEmpty()) {
            return List.of();
        }
        BucketAccumulator acc = new BucketAccumulator(segments.get(0).firstStep,
                segments.get(segments.size() - 1).lastStep, buckets);
        for (MetricSegment segment : segments) {
            SegmentCodec.forEach(segment.payload, (step, value, time) -> acc.add(step, value));
        }
        return acc.finish();
    }

    /** Equal-width buckets over the step range; empty buckets are left out. Points must come in step order. */
    static List<Bucket> downsample(List<SeriesPoint> points, int buckets) {
        if (points.isEmpty()) {
            return List.of();
        }
        BucketAccumulator acc = new BucketAccumulator(points.get(0).step(), points.get(points.size() - 1).step(), buckets);
        points.forEach(p -> acc.add(p.step(), p.value()));
        return acc.finish();
    }

    /** Folds step-ordered points into min/max/mean/last per bucket. */
    private static final class BucketAccumulator {
        private final long first;
        private final int buckets;
        private final double width;
        private final List<Bucket> out = new ArrayList<>();
        private int current = -1;
        private long stepStart;
        private long stepEnd;
        private long n;
        private double min;
        private double max;
        private double sum;
        private double last;

        BucketAccumulator(long first, long last, int buckets) {
            this.first = first;
            this.buckets = buckets;
            this.width = Math.max(1.0, (double) (last - first + 1) / buckets);
        }

        void add(long step, double value) {
            int bucket = (int) Math.min(buckets - 1, (long) ((step - first) / width));
            if (bucket != current) {
                emit();
                current = bucket;
                stepStart = step;
                n = 0;
                min = Double.POSITIVE_INFINITY;
                max = Double.NEGATIVE_INFINITY;
                sum = 0;
            }
            stepEnd = step;
            n++;
            min = Math.min(min, value);
            max = Math.max(max, value);
            sum += value;
            last = value;
        }

        private void emit() {
            if (current >= 0) {
                out.add(new Bucket(stepStart, stepEnd, n, min, max, sum / n, last));
            }
        }

        List<Bucket> finish() {
            emit();
            current = -1;
            return out;
        }
    }
}
