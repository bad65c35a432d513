-- Sample previews of evaluations, and the latest progress of a running evaluation. Portable between PostgreSQL 15
-- and H2 2.x (PostgreSQL mode): one column per ALTER TABLE, no IF NOT EXISTS.

-- One PNG per evaluation (the evaluation id is unique, so a redelivered result cannot add a second).
CREATE TABLE evaluation_preview (
    evaluation_id  BIGINT PRIMARY KEY REFERENCES evaluation (id),
    checkpoint_id  BIGINT NOT NULL REFERENCES checkpoint (id),
    content_type   VARCHAR(100) NOT NULL,
    size_bytes     INTEGER NOT NULL,
    sha256         VARCHAR(64) NOT NULL,
    data           BYTEA NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX evaluation_preview_by_checkpoint ON evaluation_preview (checkpoint_id);

-- What the worker evaluating the checkpoint last reported (cleared when the result arrives).
ALTER TABLE checkpoint ADD COLUMN progress_stage VARCHAR(200);
ALTER TABLE checkpoint ADD COLUMN progress_done BIGINT;
ALTER TABLE checkpoint ADD COLUMN progress_total BIGINT;
ALTER TABLE checkpoint ADD COLUMN progress_eta_seconds BIGINT;
ALTER TABLE checkpoint ADD COLUMN progress_at TIMESTAMP WITH TIME ZONE;
