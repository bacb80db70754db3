package dev.sheetsmith.ports.out;

import dev.sheetsmith.domain.FileRevision;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.OwnerUsage;
import dev.sheetsmith.domain.StoredFile;
import java.util.List;
import java.util.Optional;

public interface FileMetadataStore {

    /** Inserts the row and its first revision; false (nothing stored) when the owner already has a file of that name. */
    boolean insertIfNameFree(StoredFile file);

    Optional<StoredFile> find(String id);

    /** The owner's files, most recently changed first. */
    List<StoredFile> listByOwner(Owner owner);

    Optional<StoredFile> findByName(Owner owner, String name);

    boolean delete(String id);

    /**
     * Makes {@code updated} the file's current state if its revision is still {@code expectedRevision},
     * and records the revision; false (nothing changed) when someone else changed the file first.
     */
    boolean commitRevision(StoredFile updated, int expectedRevision, String change);

    List<FileRevision> revisions(String fileId);

    /** Files in id order after {@code afterId}; owner null for all, name part null for any, changedSince null for any. */
    List<StoredFile> page(Owner owner, String nameContains, java.time.Instant changedSince, String afterId, int limit);

    /** Files not changed since {@code cutoff}, oldest first. */
    List<StoredFile> unchangedSince(java.time.Instant cutoff, int limit);

    /** The bytes of an owner's files as they are now (current revisions). */
    long bytesOf(Owner owner);

    /** Files, bytes and last change per owner. */
    List<OwnerUsage> usageByOwner();

    /**
     * Gives the file to {@code to} under {@code name} if it still belongs to {@code from} and {@code to}
     * has no file of that name; false (nothing changed) otherwise. Its revisions and bytes stay as they are.
     */
    boolean moveIfNameFree(String id, Owner from, Owner to, String name);

    /**
     * Forgets all but the newest {@code keep} revisions and returns the forgotten ones whose bytes
     * no file or kept revision still names (those bytes go next, once this is committed).
     */
    List<FileRevision> pruneRevisions(String fileId, int keep);

    /** Which of {@code keys} a file or a kept revision names: their bytes must stay. */
    java.util.Set<String> namedKeys(java.util.Collection<String> keys);
}
