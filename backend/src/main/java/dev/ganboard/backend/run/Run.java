package dev.ganboard.backend.run;

import dev.ganboard.backend.project.Project;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import java.time.Instant;

/** One training run: a GAN variant with one random seed. */
@Entity
public class Run extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "run_seq")
    @SequenceGenerator(name = "run_seq", sequenceName = "run_seq", allocationSize = 50)
    public Long id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "project_id")
    public Project project;
    public String variant;
    public Long seed;
    public String configJson;
    public String codeVersion;
    @Enumerated(EnumType.STRING)
    public RunStatus status;
    public Instant createdAt;
    public Instant finishedAt;
    /** The client's Idempotency-Key of the creating request (unique per project), if it sent one. */
    public String idempotencyKey;
    /**
     * The first step at which any metric of the run was NaN or ±Infinity, and that metric; null while all are finite.
     * Written only by the metric store (plain SQL, see MetricStore), never by Hibernate: a run loaded to be finished
     * must not write back a divergence it read before the metrics arrived.
     */
    @Column(insertable = false, updatable = false)
    public Long divergedStep;
    @Column(insertable = false, updatable = false)
    public String divergedKey;
}
