package dev.ganboard.backend.metric;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import java.io.Serializable;
import java.util.Objects;
import java.time.Instant;

/** Marks batch (run, seq) as stored, which makes at-least-once delivery store each batch exactly once. */
@Entity
@IdClass(IngestedBatch.Key.class)
public class IngestedBatch extends PanacheEntityBase {
    @Id
    public long runId;
    @Id
    public long seq;
    public int pointCount;
    public Instant storedAt;

    public static class Key implements Serializable {
        public long runId;
        public long seq;

        public Key() {
        }

        public Key(long runId, long seq) {
            this.runId = runId;
            this.seq = seq;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && runId == k.runId && seq == k.seq;
        }

        @Override
        public int hashCode() {
            return Objects.hash(runId, seq);
        }
    }
}
