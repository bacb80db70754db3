package dev.sheetsmith.application;

import dev.sheetsmith.domain.FileRevision;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.OwnerUsage;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.ports.out.FileMetadataStore;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Builds the read index of a large revision in the background as soon as it is committed. The
 * first read of a fresh revision (an assistant calls describe_workbook a few seconds after the
 * create or edit that made it) then finds the index built, or being built, instead of starting the
 * build and waiting for all of it.
 *
 * <p>Revisions become committed in one place, the metadata store ({@link #watching} wraps it), so
 * every writer (create, uploads, imports, conversions, every edit, append, restore) is covered. The
 * build is {@link ReadIndexes#of}: under the memory budget, and under the same per-revision lock as
 * reads, so a read that arrives during the build waits for it and gets the same index.
 *
 * <p>Bounded: one thread; at most one waiting revision per file (a newer revision replaces the
 * waiting one, which will likely never be read); at most {@code capacity} waiting in all (when full
 * the newest wins and the oldest waiting is dropped); a build starts a delay after its commit, so
 * edits sent back to back replace their revisions unbuilt and keep the cores. A commit never waits for, or fails by, a
 * build: a refusal of the memory budget or a file that cannot be indexed is skipped, a failure is
 * logged and counted, and the next read builds the index as it did before.
 */
public final class ReadIndexPrebuild {

    /** Stored bytes from which a revision's index is built when it is committed, by default. */
    public static final long DEFAULT_MIN_BYTES = 1L << 20;

    /**
     * How long a committed revision waits before its build starts, by default: a next edit of the same file
     * within it replaces the revision (no build of one that is superseded at once), and a call that follows
     * at once does not share the cores with a build (measured: back-to-back append_rows and format_range on a
     * 100,000 x 10 workbook took 1.1 / 1.0 s instead of 0.7 s while the previous revision was being indexed).
     */
    public static final java.time.Duration DEFAULT_DELAY = java.time.Duration.ofSeconds(1);

    /** Revisions waiting at most, by default. */
    public static final int DEFAULT_CAPACITY = 4;

    /** The build thread's name. */
    public static final String THREAD_NAME = "sheetsmith-index-prebuild";

    private static final System.Logger LOG = System.getLogger(ReadIndexPrebuild.class.getName());

    /** Builds one revision's index. */
    @FunctionalInterface
    interface Build {
        /** @return false when it was not built (the memory budget refused it, or the file cannot be indexed) */
        boolean build(StoredFile file) throws IOException;
    }

    private final Build build;
    private final Predicate<String> formats;
    private final long minBytes;
    private final int capacity;
    private final long delayNanos;
    private final java.util.function.LongSupplier nanoTime;
    /** Waiting revisions by file id, oldest first (and so the soonest due first: one delay for all). */
    private final LinkedHashMap<String, Waiting> waiting = new LinkedHashMap<>();
    private final AtomicLong built = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private Thread thread;
    private boolean stopped;

    /** A committed revision and when its build may start ({@link System#nanoTime} scale). */
    private record Waiting(StoredFile file, long due) {
    }

    /**
     * @param formats the formats whose files reads answer from an index (the reader's)
     * @param minBytes stored bytes from which a committed revision's index is built; 0 builds none
     * @param delay how long after its commit a revision's build starts (a newer revision of the file within it replaces it)
     */
    public ReadIndexPrebuild(ReadIndexes indexes, Predicate<String> formats, long minBytes, java.time.Duration delay) {
        this(built(Objects.requireNonNull(indexes, "indexes")), formats, minBytes, DEFAULT_CAPACITY, delay,
                System::nanoTime);
    }

    private static Build built(ReadIndexes indexes) {
        return file -> indexes.of(file) != null;
    }

    ReadIndexPrebuild(Build build, Predicate<String> formats, long minBytes, int capacity) {
        this(build, formats, minBytes, capacity, java.time.Duration.ZERO, System::nanoTime);
    }

    ReadIndexPrebuild(Build build, Predicate<String> formats, long minBytes, int capacity, java.time.Duration delay,
            java.util.function.LongSupplier nanoTime) {
        this.build = Objects.requireNonNull(build, "build");
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("files.readIndexPrebuildDelay must be >= 0, not " + delay);
        }
        this.delayNanos = delay.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.formats = Objects.requireNonNull(formats, "formats");
        if (minBytes < 0) {
            throw new IllegalArgumentException("files.readIndexPrebuildBytes must be >= 0 (0 builds no index"
                    + " ahead of its first read), not " + minBytes);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("the prebuild queue holds at least one revision");
        }
        this.minBytes = minBytes;
        this.capacity = capacity;
    }

    /** Starts the build thread (a daemon: a build never holds the process up). */
    public synchronized void start() {
        if (thread != null || stopped) {
            return;
        }
        thread = new Thread(this::run, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Drops what waits and stops the build under way (interrupted: its write is cut short, and the
     * store's atomic writes leave no index of it), waiting for the thread at most {@code wait}.
     */
    public void stop(long wait, TimeUnit unit) throws InterruptedException {
        Thread running;
        synchronized (this) {
            stopped = true;
            dropped.addAndGet(waiting.size());
            waiting.clear();
            running = thread;
            notifyAll();
        }
        if (running != null) {
            running.interrupt();
            running.join(Math.max(1, unit.toMillis(wait)));
        }
    }

    /** A revision was committed: its index is built in the background when it is large enough. */
    public void committed(StoredFile file) {
        if (minBytes == 0 || file.sizeBytes() < minBytes || !formats.test(file.format())) {
            return;
        }
        synchronized (this) {
            if (stopped) {
                return;
            }
            Waiting older = waiting.get(file.id());
            if (older != null && older.file().revision() > file.revision()) {
                dropped.incrementAndGet();
                return;
            }
            if (waiting.remove(file.id()) != null) {
                dropped.incrementAndGet();
            }
            waiting.put(file.id(), new Waiting(file, nanoTime.getAsLong() + delayNanos));
            Iterator<Waiting> oldest = waiting.values().iterator();
            while (waiting.size() > capacity) {
                StoredFile gone = oldest.next().file();
                oldest.remove();
                dropped.incrementAndGet();
                LOG.log(System.Logger.Level.DEBUG, () -> "Not building the read index of " + gone.name() + " revision "
                        + gone.revision() + " ahead: " + capacity + " newer revisions wait");
            }
            notifyAll();
        }
    }

    /** Wraps a metadata store: each revision it commits (a new file, or a file's next revision) is handed to {@link #committed}. */
    public FileMetadataStore watching(FileMetadataStore metadata) {
        return new Watching(Objects.requireNonNull(metadata, "metadata"), this);
    }

    /** Indexes built (or found built) ahead of their first read. */
    public long builtCount() {
        return built.get();
    }

    /** Revisions not built: the memory budget refused, or the file cannot be indexed. */
    public long skippedCount() {
        return skipped.get();
    }

    /** Builds that failed (logged; the first read builds again). */
    public long failedCount() {
        return failed.get();
    }

    /** Waiting revisions dropped: replaced by a newer one of the same file, pushed out by newer ones, or at shutdown. */
    public long droppedCount() {
        return dropped.get();
    }

    /** Revisions waiting now. */
    public synchronized int waitingCount() {
        return waiting.size();
    }

    private void run() {
        while (true) {
            StoredFile next;
            synchronized (this) {
                try {
                    while (true) {
                        if (stopped) {
                            return;
                        }
                        if (!waiting.isEmpty()) {
                            long left = waiting.values().iterator().next().due() - nanoTime.getAsLong();
                            if (left <= 0) {
                                break;
                            }
                            // a newer commit of the same file meanwhile moves it to the back with a new due time
                            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
                        } else {
                            wait();
                        }
                    }
                } catch (InterruptedException e) {
                    return;
                }
                Iterator<Waiting> oldest = waiting.values().iterator();
                next = oldest.next().file();
                oldest.remove();
            }
            buildQuietly(next);
        }
    }

    private void buildQuietly(StoredFile file) {
        long started = System.nanoTime();
        try {
            if (build.build(file)) {
                built.incrementAndGet();
                long millis = (System.nanoTime() - started) / 1_000_000;
                LOG.log(System.Logger.Level.DEBUG, () -> "Built the read index of " + file.name() + " revision "
                        + file.revision() + " (" + file.sizeBytes() + " bytes stored) ahead of its first read in "
                        + millis + " ms");
            } else {
                skipped.incrementAndGet();
                LOG.log(System.Logger.Level.DEBUG, () -> "Did not build the read index of " + file.name() + " revision "
                        + file.revision() + " ahead (the memory budget refused it, or the file cannot be indexed);"
                        + " its first read builds it");
            }
        } catch (IOException | RuntimeException e) {
            if (isStopped()) {
                dropped.incrementAndGet(); // cut short by stop(): the store kept nothing of it
                return;
            }
            failed.incrementAndGet();
            LOG.log(System.Logger.Level.INFO, "Could not build the read index of " + file.name() + " revision "
                    + file.revision() + " ahead of its first read (" + e + "); its first read builds it");
            LOG.log(System.Logger.Level.DEBUG, "the failed build", e);
        } finally {
            // stop() is seen by its flag; an interrupt left over must not cut the next build short
            Thread.interrupted();
        }
    }

    private synchronized boolean isStopped() {
        return stopped;
    }

    /** The metadata store, telling the prebuild of each committed revision. */
    private static final class Watching implements FileMetadataStore {
        private final FileMetadataStore metadata;
        private final ReadIndexPrebuild prebuild;

        Watching(FileMetadataStore metadata, ReadIndexPrebuild prebuild) {
            this.metadata = metadata;
            this.prebuild = prebuild;
        }

        @Override
        public boolean insertIfNameFree(StoredFile file) {
            boolean inserted = metadata.insertIfNameFree(file);
            if (inserted) {
                prebuild.committed(file);
            }
            return inserted;
        }

        @Override
        public boolean commitRevision(StoredFile updated, int expectedRevision, String change) {
            boolean committed = metadata.commitRevision(updated, expectedRevision, change);
            if (committed) {
                prebuild.committed(updated);
            }
            return committed;
        }

        @Override
        public Optional<StoredFile> find(String id) {
            return metadata.find(id);
        }

        @Override
        public List<StoredFile> listByOwner(Owner owner) {
            return metadata.listByOwner(owner);
        }

        @Override
        public Optional<StoredFile> findByName(Owner owner, String name) {
            return metadata.findByName(owner, name);
        }

        @Override
        public boolean delete(String id) {
            return metadata.delete(id);
        }

        @Override
        public List<FileRevision> revisions(String fileId) {
            return metadata.revisions(fileId);
        }

        @Override
        public List<StoredFile> page(Owner owner, String nameContains, Instant changedSince, String afterId,
                int limit) {
            return metadata.page(owner, nameContains, changedSince, afterId, limit);
        }

        @Override
        public List<StoredFile> unchangedSince(Instant cutoff, int limit) {
            return metadata.unchangedSince(cutoff, limit);
        }

        @Override
        public long bytesOf(Owner owner) {
            return metadata.bytesOf(owner);
        }

        @Override
        public List<OwnerUsage> usageByOwner() {
            return metadata.usageByOwner();
        }

        @Override
        public boolean moveIfNameFree(String id, Owner from, Owner to, String name) {
            return metadata.moveIfNameFree(id, from, to, name);
        }

        @Override
        public List<FileRevision> pruneRevisions(String fileId, int keep) {
            return metadata.pruneRevisions(fileId, keep);
        }

        @Override
        public Set<String> namedKeys(Collection<String> keys) {
            return metadata.namedKeys(keys);
        }
    }
}
