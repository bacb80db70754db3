package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sheetsmith.adapters.storage.FilesystemFileStore;
import dev.sheetsmith.application.MemoryBudget;
import dev.sheetsmith.application.ReadIndexes;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.engine.xlsx.read.XlsxReadIndex;
import dev.sheetsmith.ports.out.WorkbookIndexer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh revision's read index is built once: two reads arriving together in one process wait for
 * one build, and a second replica over the same file store opens the stored index instead of
 * building its own. Real file store, real indexer; only the number of builds is counted.
 */
class ReadIndexBuildsTest {

    @TempDir
    Path dir;

    @Test
    void twoReadsOfAFreshRevisionAtOnceBuildItsIndexOnce() throws Exception {
        FilesystemFileStore store = new FilesystemFileStore(dir.resolve("files"));
        StoredFile file = stored(store);
        CountDownLatch release = new CountDownLatch(1);
        Counting indexer = new Counting(release);
        ReadIndexes indexes = new ReadIndexes(store, indexer, MemoryBudget.unlimited(), ReadIndexes.DEFAULT_CACHE_BYTES);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<WorkbookIndexer.Index> first = pool.submit(() -> indexes.of(file));
            // the first read is inside the build: the second arrives while it runs
            assertThat(indexer.started.await(30, TimeUnit.SECONDS)).isTrue();
            Thread[] second = new Thread[1];
            Future<WorkbookIndexer.Index> other = pool.submit(() -> {
                second[0] = Thread.currentThread();
                return indexes.of(file);
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((second[0] == null || second[0].getState() != Thread.State.BLOCKED) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(second[0].getState()).as("the second read waits for the build").isEqualTo(Thread.State.BLOCKED);
            release.countDown();
            WorkbookIndexer.Index a = first.get(60, TimeUnit.SECONDS);
            WorkbookIndexer.Index b = other.get(60, TimeUnit.SECONDS);
            assertThat(indexer.builds.get()).isEqualTo(1);
            assertThat(b.describe()).isEqualTo(a.describe());
        } finally {
            pool.shutdownNow();
        }

        // another replica (its own cache) over the same store opens the stored index: no second build
        Counting replica = new Counting(new CountDownLatch(0));
        WorkbookIndexer.Index opened = new ReadIndexes(store, replica, MemoryBudget.unlimited(),
                ReadIndexes.DEFAULT_CACHE_BYTES).of(file);
        assertThat(replica.builds.get()).isZero();
        assertThat(opened.describeSheet("Data")).isPresent();
    }

    @Test
    void twoReplicasBuildingTheSameRevisionAtOnceLeaveOneWholeIndex() throws Exception {
        // replicas share no lock: each may build, and the store's atomic writes keep one whole index
        FilesystemFileStore store = new FilesystemFileStore(dir.resolve("files"));
        StoredFile file = stored(store);
        Counting one = new Counting(new CountDownLatch(0));
        Counting two = new Counting(new CountDownLatch(0));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<WorkbookIndexer.Index> a = pool.submit(() -> new ReadIndexes(store, one, MemoryBudget.unlimited(),
                    0).of(file));
            Future<WorkbookIndexer.Index> b = pool.submit(() -> new ReadIndexes(store, two, MemoryBudget.unlimited(),
                    0).of(file));
            assertThat(a.get(60, TimeUnit.SECONDS).describe()).isEqualTo(b.get(60, TimeUnit.SECONDS).describe());
        } finally {
            pool.shutdownNow();
        }
        assertThat(one.builds.get() + two.builds.get()).isBetween(1, 2);
        WorkbookIndexer.Index reopened = new XlsxReadIndex().open((offset, length) -> store.open(
                file.storageKey() + new XlsxReadIndex().suffix(), offset, length));
        assertThat(reopened.read("Data", null, false, 10).orElseThrow().rows()).hasSize(5);
    }

    /**
     * The build holds its buffers and then its shared strings, which it keeps whole: a workbook of
     * inline strings is indexed under a budget ten times its stored size would not fit (the old
     * reservation), and one whose shared strings take more than the budget is refused, holding nothing after.
     */
    @Test
    void theBuildReservesItsBuffersAndItsSharedStringsNotTenTimesTheFile() throws Exception {
        FilesystemFileStore store = new FilesystemFileStore(dir.resolve("files"));
        MemoryBudget budget = new MemoryBudget(40L << 20, java.time.Duration.ZERO);
        ReadIndexes indexes = new ReadIndexes(store, new XlsxReadIndex(), budget, ReadIndexes.DEFAULT_CACHE_BYTES);
        java.util.Random random = new java.util.Random(3);

        java.util.List<java.util.List<dev.sheetsmith.spi.CellValue>> rows = new java.util.ArrayList<>();
        for (int r = 0; r < 200_000; r++) {
            rows.add(java.util.List.of(new dev.sheetsmith.spi.CellValue.Text(Long.toHexString(random.nextLong())),
                    new dev.sheetsmith.spi.CellValue.Text(Long.toHexString(random.nextLong())),
                    new dev.sheetsmith.spi.CellValue.Number(random.nextDouble()),
                    new dev.sheetsmith.spi.CellValue.Text("row " + r)));
        }
        ByteArrayOutputStream inline = new ByteArrayOutputStream();
        dev.sheetsmith.engine.xlsx.XlsxFiles.write(dev.sheetsmith.spi.WorkbookView.of(java.util.List.of(
                dev.sheetsmith.spi.SheetView.of("Data", java.util.List.of("a", "b", "c", "d"), rows))), inline);
        StoredFile big = stored(store, "f2", inline.toByteArray());
        assertThat(MemoryBudget.streamed(big.sizeBytes())).as("what the build reserved before").isGreaterThan(40L << 20);
        WorkbookIndexer.Index index = indexes.of(big);
        assertThat(index).as("indexed within the budget").isNotNull();
        assertThat(index.read("Data", null, false, 40).orElseThrow().rows()).hasSize(10);
        assertThat(budget.reservedBytes()).isZero();

        byte[] shared;
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = wb.createSheet("Data");
            for (int r = 0; r < 120_000; r++) {
                sheet.createRow(r).createCell(0).setCellValue(Long.toHexString(random.nextLong()).repeat(5) + r);
            }
            wb.write(out);
            shared = out.toByteArray();
        }
        long refused = budget.refusedCalls();
        assertThat(indexes.of(stored(store, "f3", shared))).as("shared strings past the budget").isNull();
        assertThat(budget.refusedCalls()).isEqualTo(refused + 1);
        assertThat(budget.reservedBytes()).isZero();
    }

