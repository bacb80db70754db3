package dev.sheetsmith.application;

import dev.sheetsmith.domain.FileRevision;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.Limits;
import dev.sheetsmith.domain.NotFoundException;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.domain.WorkbookEdit;
import dev.sheetsmith.ports.in.EditWorkbookUseCase;
import dev.sheetsmith.ports.out.FileMetadataStore;
import dev.sheetsmith.ports.out.FileStore;
import dev.sheetsmith.ports.out.WorkbookEditor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Applies edits as new revisions. Two guards keep concurrent edits from losing each other: a lock
 * per file inside this server, and an optimistic revision check in the database for edits that
 * arrive through another replica (the loser re-reads the new revision and applies its edit again).
 * The new bytes are written under a new key before the database points at them, so a failed edit
 * leaves the current revision exactly as it was.
 */
public final class EditWorkbookService implements EditWorkbookUseCase {

    /** Tries against edits through other replicas; between tries a growing, jittered pause. */
    static final int MAX_ATTEMPTS = 25;

    private final FileMetadataStore metadata;
    private final FileStore fileStore;
    private final WorkbookEditor editor;
    private final DownloadLinks links;
    private final Limits limits;
    private final int keepRevisions;
    private final Clock clock;
    private final FileResolver resolver;
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Quota quota;
    private final MemoryBudget budget;

    public EditWorkbookService(FileMetadataStore metadata, FileStore fileStore, WorkbookEditor editor,
            DownloadLinks links, Limits limits, int keepRevisions, Clock clock) {
        this(metadata, fileStore, editor, links, limits, keepRevisions, clock, Quota.none(metadata));
    }

    public EditWorkbookService(FileMetadataStore metadata, FileStore fileStore, WorkbookEditor editor,
            DownloadLinks links, Limits limits, int keepRevisions, Clock clock, Quota quota) {
        this(metadata, fileStore, editor, links, limits, keepRevisions, clock, quota, MemoryBudget.unlimited());
    }

