-- Bumped when an evaluation brings a (metric, extractor) pair the project did not have: the leaderboard's list of
-- metrics and extractors is cached per this version, so a new seed does not re-aggregate every evaluation value.
ALTER TABLE project ADD COLUMN catalogue_version BIGINT DEFAULT 0 NOT NULL;
