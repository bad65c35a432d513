package dev.ganboard.backend.checkpoint;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import java.time.Instant;

/**
 * A generator checkpoint of a run: a TorchScript generator or a bundle of samples, uploaded in chunks and
 * evaluated by workers. The blob itself lives in Kafka ({@code ganboard.checkpoints}), never in the database.
 */
@Entity
public class Checkpoint extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "checkpoint_seq")
    @SequenceGenerator(name = "checkpoint_seq", sequenceName = "checkpoint_seq", allocationSize = 50)
    public Long id;
    public long runId;
    public long step;
    /** "torchscript" or "samples". */
    public String kind;
    public Long sizeBytes;
    /** SHA-256 of the whole blob, as the uploader declared it. */
    public String sha256;
    @Enumerated(EnumType.STRING)
    public CheckpointStatus status;
    /** Why it failed, or which worker evaluates it. */
    public String statusDetail;
    public String metadataJson;
    public Integer chunkSize;
    public Integer chunkCount;
    public Instant createdAt;
    public Instant finishedAt;
    public Instant updatedAt;
    /** The latest progress a worker reported while evaluating (null otherwise). */
    public String progressStage;
    public Long progressDone;
    public Long progressTotal;
    public Long progressEtaSeconds;
    public Instant progressAt;
}
