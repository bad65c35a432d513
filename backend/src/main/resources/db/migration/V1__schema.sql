-- GANBoard schema. Portable between PostgreSQL 15 and H2 2.x (PostgreSQL mode): keep to the common subset.

CREATE SEQUENCE team_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE user_account_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE api_key_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE project_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE run_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE metric_segment_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE checkpoint_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE evaluation_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE team (
    id          BIGINT PRIMARY KEY,
    name        VARCHAR(100) NOT NULL UNIQUE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE user_account (
    id             BIGINT PRIMARY KEY,
    team_id        BIGINT NOT NULL REFERENCES team (id),
    username       VARCHAR(100) NOT NULL UNIQUE,
    password_hash  VARCHAR(200) NOT NULL,
    admin          BOOLEAN NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE api_key (
    id            BIGINT PRIMARY KEY,
    user_id       BIGINT NOT NULL REFERENCES user_account (id),
    name          VARCHAR(100) NOT NULL,
    prefix        VARCHAR(16) NOT NULL UNIQUE,
    key_hash      VARCHAR(64) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at  TIMESTAMP WITH TIME ZONE,
    revoked       BOOLEAN NOT NULL
);

CREATE TABLE project (
    id           BIGINT PRIMARY KEY,
    team_id      BIGINT NOT NULL REFERENCES team (id),
    name         VARCHAR(100) NOT NULL,
    dataset      VARCHAR(100),
    description  VARCHAR(2000),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT project_name_per_team UNIQUE (team_id, name)
);

CREATE TABLE run (
    id            BIGINT PRIMARY KEY,
    project_id    BIGINT NOT NULL REFERENCES project (id),
    variant       VARCHAR(100) NOT NULL,
    seed          BIGINT,
    config_json   VARCHAR(65536),
    code_version  VARCHAR(200),
    status        VARCHAR(20) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX run_by_project ON run (project_id, variant);

-- Metric points are stored columnar: one row holds many points of one (run, key), packed in payload.
CREATE TABLE metric_segment (
    id           BIGINT PRIMARY KEY,
    run_id       BIGINT NOT NULL REFERENCES run (id),
    metric_key   VARCHAR(128) NOT NULL,
    first_step   BIGINT NOT NULL,
    last_step    BIGINT NOT NULL,
    point_count  INTEGER NOT NULL,
    min_value    DOUBLE PRECISION NOT NULL,
    max_value    DOUBLE PRECISION NOT NULL,
    payload      BYTEA NOT NULL
);
CREATE INDEX metric_segment_by_series ON metric_segment (run_id, metric_key, first_step);

CREATE TABLE latest_value (
    run_id      BIGINT NOT NULL REFERENCES run (id),
    metric_key  VARCHAR(128) NOT NULL,
    step        BIGINT NOT NULL,
    val         DOUBLE PRECISION NOT NULL,
    point_count BIGINT NOT NULL,
    PRIMARY KEY (run_id, metric_key)
);

-- One row per metric batch stored: makes at-least-once delivery store each batch once.
CREATE TABLE ingested_batch (
    run_id       BIGINT NOT NULL REFERENCES run (id),
    seq          BIGINT NOT NULL,
    point_count  INTEGER NOT NULL,
    stored_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (run_id, seq)
);

CREATE TABLE checkpoint (
    id          BIGINT PRIMARY KEY,
    run_id      BIGINT NOT NULL REFERENCES run (id),
    step        BIGINT NOT NULL,
    kind        VARCHAR(20) NOT NULL,
    size_bytes  BIGINT,
    sha256      VARCHAR(64),
    status      VARCHAR(20) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX checkpoint_by_run ON checkpoint (run_id, step);

CREATE TABLE evaluation (
    id             BIGINT PRIMARY KEY,
    checkpoint_id  BIGINT NOT NULL REFERENCES checkpoint (id),
    status         VARCHAR(20) NOT NULL,
    suite_version  VARCHAR(40),
    extractor      VARCHAR(100),
    sample_count   INTEGER,
    metrics_json   VARCHAR(65536),
    duration_ms    BIGINT,
    worker         VARCHAR(200),
    error          VARCHAR(4000),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX evaluation_by_checkpoint ON evaluation (checkpoint_id);