    /** @param budget reserved before an edit loads the workbook: its stored size loaded whole, and the edit's cells */
    public EditWorkbookService(FileMetadataStore metadata, FileStore fileStore, WorkbookEditor editor,
            DownloadLinks links, Limits limits, int keepRevisions, Clock clock, Quota quota, MemoryBudget budget) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.quota = Objects.requireNonNull(quota, "quota");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.fileStore = Objects.requireNonNull(fileStore, "fileStore");
        this.editor = Objects.requireNonNull(editor, "editor");
        this.links = Objects.requireNonNull(links, "links");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (keepRevisions < 1) {
            throw new IllegalArgumentException("keepRevisions must be at least 1");
        }
        this.keepRevisions = keepRevisions;
        this.resolver = new FileResolver(metadata);
    }

    @Override
    public Edited edit(Owner owner, String fileRef, WorkbookEdit edit) {
        limits.check(edit);
        StoredFile file = editable(resolver.resolve(owner, fileRef));
        try (MemoryBudget.Reservation memory = budget.reserve(MemoryBudget.loaded(file.sizeBytes(),
                Limits.cells(edit)), "changing " + file.name() + " (" + file.sizeBytes() + " bytes stored)")) {
            return apply(file, edit);
        }
    }

    private Edited apply(StoredFile file, WorkbookEdit edit) {
        return locked(file.id(), () -> {
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                StoredFile current = metadata.find(file.id())
                        .orElseThrow(() -> new NotFoundException("the file was deleted while it was being changed"));
                String[] summary = new String[1];
                Outcome outcome = commit(current, edit.describe(), out -> {
                    try (InputStream in = fileStore.open(current.storageKey())) {
                        summary[0] = editor.apply(in, edit, out);
                    }
                });
                if (outcome != null) {
                    return new Edited(outcome.file, links.linkFor(outcome.file.id(), outcome.file.name()), summary[0]);
                }
                backOff(attempt);
            }
            throw new InvalidInputException(file.name() + " is being changed by others right now and this change"
                    + " could not be applied; nothing was changed. Try again in a moment.");
        });
    }

    @Override
    public List<FileRevision> listRevisions(Owner owner, String fileRef) {
        return metadata.revisions(resolver.resolve(owner, fileRef).id());
    }

    @Override
    public Edited restoreRevision(Owner owner, String fileRef, int revision) {
        StoredFile file = resolver.resolve(owner, fileRef);
        return locked(file.id(), () -> {
            List<FileRevision> kept = metadata.revisions(file.id());
            FileRevision wanted = kept.stream().filter(r -> r.revision() == revision).findFirst()
                    .orElseThrow(() -> new InvalidInputException("revision " + revision + " of " + file.name()
                            + " is not kept; kept revisions: " + kept.stream().map(FileRevision::revision).toList()));
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                StoredFile current = metadata.find(file.id()).orElseThrow(() -> new NotFoundException("file deleted"));
                Outcome outcome = commit(current, "restore_revision " + revision, out -> {
                    try (InputStream in = fileStore.open(wanted.storageKey())) {
                        in.transferTo(out);
                    }
                });
                if (outcome != null) {
                    return new Edited(outcome.file, links.linkFor(outcome.file.id(), outcome.file.name()),
                            "restored the content of revision " + revision);
                }
                backOff(attempt);
            }
            throw new InvalidInputException(file.name() + " is being changed by others right now and the restore"
                    + " could not be applied; nothing was changed. Try again in a moment.");
        });
    }

    private record Outcome(StoredFile file) {
    }

    /** Writes the next revision and points the file at it; null when another writer won the race. */
    private Outcome commit(StoredFile current, String change, FileStore.BodyWriter body) {
        int next = current.revision() + 1;
        String key = current.id() + "/r" + next + "-" + UUID.randomUUID().toString().substring(0, 8) + "."
                + current.format();
        HashingOutputStream[] written = new HashingOutputStream[1];
        try {
            fileStore.write(key, out -> {
                HashingOutputStream hashing = new HashingOutputStream(out);
                body.writeTo(hashing);
                hashing.flush();
                written[0] = hashing;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the changed file", e);
        }
        Instant now = clock.instant();
        StoredFile updated = new StoredFile(current.id(), current.owner(), current.name(), current.format(),
                current.mediaType(), written[0].count(), written[0].sha256(), next, key, current.created(), now);
        try {
            quota.check(current.owner(), updated.sizeBytes() - current.sizeBytes());
        } catch (RuntimeException e) {
            deleteQuietly(key);
            throw e;
        }
        // A commit that fails with an exception may still have happened (a connection lost after
        // COMMIT was sent), so its bytes stay; if no row names them, the storage sweep removes them.
        if (!metadata.commitRevision(updated, current.revision(), change)) {
            deleteQuietly(key);
            return null;
        }
        // The commit that makes old revisions unneeded is durable before their bytes go.
        for (FileRevision old : metadata.pruneRevisions(current.id(), keepRevisions)) {
            deleteQuietly(old.storageKey());
        }
        return new Outcome(updated);
    }

    /** Another replica won the race: wait a little (longer each time, randomly) so they spread out. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(Math.min(500, ThreadLocalRandom.current().nextInt(10, 40) * (long) attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry an edit", e);
        }
    }

    private <T> T locked(String fileId, java.util.function.Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(fileId, id -> new ReentrantLock(true));
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    private StoredFile editable(StoredFile file) {
        if (!editor.edits(file.format())) {
            throw new InvalidInputException(file.name() + " is a " + file.format() + " file; only "
                    + String.join(", ", new java.util.TreeSet<>(editor.formats())) + " workbooks can be changed");
        }
        return file;
    }

    private void deleteQuietly(String key) {
        try {
            fileStore.delete(key);
        } catch (IOException ignored) {
            // an orphaned file that nothing points at
        }
    }
}
