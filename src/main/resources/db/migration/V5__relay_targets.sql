-- Relay targets (issue 16): where a stream is restreamed. The target's stream key is a secret: it is stored sealed
-- (AES-GCM under inlet.relay.secret, the stream's code as authenticated data), never in clear; key_prefix is what the
-- API shows. Removed with their stream.
CREATE TABLE inlet_relay_target (
    id         VARCHAR(36)   NOT NULL,
    stream_id  VARCHAR(36)   NOT NULL,
    url        VARCHAR(500)  NOT NULL,
    key_sealed VARCHAR(1000) NOT NULL,
    key_prefix VARCHAR(8)    NOT NULL,
    enabled    BOOLEAN       NOT NULL,
    created_at BIGINT        NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_inlet_relay_target_stream FOREIGN KEY (stream_id) REFERENCES inlet_stream (id) ON DELETE CASCADE
);

CREATE INDEX ix_inlet_relay_target_stream ON inlet_relay_target (stream_id);
