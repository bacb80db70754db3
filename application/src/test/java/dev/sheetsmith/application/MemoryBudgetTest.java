package dev.sheetsmith.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sheetsmith.domain.InvalidInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {

    private static final long MB = 1_000_000;

    @Test
    void aCallThatDoesNotFitWaitsForAReleaseThenRuns() throws Exception {
        MemoryBudget budget = new MemoryBudget(10 * MB, Duration.ofSeconds(10));
        MemoryBudget.Reservation first = budget.reserve(8 * MB, "the first call");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Long> second = pool.submit(() -> {
                try (MemoryBudget.Reservation r = budget.reserve(5 * MB, "the second call")) {
                    return budget.reservedBytes();
                }
            });
            Thread.sleep(200);
            assertThat(second.isDone()).isFalse();
            assertThat(budget.waitingCalls()).isEqualTo(1);
            first.close();
            assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(5 * MB);
        } finally {
            pool.shutdownNow();
        }
        assertThat(budget.reservedBytes()).isZero();
        assertThat(budget.peakBytes()).isEqualTo(8 * MB);
    }

    @Test
    void aCallThatWaitsTooLongIsToldTheServerIsBusy() throws Exception {
        MemoryBudget budget = new MemoryBudget(10 * MB, Duration.ofMillis(300));
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (MemoryBudget.Reservation held = budget.reserve(8 * MB, "the first call")) {
            long start = System.nanoTime();
            // another call (another thread): one thread's own calls nest instead
            Future<?> second = other.submit(() -> budget.reserve(5 * MB, "changing big.xlsx"));
            assertThatThrownBy(second::get).hasCauseInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("busy").hasMessageContaining("limits.memoryBudget")
                    .hasMessageContaining("changing big.xlsx").hasMessageContaining("Try again in a moment");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        } finally {
            other.shutdownNow();
        }
        assertThat(budget.refusedCalls()).isEqualTo(1);
        assertThat(budget.reservedBytes()).isZero();
    }

    @Test
    void aCallLargerThanTheWholeBudgetIsRefusedAtOnce() {
        MemoryBudget budget = new MemoryBudget(10 * MB, Duration.ofSeconds(30));
        long start = System.nanoTime();
        assertThatThrownBy(() -> budget.reserve(11 * MB, "changing huge.xlsx (200000 bytes stored)"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("whole memory budget of 10.0 MB")
                .hasMessageContaining("limits.memoryBudget").hasMessageContaining("huge.xlsx");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void smallCallsDoNotReserveAndANestedCallReservesOnlyTheExcess() {
        MemoryBudget budget = new MemoryBudget(10 * MB, Duration.ZERO);
        try (MemoryBudget.Reservation small = budget.reserve(MemoryBudget.SMALL_BYTES - 1, "a small call")) {
            assertThat(small.bytes()).isZero();
            assertThat(budget.reservedBytes()).isZero();
        }
        try (MemoryBudget.Reservation outer = budget.reserve(6 * MB, "an import")) {
            try (MemoryBudget.Reservation inner = budget.reserve(5 * MB, "its create")) {
                assertThat(inner.bytes()).isZero();
            }
            try (MemoryBudget.Reservation inner = budget.reserve(9 * MB, "a larger create")) {
                assertThat(inner.bytes()).isEqualTo(3 * MB);
                assertThat(budget.reservedBytes()).isEqualTo(9 * MB);
            }
            assertThat(budget.reservedBytes()).isEqualTo(6 * MB);
        }
        assertThat(budget.reservedBytes()).isZero();
    }

    @Test
    void manyCallsAtOnceNeverHoldMoreThanTheBudget() throws Exception {
        MemoryBudget budget = new MemoryBudget(10 * MB, Duration.ofSeconds(20));
        AtomicLong highest = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            long bytes = (2 + i % 4) * MB;
            calls.add(pool.submit(() -> {
                start.await();
                try (MemoryBudget.Reservation r = budget.reserve(bytes, "call")) {
                    highest.accumulateAndGet(budget.reservedBytes(), Math::max);
                    Thread.sleep(5);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> call : calls) {
            call.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(highest.get()).isLessThanOrEqualTo(10 * MB).isGreaterThan(5 * MB);
        assertThat(budget.peakBytes()).isLessThanOrEqualTo(10 * MB);
        assertThat(budget.reservedBytes()).isZero();
    }
}
