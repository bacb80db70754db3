package dev.sheetsmith.application;

import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.ports.in.AuditUseCase;
import dev.sheetsmith.ports.in.ManageFilesUseCase;
import dev.sheetsmith.ports.out.FileMetadataStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Deletes files nobody changed for longer than the configured age (revisions beyond
 * files.keepRevisions are pruned at each change already). Safe on several replicas at once: a file
 * another replica deleted first is simply gone.
 */
public final class RetentionService {

    static final int BATCH = 500;

    private final FileMetadataStore metadata;
    private final ManageFilesUseCase files;
    private final AuditUseCase audit;
    private final Duration maxAge;
    private final Clock clock;

    /** @param maxAge zero keeps files forever */
    public RetentionService(FileMetadataStore metadata, ManageFilesUseCase files, AuditUseCase audit, Duration maxAge,
            Clock clock) {
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.files = Objects.requireNonNull(files, "files");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What the next purge would remove (at most one batch). */
    public List<StoredFile> preview() {
        if (maxAge.isZero()) {
            return List.of();
        }
        return metadata.unchangedSince(clock.instant().minus(maxAge), BATCH);
    }

    /** Deletes one batch of expired files and returns them. */
    public List<StoredFile> purge() {
        List<StoredFile> expired = preview();
        for (StoredFile file : expired) {
            try {
                files.deleteFile(file.owner(), file.id());
                audit.record(file.owner().id(), "retention", "retention.delete", file.id(), file.name());
            } catch (dev.sheetsmith.domain.NotFoundException gone) {
                // another replica was first
            }
        }
        return expired;
    }
}
