package dev.ganboard.backend.checkpoint;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A chunk of an upload that Kafka has acknowledged: resuming an upload sends only the chunks without a row. */
@Entity
@Table(name = "checkpoint_chunk")
@IdClass(StoredChunk.Key.class)
public class StoredChunk extends PanacheEntityBase {
    @Id
    public long checkpointId;
    @Id
    public int chunkIndex;
    public int sizeBytes;
    public String sha256;
    public Instant receivedAt;

    public static class Key implements Serializable {
        public long checkpointId;
        public int chunkIndex;

        public Key() {
        }

        public Key(long checkpointId, int chunkIndex) {
            this.checkpointId = checkpointId;
            this.chunkIndex = chunkIndex;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && checkpointId == k.checkpointId && chunkIndex == k.chunkIndex;
        }

        @Override
        public int hashCode() {
            return Objects.hash(checkpointId, chunkIndex);
        }
    }
}
