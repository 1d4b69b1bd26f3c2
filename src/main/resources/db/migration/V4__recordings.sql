-- Recordings (issue 15). A recording outlives its stream's row (its file is kept until retention or an administrator
-- deletes it), so it names the stream by code, not by a foreign key. Instants are epoch milliseconds, as in V1.
CREATE TABLE inlet_recording (
    id          VARCHAR(36)  NOT NULL,
    stream_code VARCHAR(64)  NOT NULL,
    node_id     VARCHAR(100) NOT NULL,
    state       VARCHAR(16)  NOT NULL,
    started_at  BIGINT       NOT NULL,
    ended_at    BIGINT,
    duration_ms BIGINT       NOT NULL,
    size_bytes  BIGINT       NOT NULL,
    codecs      VARCHAR(100) NOT NULL,
    width       INTEGER      NOT NULL,
    height      INTEGER      NOT NULL,
    file_path   VARCHAR(300) NOT NULL,
    reason      VARCHAR(500),
    PRIMARY KEY (id)
);

CREATE INDEX ix_inlet_recording_stream ON inlet_recording (stream_code, started_at);
CREATE INDEX ix_inlet_recording_node ON inlet_recording (node_id, state);

-- A stream's recording settings, set by an administrator; no row = the server's defaults. NULL limits = the default.
CREATE TABLE inlet_recording_policy (
    stream_id       VARCHAR(36) NOT NULL,
    enabled         BOOLEAN     NOT NULL,
    max_age_seconds BIGINT,
    max_bytes       BIGINT,
    PRIMARY KEY (stream_id),
    CONSTRAINT fk_inlet_recording_policy_stream FOREIGN KEY (stream_id) REFERENCES inlet_stream (id) ON DELETE CASCADE
);
