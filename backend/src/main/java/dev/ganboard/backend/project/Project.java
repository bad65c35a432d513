package dev.ganboard.backend.project;

import dev.ganboard.backend.team.Team;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import java.time.Instant;

/** A study on one dataset: many runs of several GAN variants and seeds. */
@Entity
public class Project extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "project_seq")
    @SequenceGenerator(name = "project_seq", sequenceName = "project_seq", allocationSize = 50)
    public Long id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "team_id")
    public Team team;
    public String name;
    public String dataset;
    public String description;
    public Instant createdAt;
    /** Incremented whenever one of the project's evaluations is indexed for the leaderboard. */
    public long evaluationVersion;
    /** Bumped when the project's evaluations gain a new (metric, extractor) pair. */
    public long catalogueVersion;
}
