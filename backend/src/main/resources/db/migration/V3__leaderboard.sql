-- One row per (evaluation, metric): the narrow, indexed form the leaderboard reads, so a project with 50,000
-- evaluations is one index range scan instead of 50,000 JSON documents.
CREATE SEQUENCE evaluation_value_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE evaluation_value (
    id             BIGINT PRIMARY KEY,
    project_id     BIGINT NOT NULL REFERENCES project (id),
    run_id         BIGINT NOT NULL REFERENCES run (id),
    checkpoint_id  BIGINT NOT NULL,
    evaluation_id  BIGINT NOT NULL,
    step           BIGINT NOT NULL,
    extractor      VARCHAR(100) NOT NULL,
    metric         VARCHAR(64) NOT NULL,
    val            DOUBLE PRECISION NOT NULL,
    collapsed      BOOLEAN NOT NULL,
    CONSTRAINT evaluation_value_once UNIQUE (evaluation_id, metric)
);
CREATE INDEX evaluation_value_by_board ON evaluation_value (project_id, metric, extractor, run_id, step);
