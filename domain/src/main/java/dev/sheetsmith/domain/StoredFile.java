package dev.sheetsmith.domain;

import java.time.Instant;
import java.util.Objects;

/** Metadata of a stored file; the bytes live in a file store under {@code storageKey}. */
public record StoredFile(String id, Owner owner, String name, String format, String mediaType, long sizeBytes,
        String sha256, int revision, String storageKey, Instant created, Instant updated) {

    public StoredFile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(storageKey, "storageKey");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
        if (sizeBytes < 0 || revision < 1) {
            throw new IllegalArgumentException("size must be >= 0 and revision >= 1");
        }
    }

    public StoredFile withName(String newName) {
        return new StoredFile(id, owner, newName, format, mediaType, sizeBytes, sha256, revision, storageKey, created,
                updated);
    }
}
