-- Bumped whenever an evaluation of the project is indexed: leaderboards are cached per version, and checking it is
-- a primary-key read instead of an aggregate over every evaluation value.
ALTER TABLE project ADD COLUMN evaluation_version BIGINT DEFAULT 0 NOT NULL;
