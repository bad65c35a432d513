-- Checkpoint uploads (resumable, chunked) and idempotent evaluations. Portable between PostgreSQL 15 and H2 2.x
-- (PostgreSQL mode): one column per ALTER TABLE, no IF NOT EXISTS.

ALTER TABLE checkpoint ADD COLUMN metadata_json VARCHAR(65536);
ALTER TABLE checkpoint ADD COLUMN chunk_size INTEGER;
ALTER TABLE checkpoint ADD COLUMN chunk_count INTEGER;
ALTER TABLE checkpoint ADD COLUMN status_detail VARCHAR(4000);
ALTER TABLE checkpoint ADD COLUMN finished_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE checkpoint ADD COLUMN updated_at TIMESTAMP WITH TIME ZONE;
-- a client that lost the upload's id finds it again by what it uploads
CREATE INDEX checkpoint_by_content ON checkpoint (run_id, sha256);

-- One row per chunk received (and already acknowledged by Kafka): what a resumed upload still has to send.
CREATE TABLE checkpoint_chunk (
    checkpoint_id  BIGINT NOT NULL REFERENCES checkpoint (id),
    chunk_index    INTEGER NOT NULL,
    size_bytes     INTEGER NOT NULL,
    sha256         VARCHAR(64) NOT NULL,
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (checkpoint_id, chunk_index)
);

-- The worker's evaluation id (checkpoint + suite version): a redelivered result is stored once.
ALTER TABLE evaluation ADD COLUMN evaluation_key VARCHAR(200);
CREATE UNIQUE INDEX evaluation_by_key ON evaluation (evaluation_key);
