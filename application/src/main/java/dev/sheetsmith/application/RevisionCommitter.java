package dev.sheetsmith.application;

import dev.sheetsmith.domain.FileRevision;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.NotFoundException;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.ports.out.FileMetadataStore;
import dev.sheetsmith.ports.out.FileStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Commits the next revision of a file. Two guards keep concurrent changes from losing each other:
 * a lock per file inside this server, and an optimistic revision check in the database for changes
 * that arrive through another replica (the loser reads the new revision and writes its change again).
 * The new bytes go under a new key before the database names them, so a failed change leaves the
 * current revision exactly as it was.
 *
 * <p>Bytes are deleted only when surely not committed (over quota, or the revision check lost);
 * a commit that throws may still have happened, so its bytes stay for the storage sweep to judge.
 * Pruning deletes only bytes that no file or kept revision names, after the commit is durable.
 */
public final class RevisionCommitter {

    /** Tries against changes through other replicas; between tries a growing, jittered pause. */
    static final int MAX_ATTEMPTS = 25;

    /** Writes a revision's content, given the file as it is now; returns an account for the caller. */
    @FunctionalInterface
    public interface Content<T> {
        T write(StoredFile current, OutputStream out) throws IOException;
    }

    /** The file as committed, and what its content writer said. */
    public record Committed<T>(StoredFile file, T account) {
    }

    /** Waits before the next try, after {@code attempt} tries lost. */
    @FunctionalInterface
    interface Pause {
        void after(int attempt);
    }

    private final FileMetadataStore metadata;
    private final FileStore fileStore;
    private final Quota quota;
    private final int keepRevisions;
    private final Clock clock;
    private final Pause pause;
    private final FileLocks locks = new FileLocks();

    public RevisionCommitter(FileMetadataStore metadata, FileStore fileStore, Quota quota, int keepRevisions,
            Clock clock) {
        this(metadata, fileStore, quota, keepRevisions, clock, RevisionCommitter::backOff);
    }

    RevisionCommitter(FileMetadataStore metadata, FileStore fileStore, Quota quota, int keepRevisions, Clock clock,
            Pause pause) {
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.fileStore = Objects.requireNonNull(fileStore, "fileStore");
        this.quota = Objects.requireNonNull(quota, "quota");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pause = Objects.requireNonNull(pause, "pause");
        if (keepRevisions < 1) {
            throw new IllegalArgumentException("keepRevisions must be at least 1");
        }
        this.keepRevisions = keepRevisions;
    }

    /** Runs {@code work} holding this server's lock of the file (commitNext inside it takes the same lock again). */
    public <T> T locked(String fileId, Supplier<T> work) {
        return locks.locked(fileId, work);
    }

    /**
     * Writes {@code content} over the file's newest revision and commits it as the next one, again
     * on the newer revision when another writer commits first.
     *
     * @param change the revision's note (e.g. the edit's description)
     * @param what names the change in the refusal when others keep winning ("this change")
     */
    public <T> Committed<T> commitNext(StoredFile file, String change, String what, Content<T> content) {
        return locked(file.id(), () -> {
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                StoredFile current = metadata.find(file.id())
                        .orElseThrow(() -> new NotFoundException("the file was deleted while it was being changed"));
                Committed<T> committed = tryCommit(current, change, content);
                if (committed != null) {
                    return committed;
                }
                if (attempt < MAX_ATTEMPTS) {
                    pause.after(attempt);
                }
            }
            throw new InvalidInputException(file.name() + " is being changed by others right now and " + what
                    + " could not be applied; nothing was changed. Try again in a moment.");
        });
    }

    /** One try: null when another writer committed first (this try's bytes are gone again). */
    private <T> Committed<T> tryCommit(StoredFile current, String change, Content<T> content) {
        int next = current.revision() + 1;
        String key = current.id() + "/r" + next + "-" + UUID.randomUUID().toString().substring(0, 8) + "."
                + current.format();
        ContentWriter<T> body = new ContentWriter<>(current, content);
        FileStore.Written written;
        try {
            written = fileStore.write(key, body);
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the changed file", e);
        }
        StoredFile updated = new StoredFile(current.id(), current.owner(), current.name(), current.format(),
                current.mediaType(), written.sizeBytes(), written.sha256(), next, key, current.created(),
                clock.instant());
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
        return new Committed<>(updated, body.account);
    }

    /** Hands the store a body that keeps what the content writer said. */
    private static final class ContentWriter<T> implements FileStore.BodyWriter {
        private final StoredFile current;
        private final Content<T> content;
        private T account;

        ContentWriter(StoredFile current, Content<T> content) {
            this.current = current;
            this.content = content;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            account = content.write(current, out);
        }
    }

    /** Copies stored bytes as they are (a restore). */
    public Content<Void> copyOf(String storageKey) {
        return (current, out) -> {
            try (InputStream in = fileStore.open(storageKey)) {
                in.transferTo(out);
            }
            return null;
        };
    }

    /** Another replica won the race: wait a little (longer each time, randomly) so they spread out. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(Math.min(500, ThreadLocalRandom.current().nextInt(10, 40) * (long) attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a change", e);
        }
    }

    private void deleteQuietly(String key) {
        try {
            fileStore.delete(key);
        } catch (IOException ignored) {
            // an orphaned file that nothing points at; the storage sweep removes it
        }
    }

    /** Files with a lock right now (for tests: the lock map does not grow with every file changed). */
    int lockedFiles() {
        return locks.size();
    }
}
