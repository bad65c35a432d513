package dev.ganboard.backend.leaderboard;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;

/** One metric value of one evaluation, denormalised with its project, run and step for leaderboard queries. */
@Entity
public class EvaluationValue extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "evaluation_value_seq")
    @SequenceGenerator(name = "evaluation_value_seq", sequenceName = "evaluation_value_seq", allocationSize = 50)
    public Long id;
    public long projectId;
    public long runId;
    public long checkpointId;
    public long evaluationId;
    public long step;
    public String extractor;
    public String metric;
    public double val;
    public boolean collapsed;
}
