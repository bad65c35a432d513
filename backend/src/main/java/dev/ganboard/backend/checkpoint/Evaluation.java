package dev.ganboard.backend.checkpoint;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import java.time.Instant;

/** One evaluation of a checkpoint by a worker: the metric suite's values with the extractor that produced them. */
@Entity
public class Evaluation extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "evaluation_seq")
    @SequenceGenerator(name = "evaluation_seq", sequenceName = "evaluation_seq", allocationSize = 50)
    public Long id;
    /** The worker's evaluation id (checkpoint + suite version), unique: a redelivered result is stored once. */
    public String evaluationKey;
    public long checkpointId;
    /** "ok", "diverged" (non-finite samples; {@code error} holds the reason) or "failed". */
    public String status;
    public String suiteVersion;
    public String extractor;
    public Integer sampleCount;
    public String metricsJson;
    public Long durationMs;
    public String worker;
    public String error;
    public Instant createdAt;
}
