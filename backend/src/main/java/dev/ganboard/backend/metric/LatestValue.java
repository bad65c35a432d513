package dev.ganboard.backend.metric;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import java.io.Serializable;
import java.util.Objects;

/** The value at the highest step of one (run, key), kept up to date on ingest for run tables. */
@Entity
@IdClass(LatestValue.Key.class)
public class LatestValue extends PanacheEntityBase {
    @Id
    public long runId;
    @Id
    public String metricKey;
    public long step;
    public double val;
    public long pointCount;

    public static class Key implements Serializable {
        public long runId;
        public String metricKey;

        public Key() {
        }

        public Key(long runId, String metricKey) {
            this.runId = runId;
            this.metricKey = metricKey;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && runId == k.runId && Objects.equals(metricKey, k.metricKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(runId, metricKey);
        }
    }
}
