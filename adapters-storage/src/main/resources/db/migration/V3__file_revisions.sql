-- Every change to a file makes a revision; the newest few are kept (files.keepRevisions).
CREATE TABLE IF NOT EXISTS file_revisions (
    file_id      VARCHAR(64)   NOT NULL,
    revision     INTEGER       NOT NULL,
    storage_key  VARCHAR(400)  NOT NULL,
    size_bytes   BIGINT        NOT NULL,
    sha256       VARCHAR(64)   NOT NULL,
    change_note  VARCHAR(300),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT file_revisions_pk PRIMARY KEY (file_id, revision)
);
