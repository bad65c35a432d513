-- Where a run diverged: the first step at which any of its metrics was NaN or ±Infinity, and which metric (the
-- smallest key when several turned at that step). Null while every value is finite. Kept up to date on ingest.
ALTER TABLE run ADD COLUMN diverged_step BIGINT;
ALTER TABLE run ADD COLUMN diverged_key VARCHAR(128);
CREATE INDEX run_by_divergence ON run (project_id, diverged_step);
