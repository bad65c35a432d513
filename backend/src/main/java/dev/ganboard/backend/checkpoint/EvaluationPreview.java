package dev.ganboard.backend.checkpoint;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import java.time.Instant;

/** The PNG a worker drew of an evaluation's samples (a grid of images or a scatter over the real points). */
@Entity
public class EvaluationPreview extends PanacheEntityBase {
    /** The {@link Evaluation}'s id: one preview per evaluation. */
    @Id
    public Long evaluationId;
    public long checkpointId;
    public String contentType;
    public int sizeBytes;
    /** Of {@link #data}; the HTTP ETag. */
    public String sha256;
    @Basic(fetch = FetchType.LAZY)
    public byte[] data;
    public Instant createdAt;
}
