-- Streams, their publish keys and the publisher leases that keep one encoder per input slot.
-- Written once for H2, PostgreSQL and MariaDB: plain types only. Identifiers are UUID strings chosen
-- by the application (UUIDs for streams, random 53-bit numbers for keys, which the API shows), and instants are epoch milliseconds (BIGINT), because identity columns and
-- TIMESTAMP semantics differ between the three. Primary keys are unnamed: MariaDB ignores their names.

CREATE TABLE inlet_stream (
    id           VARCHAR(36)  NOT NULL,
    code         VARCHAR(64)  NOT NULL,
    display_name VARCHAR(200) NOT NULL,
    enabled      BOOLEAN      NOT NULL,
    created_at   BIGINT       NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_inlet_stream_code UNIQUE (code)
);

-- key_hash is the SHA-256 of the key in hex; the key itself is never stored.
CREATE TABLE inlet_stream_key (
    id                  BIGINT       NOT NULL,
    stream_id           VARCHAR(36)  NOT NULL,
    priority            INTEGER      NOT NULL,
    key_hash            VARCHAR(64)  NOT NULL,
    key_prefix          VARCHAR(16)  NOT NULL,
    enabled             BOOLEAN      NOT NULL,
    created_at          BIGINT       NOT NULL,
    last_used_at        BIGINT,
    last_remote_address VARCHAR(100),
    PRIMARY KEY (id),
    CONSTRAINT uq_inlet_stream_key_hash UNIQUE (key_hash),
    CONSTRAINT fk_inlet_stream_key_stream FOREIGN KEY (stream_id) REFERENCES inlet_stream (id) ON DELETE CASCADE
);

CREATE INDEX ix_inlet_stream_key_stream ON inlet_stream_key (stream_id, priority);

-- One row per live input slot: the primary key is what makes a publish exclusive across nodes.
CREATE TABLE inlet_publisher_lease (
    stream_id      VARCHAR(36)  NOT NULL,
    priority       INTEGER      NOT NULL,
    node_id        VARCHAR(100) NOT NULL,
    session_id     VARCHAR(100) NOT NULL,
    key_prefix     VARCHAR(16)  NOT NULL,
    remote_address VARCHAR(100),
    acquired_at    BIGINT       NOT NULL,
    heartbeat_at   BIGINT       NOT NULL,
    PRIMARY KEY (stream_id, priority),
    CONSTRAINT fk_inlet_publisher_lease_stream FOREIGN KEY (stream_id) REFERENCES inlet_stream (id) ON DELETE CASCADE
);

CREATE INDEX ix_inlet_publisher_lease_node ON inlet_publisher_lease (node_id);
