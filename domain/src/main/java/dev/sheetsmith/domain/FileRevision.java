package dev.sheetsmith.domain;

import java.time.Instant;
import java.util.Objects;

/** One kept version of a file: every change makes a new one, and an old one can be restored. */
public record FileRevision(String fileId, int revision, String storageKey, long sizeBytes, String sha256,
        Instant created, String change) {

    public FileRevision {
        Objects.requireNonNull(fileId, "fileId");
        Objects.requireNonNull(storageKey, "storageKey");
        Objects.requireNonNull(created, "created");
    }
}
