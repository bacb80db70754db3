package dev.sheetsmith.application;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One fair lock per file while anyone holds or waits for it: an entry is removed when its last
 * user leaves, so the map holds only the files being changed right now, not every file ever changed.
 */
final class FileLocks {

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock(true);
        int users;
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    <T> T locked(String fileId, Supplier<T> work) {
        // compute/computeIfPresent run atomically per key, so users is counted under the map's own guard
        Entry entry = entries.compute(fileId, (id, e) -> {
            Entry held = e == null ? new Entry() : e;
            held.users++;
            return held;
        });
        try {
            entry.lock.lock();
            try {
                return work.get();
            } finally {
                entry.lock.unlock();
            }
        } finally {
            entries.computeIfPresent(fileId, (id, e) -> --e.users == 0 ? null : e);
        }
    }

    /** How many files have a lock right now. */
    int size() {
        return entries.size();
    }
}
