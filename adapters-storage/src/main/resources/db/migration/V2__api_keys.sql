-- API keys: only a SHA-256 of the secret is kept; the key id is the lookup part of the key.
CREATE TABLE IF NOT EXISTS api_keys (
    id            VARCHAR(32)   NOT NULL PRIMARY KEY,
    owner_id      VARCHAR(200)  NOT NULL,
    role          VARCHAR(20)   NOT NULL,
    secret_sha256 VARCHAR(64)   NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at  TIMESTAMP WITH TIME ZONE,
    revoked_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX IF NOT EXISTS api_keys_owner ON api_keys (owner_id);
