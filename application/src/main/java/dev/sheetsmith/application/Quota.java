package dev.sheetsmith.application;

import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.ports.out.FileMetadataStore;
import java.util.Objects;

/** A per-owner storage quota (limits.ownerQuotaBytes; 0 is none), checked before a write is recorded. */
public final class Quota {

    private final FileMetadataStore metadata;
    private final long maxBytes;

    public Quota(FileMetadataStore metadata, long maxBytes) {
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.maxBytes = maxBytes;
    }

    public static Quota none(FileMetadataStore metadata) {
        return new Quota(metadata, 0);
    }

    /** @param growth how many bytes the owner's files grow by (the new size less the old one) */
    void check(Owner owner, long growth) {
        if (maxBytes <= 0 || growth <= 0) {
            return;
        }
        long used = metadata.bytesOf(owner);
        if (used + growth > maxBytes) {
            throw new InvalidInputException("this would take " + owner.id() + "'s files to " + (used + growth)
                    + " bytes, over the storage quota of " + maxBytes + " bytes (limits.ownerQuotaBytes); nothing was"
                    + " stored. Delete files you no longer need (delete_file) or ask the operator for more room.");
        }
    }
}
