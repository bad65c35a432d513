package dev.ganboard.backend.leaderboard;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;

/**
 * The checkpoint a policy picks for one run, extractor and ranked metric; the checkpoint fields are null when no
 * checkpoint qualifies. {@code runCollapsed}: any evaluation of the run (with this extractor) reported collapse.
 */
@Entity
public class LeaderboardPick extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "leaderboard_pick_seq")
    @SequenceGenerator(name = "leaderboard_pick_seq", sequenceName = "leaderboard_pick_seq", allocationSize = 50)
    public Long id;
    public long projectId;
    public long runId;
    public String extractor;
    public String metric;
    public String policy;
    public Long evaluationId;
    public Long checkpointId;
    public Long step;
    public Double val;
    public boolean runCollapsed;
    /** The picked evaluation's other metrics, a JSON object of numbers ({@link OtherMetrics}). */
    public String otherMetrics;
}
