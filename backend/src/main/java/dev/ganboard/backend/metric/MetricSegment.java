package dev.ganboard.backend.metric;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import java.util.List;

/**
 * Many points of one (run, key) packed column-wise in {@link #payload} (see {@link SegmentCodec}), so a run with
 * millions of points is thousands of rows, not millions.
 */
@Entity
public class MetricSegment extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "metric_segment_seq")
    @SequenceGenerator(name = "metric_segment_seq", sequenceName = "metric_segment_seq", allocationSize = 50)
    public Long id;
    public long runId;
    public String metricKey;
    public long firstStep;
    public long lastStep;
    public int pointCount;
    public double minValue;
    public double maxValue;
    public byte[] payload;

    public static List<MetricSegment> ofSeries(long runId, String key) {
        return list("runId = ?1 and metricKey = ?2 order by firstStep, id", runId, key);
    }
}
