package dev.ganboard.backend.checkpoint;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import java.time.Instant;

/** A generator checkpoint of a run: a TorchScript generator or a bundle of samples, evaluated by workers. */
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
    public String sha256;
    public String status;
    public Instant createdAt;
}