    /** A revision 1 of {@code xlsx} in {@code store}, as the metadata store would name it (ReadIndexPrebuildBuildsTest too). */
    static StoredFile stored(FilesystemFileStore store, String id, byte[] xlsx) throws IOException {
        String key = id + "/r1.xlsx";
        store.write(key, out -> out.write(xlsx));
        Instant t = Instant.now();
        return new StoredFile(id, new Owner("alice"), id + ".xlsx", "xlsx", "application/x", xlsx.length,
                "0".repeat(64), 1, key, t, t);
    }

    private static StoredFile stored(FilesystemFileStore store) throws IOException {
        byte[] xlsx;
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = wb.createSheet("Data");
            for (int r = 0; r < 3000; r++) {
                sheet.createRow(r).createCell(0).setCellValue("row " + r);
                sheet.getRow(r).createCell(1).setCellValue(r);
            }
            wb.write(out);
            xlsx = out.toByteArray();
        }
        String key = "f1/r1.xlsx";
        store.write(key, out -> out.write(xlsx));
        Instant t = Instant.now();
        return new StoredFile("f1", new Owner("alice"), "a.xlsx", "xlsx", "application/x", xlsx.length, "0".repeat(64), 1,
                key, t, t);
    }

    /** The real indexer, counting its builds; a build waits for {@code release} once it has begun. */
    private static final class Counting implements WorkbookIndexer {
        private final XlsxReadIndex real = new XlsxReadIndex();
        private final CountDownLatch release;
        final CountDownLatch started = new CountDownLatch(1);
        final AtomicInteger builds = new AtomicInteger();

        Counting(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public String suffix() {
            return real.suffix();
        }

        @Override
        public void write(InputStream file, OutputStream index) throws IOException {
            builds.incrementAndGet();
            started.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            real.write(file, index);
        }

        @Override
        public Index open(Source index) throws IOException {
            return real.open(index);
        }
    }
}
