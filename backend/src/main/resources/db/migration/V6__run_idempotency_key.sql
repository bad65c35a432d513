-- POST /runs with an Idempotency-Key header: a retried creation returns the run the first attempt made.
ALTER TABLE run ADD COLUMN idempotency_key VARCHAR(200);
CREATE UNIQUE INDEX run_by_idempotency_key ON run (project_id, idempotency_key);
