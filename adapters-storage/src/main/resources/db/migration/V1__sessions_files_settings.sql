-- Written in SQL that both H2 and PostgreSQL accept. Statements are idempotent (IF NOT EXISTS):
-- H2 commits each DDL statement on its own, so a migration cut short must be safe to run again.
CREATE TABLE IF NOT EXISTS mcp_sessions (
    id               VARCHAR(100)  NOT NULL PRIMARY KEY,
    owner_id         VARCHAR(200)  NOT NULL,
    protocol_version VARCHAR(20),
    client_name      VARCHAR(200),
    log_level        VARCHAR(20),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX IF NOT EXISTS mcp_sessions_owner ON mcp_sessions (owner_id);
CREATE INDEX IF NOT EXISTS mcp_sessions_last_seen ON mcp_sessions (last_seen_at);

CREATE TABLE IF NOT EXISTS files (
    id           VARCHAR(64)   NOT NULL PRIMARY KEY,
    owner_id     VARCHAR(200)  NOT NULL,
    name         VARCHAR(255)  NOT NULL,
    format       VARCHAR(40)   NOT NULL,
    media_type   VARCHAR(200)  NOT NULL,
    size_bytes   BIGINT        NOT NULL,
    sha256       VARCHAR(64)   NOT NULL,
    revision     INTEGER       NOT NULL,
    storage_key  VARCHAR(400)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT files_owner_name UNIQUE (owner_id, name)
);

CREATE TABLE IF NOT EXISTS settings (
    setting_name  VARCHAR(100)  NOT NULL PRIMARY KEY,
    setting_value VARCHAR(2000) NOT NULL
);
