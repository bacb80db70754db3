package dev.sheetsmith.application;

import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.ports.out.FileStore;
import dev.sheetsmith.ports.out.WorkbookIndexer;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read indexes of stored revisions. A revision never changes once written, so its index is
 * built once, on the first read that needs it, and stored beside its bytes under
 * {@code storageKey + indexer.suffix()}: every replica then opens the same index instead of
 * building its own. The opened indexes' tables of contents stay in a bounded in-process cache
 * (least recently used first out); the cells stay in the store and a read fetches only its blocks.
 */
public final class ReadIndexes {

    /** How many bytes of tables of contents the cache holds by default (a 1M-row sheet's is about 200 KB). */
    public static final long DEFAULT_CACHE_BYTES = 32L * 1024 * 1024;

    private final FileStore store;
    private final WorkbookIndexer indexer;
    private final MemoryBudget budget;
    private final long cacheBytes;
    private final LinkedHashMap<String, WorkbookIndexer.Index> cache = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<String, Object> building = new ConcurrentHashMap<>();
    private long cachedBytes;
    /** describe_sheet answers by revision and sheet argument: small ones only, a few dozen. */
    private final LinkedHashMap<String, dev.sheetsmith.domain.SheetDetails> details = new LinkedHashMap<>(16, 0.75f,
            true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, dev.sheetsmith.domain.SheetDetails> eldest) {
            return size() > MAX_DETAILS;
        }
    };
    private static final int MAX_DETAILS = 64;
    /** Entries (lines, cells named) above which a sheet's details are not kept. */
    private static final int MAX_DETAIL_ENTRIES = 2_000;

    /**
     * @param budget reserved while an index is built: its buffers, then its shared strings (kept whole) as the file sizes them
     * @param cacheBytes how many bytes of opened indexes to keep in memory; 0 keeps none
     */
    public ReadIndexes(FileStore store, WorkbookIndexer indexer, MemoryBudget budget, long cacheBytes) {
        this.store = Objects.requireNonNull(store, "store");
        this.indexer = Objects.requireNonNull(indexer, "indexer");
        this.budget = Objects.requireNonNull(budget, "budget");
        if (cacheBytes < 0) {
            throw new IllegalArgumentException("the read index cache size must be >= 0");
        }
        this.cacheBytes = cacheBytes;
    }

    /** The key an index of {@code storageKey} is stored under. */
    public String indexKey(String storageKey) {
        return storageKey + indexer.suffix();
    }

    /**
     * The index of a stored revision: cached, else opened from the store, else built from the file
     * and stored. Null when the file cannot be indexed (it is then read as before, and that read
     * reports what is wrong with it).
     */
    public WorkbookIndexer.Index of(StoredFile file) throws IOException {
        String key = indexKey(file.storageKey());
        WorkbookIndexer.Index cached = cached(key);
        if (cached != null) {
            return cached;
        }
        Object lock = building.computeIfAbsent(key, k -> new Object());
        try {
            synchronized (lock) {
                cached = cached(key);
                if (cached != null) {
                    return cached;
                }
                WorkbookIndexer.Index index = stored(key);
                if (index == null) {
                    index = build(file, key);
                }
                if (index != null) {
                    remember(key, index);
                }
                return index;
            }
        } finally {
            building.remove(key, lock);
        }
    }

    /** What describe_sheet answered for this revision and sheet argument, if it was kept. */
    public synchronized dev.sheetsmith.domain.SheetDetails details(StoredFile file, String sheet) {
        return details.get(file.storageKey() + "\u0000" + sheet);
    }

    /** Keeps what describe_sheet answered, when it is small: a revision's details never change. */
    public synchronized void keep(StoredFile file, String sheet, dev.sheetsmith.domain.SheetDetails answer) {
        long entries = answer.mergedRanges().size() + answer.columnWidths().size() + answer.rowHeights().size()
                + answer.hiddenRows().size() + answer.hiddenColumns().size() + answer.tables().size()
                + answer.charts().size() + answer.pivotTables().size() + answer.validations().size()
                + answer.conditionalFormats().size() + answer.notes().size() + answer.otherObjects().size();
        if (entries <= MAX_DETAIL_ENTRIES) {
            details.put(file.storageKey() + "\u0000" + sheet, answer);
        }
    }

    private WorkbookIndexer.Index stored(String key) throws IOException {
        try {
            return indexer.open((offset, length) -> store.open(key, offset, length));
        } catch (NoSuchFileException | FileNotFoundException e) {
            return null;
        } catch (IOException e) {
            // written by another version of the format, or damaged: built again below
            return null;
        }
    }

    private WorkbookIndexer.Index build(StoredFile file, String key) throws IOException {
        String what = "indexing " + file.name() + " (" + file.sizeBytes() + " bytes stored)";
        // the build's buffers now; its shared strings, which it keeps whole, once the file says their size
        try (MemoryBudget.Reservation memory = budget.reserve(MemoryBudget.STREAMED_EDIT_BYTES, what)) {
            store.write(key, out -> {
                try (var in = store.open(file.storageKey())) {
                    indexer.write(in, out, (bytes, part) -> {
                        MemoryBudget.Reservation more = budget.reserve(MemoryBudget.STREAMED_EDIT_BYTES + bytes,
                                what + ", " + part);
                        return more::close;
                    });
                }
            });
        } catch (InvalidInputException e) {
            return null;
        }
        return indexer.open((offset, length) -> store.open(key, offset, length));
    }

    private synchronized WorkbookIndexer.Index cached(String key) {
        return cache.get(key);
    }

    private synchronized void remember(String key, WorkbookIndexer.Index index) {
        if (index.heapBytes() > cacheBytes) {
            return;
        }
        WorkbookIndexer.Index old = cache.put(key, index);
        cachedBytes += index.heapBytes() - (old == null ? 0 : old.heapBytes());
        Iterator<WorkbookIndexer.Index> eldest = cache.values().iterator();
        while (cachedBytes > cacheBytes && eldest.hasNext()) {
            cachedBytes -= eldest.next().heapBytes();
            eldest.remove();
        }
    }
}
