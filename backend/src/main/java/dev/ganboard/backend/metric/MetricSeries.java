package dev.ganboard.backend.metric;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads one series back, either whole or downsampled into step buckets that keep min, max and last. Non-finite
 * values (NaN, ±Infinity) are data: they are counted per series and per bucket, and the first one is named, while
 * min/max/mean are over the finite points. In JSON a non-finite value is the string "NaN", "Infinity" or "-Infinity"
 * (Jackson's default for non-finite doubles), so the answer stays valid JSON.
 */
@ApplicationScoped
public class MetricSeries {

    /**
     * {@code nonFiniteCount} points of {@code count} are NaN or ±Infinity; {@code firstNonFinite} is the first of
     * them in step order (null when there is none).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Series(String key, long count, long nonFiniteCount, NonFinite firstNonFinite,
                         List<SeriesPoint> points, List<Bucket> buckets) {
    }

    /** Where a series turned non-finite: the step and the value there (NaN, Infinity or -Infinity). */
    public record NonFinite(long step, double value) {
    }

    /**
     * Points with step in [stepStart, stepEnd]; {@code count} of them, {@code nonFinite} of which are NaN or ±Infinity.
     * min, max and mean are over the finite points (null when the bucket has none); {@code last} is the value at the
     * highest step, whatever it is.
     */
    public record Bucket(long stepStart, long stepEnd, long count, long nonFinite, Double min, Double max, Double mean,
                         double last) {
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
            BucketAccumulator acc = streamIntoBuckets(segments, buckets);
            return new Series(key, count, acc.nonFinite, acc.firstNonFinite(), null, acc.finish());
        }
        List<SeriesPoint> points = materialise(segments, (int) count);
        long nonFinite = 0;
        NonFinite first = null;
        for (SeriesPoint p : points) {
            if (!Double.isFinite(p.value())) {
                nonFinite++;
                if (first == null) {
                    first = new NonFinite(p.step(), p.value());
                }
            }
        }
        return new Series(key, count, nonFinite, first, buckets == null ? points : null,
                buckets == null ? null : downsample(points, buckets));
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
     * Bucket means of the finite points on a fixed grid of {@code buckets} equal step ranges over [first, last], NaN
     * where the run has no finite point, so series of different runs line up bucket by bucket.
     */
    @Transactional
    public double[] meansOnGrid(long runId, String key, long first, long last, int buckets) {
        double[] sums = new double[buckets];
        long[] counts = new long[buckets];
        double width = Math.max(1.0, (double) (last - first + 1) / buckets);
        for (MetricSegment segment : MetricSegment.ofSeries(runId, key)) {
            SegmentCodec.forEach(segment.payload, (step, value, time) -> {
                if (step >= first && step <= last && Double.isFinite(value)) {
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
    private static BucketAccumulator streamIntoBuckets(List<MetricSegment> segments, int buckets) {
        if (segments.isEmpty()) {
            return new BucketAccumulator(0, 0, buckets);
        }
        BucketAccumulator acc = new BucketAccumulator(segments.get(0).firstStep,
                segments.get(segments.size() - 1).lastStep, buckets);
        for (MetricSegment segment : segments) {
            SegmentCodec.forEach(segment.payload, (step, value, time) -> acc.add(step, value));
        }
        return acc;
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

    /** Folds step-ordered points into min/max/mean of the finite ones, the non-finite count and last per bucket. */
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
        private long bucketNonFinite;
        /** Over the whole series. */
        long nonFinite;
        private long firstNonFiniteStep;
        private double firstNonFiniteValue;

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
                bucketNonFinite = 0;
                min = Double.POSITIVE_INFINITY;
                max = Double.NEGATIVE_INFINITY;
                sum = 0;
            }
            stepEnd = step;
            n++;
            last = value;
            if (!Double.isFinite(value)) {
                if (nonFinite++ == 0) {
                    firstNonFiniteStep = step;
                    firstNonFiniteValue = value;
                }
                bucketNonFinite++;
                return;
            }
            min = Math.min(min, value);
            max = Math.max(max, value);
            sum += value;
        }

        NonFinite firstNonFinite() {
            return nonFinite == 0 ? null : new NonFinite(firstNonFiniteStep, firstNonFiniteValue);
        }

        private void emit() {
            if (current >= 0) {
                long finite = n - bucketNonFinite;
                out.add(finite == 0 ? new Bucket(stepStart, stepEnd, n, bucketNonFinite, null, null, null, last)
                        : new Bucket(stepStart, stepEnd, n, bucketNonFinite, min, max, sum / finite, last));
            }
        }

        List<Bucket> finish() {
            emit();
            current = -1;
            return out;
        }
    }
}
