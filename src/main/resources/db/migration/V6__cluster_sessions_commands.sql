-- One control plane over the nodes that share this database (issue 16). Each node writes a heartbeat, and, while
-- another node is alive, a snapshot of its live sessions, so any node's API lists every node's publishers and
-- players. A change that must act where a session lives (a kick, a revoked key, a disabled stream) is a command row
-- for that node, which polls its commands every second and deletes each one it takes. Instants are epoch
-- milliseconds; the command id is a UUID chosen by the sender. The publish blocklist is shared: an address a node
-- blocks for failed publishes is a row every node reads and applies until it expires.
CREATE TABLE inlet_node (
    node_id      VARCHAR(100) NOT NULL,
    heartbeat_at BIGINT       NOT NULL,
    PRIMARY KEY (node_id)
);

CREATE TABLE inlet_node_session (
    node_id        VARCHAR(100) NOT NULL,
    session_id     VARCHAR(200) NOT NULL,
    role           VARCHAR(10)  NOT NULL,
    stream_code    VARCHAR(64)  NOT NULL,
    protocol       VARCHAR(20)  NOT NULL,
    remote_address VARCHAR(100) NOT NULL,
    priority       INTEGER      NOT NULL,
    key_prefix     VARCHAR(16),
    started_at     BIGINT       NOT NULL,
    bytes          BIGINT       NOT NULL,
    updated_at     BIGINT       NOT NULL,
    PRIMARY KEY (node_id, session_id)
);

CREATE TABLE inlet_node_command (
    id          VARCHAR(36)  NOT NULL,
    target_node VARCHAR(100) NOT NULL,
    kind        VARCHAR(30)  NOT NULL,
    argument    VARCHAR(400) NOT NULL,
    reason      VARCHAR(200) NOT NULL,
    created_at  BIGINT       NOT NULL,
    PRIMARY KEY (id)
);

CREATE INDEX ix_inlet_node_command_target ON inlet_node_command (target_node, created_at);

CREATE TABLE inlet_blocked_address (
    address       VARCHAR(100) NOT NULL,
    blocked_until BIGINT       NOT NULL,
    blocks        INTEGER      NOT NULL,
    node_id       VARCHAR(100) NOT NULL,
    PRIMARY KEY (address)
);
