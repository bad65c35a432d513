-- The checkpoint each policy picks per (run, extractor, ranked metric), kept up to date as evaluations arrive, so a
-- leaderboard reads one row per run instead of every evaluation of every run. A migration that changes the picking
-- rules deletes the rows: the application rebuilds missing picks at start.
CREATE SEQUENCE leaderboard_pick_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE leaderboard_pick (
    id             BIGINT PRIMARY KEY,
    project_id     BIGINT NOT NULL REFERENCES project (id),
    run_id         BIGINT NOT NULL REFERENCES run (id),
    extractor      VARCHAR(100) NOT NULL,
    metric         VARCHAR(64) NOT NULL,
    policy         VARCHAR(32) NOT NULL,
    -- null when no checkpoint qualifies (best before collapse of a run that collapsed at its first evaluation)
    evaluation_id  BIGINT,
    checkpoint_id  BIGINT,
    step           BIGINT,
    val            DOUBLE PRECISION,
    run_collapsed  BOOLEAN NOT NULL,
    -- the picked evaluation's other metrics as a JSON object, for the board's "others" columns without a join
    other_metrics  VARCHAR(20000),
    CONSTRAINT leaderboard_pick_once UNIQUE (run_id, extractor, metric, policy)
);
CREATE INDEX leaderboard_pick_by_board ON leaderboard_pick (project_id, metric, extractor, policy);
-- picks are recomputed from one run's values
CREATE INDEX evaluation_value_by_run ON evaluation_value (run_id, extractor);
