package dev.sheetsmith.application;

import dev.sheetsmith.domain.InvalidInputException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bounds the memory that concurrent calls may take: a call that will hold a large amount (a
 * workbook loaded whole, many cells, an upload) reserves an estimate of it before it starts and
 * releases it when done ({@code try (var r = budget.reserve(...))}). A call that does not fit
 * waits up to {@code maxWait} for others to finish, then is refused with a "busy, try again"
 * tool error; a call larger than the whole budget is refused at once. Nothing is refused for a
 * server fault. Calls estimated below {@link #SMALL_BYTES} do not reserve, so small calls are
 * always answered.
 *
 * <p>A reservation belongs to the thread that made it: a call that reserves again while it holds
 * one (an import, which then creates a workbook) only reserves what exceeds what it already holds.
 */
public final class MemoryBudget {

    /** Estimates below this do not reserve. */
    public static final long SMALL_BYTES = 1L << 20;

    /**
     * Heap per cell a call holds or writes: the request's values, typed cells, and POI's cells
     * while a workbook with formulas is written whole.
     */
    public static final long BYTES_PER_CELL = 500;

    /**
     * Heap a create takes for rows it streams from disk into the writer's window of rows (no
     * formulas): the window, the zip stream's buffers and one row of the request at a time.
     */
    public static final long STREAMED_WRITE_BYTES = 32L << 20;

    /**
     * Heap per stored (zipped) byte of an xlsx that POI's user model loads whole (edits,
     * describe_sheet): measured at 128-132 retained after loading (10,000 to 100,000 rows of
     * numbers and text), with room for what writing it back takes.
     */
    public static final long LOADED_BYTES_PER_STORED_BYTE = 160;

    /**
     * Heap per stored byte when a workbook is streamed (read_range, describe, find_cells): its
     * shared strings, held whole, and a page of cells.
     */
    public static final long STREAMED_BYTES_PER_STORED_BYTE = 10;

    /**
     * Heap a cell edit made on the stream holds whatever the workbook's size (write_range,
     * append_rows, clear_range that rewrite only the sheet's part): buffers, the package's small
     * parts (workbook.xml, relationships) and one row at a time; the edit's cells come on top.
     */
    public static final long STREAMED_EDIT_BYTES = 16L << 20;

    private final long capacity;
    private final Duration maxWait;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition released = lock.newCondition();
    private final ThreadLocal<Reservation> held = new ThreadLocal<>();
    private long reserved;
    private long peak;
    private int waiting;
    private final AtomicLong refused = new AtomicLong();

    /**
     * @param capacityBytes the budget ({@code limits.memoryBudget})
     * @param maxWait how long a call that does not fit waits ({@code limits.memoryWait})
     */
    public MemoryBudget(long capacityBytes, Duration maxWait) {
        if (capacityBytes < 1) {
            throw new IllegalArgumentException("limits.memoryBudget must be positive");
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("limits.memoryWait must not be negative");
        }
        this.capacity = capacityBytes;
        this.maxWait = maxWait;
    }

    /** A budget that never refuses: for tests and tools that wire services by hand. */
    public static MemoryBudget unlimited() {
        return new MemoryBudget(Long.MAX_VALUE, Duration.ZERO);
    }

    /**
     * Reserves {@code bytes} for the calling thread until the returned reservation is closed.
     *
     * @param what what the call works on, for the refusal, e.g. "editing report.xlsx (2.1 MB stored)"
     * @throws InvalidInputException when the call is larger than the whole budget, or when it did
     *     not fit within the wait
     */
    public Reservation reserve(long bytes, String what) {
        Reservation outer = held.get();
        long extra = outer == null ? bytes : bytes - outer.total;
        if (outer == null ? bytes < SMALL_BYTES : extra < SMALL_BYTES) {
            return new Reservation(0, outer);
        }
        if (bytes > capacity) { // the whole call, also when it already holds part of it
            refused.incrementAndGet();
            throw new InvalidInputException(what + " needs about " + mb(bytes) + " of memory, more than this server's"
                    + " whole memory budget of " + mb(capacity) + " (limits.memoryBudget); nothing was changed."
                    + " Ask the operator to raise the budget or the heap (-Xmx), or work on a smaller file.");
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        lock.lock();
        try {
            waiting++;
            try {
                while (reserved + extra > capacity) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        refused.incrementAndGet();
                        throw new InvalidInputException("the server is busy: other large calls hold " + mb(reserved)
                                + " of its " + mb(capacity) + " memory budget (limits.memoryBudget), and " + what
                                + " needs about " + mb(bytes) + ". It waited " + maxWait.toSeconds() + " s (limits"
                                + ".memoryWait); nothing was changed. Try again in a moment.");
                    }
                    released.awaitNanos(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InvalidInputException("the call was stopped while it waited for memory; nothing was changed");
            } finally {
                waiting--;
            }
            reserved += extra;
            peak = Math.max(peak, reserved);
        } finally {
            lock.unlock();
        }
        Reservation reservation = new Reservation(extra, outer);
        held.set(reservation);
        return reservation;
    }

    /** Bytes reserved right now. */
    public long reservedBytes() {
        lock.lock();
        try {
            return reserved;
        } finally {
            lock.unlock();
        }
    }

    /** The most ever reserved at once; never more than {@link #capacityBytes()}. */
    public long peakBytes() {
        lock.lock();
        try {
            return peak;
        } finally {
            lock.unlock();
        }
    }

    /** Calls waiting for memory right now. */
    public int waitingCalls() {
        lock.lock();
        try {
            return waiting;
        } finally {
            lock.unlock();
        }
    }

    /** Calls refused so far (busy, or larger than the budget). */
    public long refusedCalls() {
        return refused.get();
    }

    public long capacityBytes() {
        return capacity;
    }

    public Duration maxWait() {
        return maxWait;
    }

    /** What {@code estimate} stored bytes of an xlsx take loaded whole, with {@code cells} more written. */
    public static long loaded(long storedBytes, long cells) {
        return saturated(storedBytes, LOADED_BYTES_PER_STORED_BYTE) + saturated(cells, BYTES_PER_CELL);
    }

    /** What a streamed read of {@code storedBytes} takes. */
    public static long streamed(long storedBytes) {
        return saturated(storedBytes, STREAMED_BYTES_PER_STORED_BYTE);
    }

    /** What a cell edit made on the stream takes, for an edit of {@code cells} cells, whatever the workbook's size. */
    public static long streamedEdit(long cells) {
        long forCells = saturated(cells, BYTES_PER_CELL);
        return forCells > Long.MAX_VALUE - STREAMED_EDIT_BYTES ? Long.MAX_VALUE : STREAMED_EDIT_BYTES + forCells;
    }

    /** What holding and writing {@code cells} cells takes. */
    public static long cells(long cells) {
        return saturated(cells, BYTES_PER_CELL);
    }

    private static long saturated(long a, long b) {
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }

    static String mb(long bytes) {
        if (bytes == Long.MAX_VALUE) {
            return "unlimited";
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }

    private void release(long bytes) {
        lock.lock();
        try {
            reserved -= bytes;
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Memory held for one call; closing it (once) gives it back. */
    public final class Reservation implements AutoCloseable {
        private final long own;
        private final long total;
        private final Reservation outer;
        private boolean closed;

        private Reservation(long own, Reservation outer) {
            this.own = own;
            this.outer = outer;
            this.total = (outer == null ? 0 : outer.total) + own;
        }

        /** Bytes this reservation added to the budget (0 for a small call or one its thread already covers). */
        public long bytes() {
            return own;
        }

        @Override
        public void close() {
            if (closed || own == 0) {
                return;
            }
            closed = true;
            if (held.get() == this) {
                if (outer == null) {
                    held.remove();
                } else {
                    held.set(outer);
                }
            }
            release(own);
        }
    }
}
