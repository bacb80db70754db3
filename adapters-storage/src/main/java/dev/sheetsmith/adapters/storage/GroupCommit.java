package dev.sheetsmith.adapters.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Small writes from many threads at once, committed together: each caller queues its write and
 * whoever holds the lock runs every queued write in one transaction, then answers all of them.
 * A caller returns only after the commit that holds its write, so an answered write is as durable
 * as with one commit each; but fifty sessions opened at once cost one commit, not fifty (with H2
 * every commit writes to the file under one lock, which made the commits queue behind each other).
 * When a batch fails, its writes are run again one transaction each, so every caller gets its own
 * outcome and one bad write cannot take the others with it.
 */
final class GroupCommit {

    /** Writes per transaction at most, so one commit stays short. */
    private static final int MAX_BATCH = 256;

    private final DirectSql sql;
    private final ReentrantLock lock = new ReentrantLock();
    private final ConcurrentLinkedQueue<Write<?>> queue = new ConcurrentLinkedQueue<>();

    GroupCommit(DirectSql sql) {
        this.sql = Objects.requireNonNull(sql, "sql");
    }

    /** Runs {@code work} in a transaction shared with writes queued at the same time; returns once committed. */
    <T> T write(DirectSql.Work<T> work) {
        Write<T> mine = new Write<>(work);
        queue.add(mine);
        while (!mine.done) {
            lock.lock();
            try {
                if (!mine.done) {
                    runQueued();
                }
            } finally {
                lock.unlock();
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.result;
    }

    private void runQueued() {
        List<Write<?>> batch = new ArrayList<>();
        for (Write<?> w = queue.poll(); w != null; w = batch.size() + 1 < MAX_BATCH ? queue.poll() : null) {
            batch.add(w);
        }
        if (batch.isEmpty()) {
            return;
        }
        if (batch.size() > 1) {
            try {
                sql.inTransaction(c -> {
                    for (Write<?> w : batch) {
                        w.run(c);
                    }
                    return null;
                });
                batch.forEach(Write::finish);
                return;
            } catch (RuntimeException e) {
                batch.forEach(Write::reset); // rolled back: each on its own below
            }
        }
        for (Write<?> w : batch) {
            try {
                sql.inTransaction(c -> {
                    w.run(c);
                    return null;
                });
            } catch (RuntimeException e) {
                w.failure = e;
            }
            w.finish();
        }
    }

    private static final class Write<T> {
        private final DirectSql.Work<T> work;
        private T result;
        private RuntimeException failure;
        private volatile boolean done;

        Write(DirectSql.Work<T> work) {
            this.work = work;
        }

        void run(java.sql.Connection connection) throws java.sql.SQLException {
            result = work.run(connection);
        }

        void reset() {
            result = null;
        }

        void finish() {
            done = true;
        }
    }
}
