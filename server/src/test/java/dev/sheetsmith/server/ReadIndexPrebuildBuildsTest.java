package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sheetsmith.adapters.storage.FilesystemFileStore;
import dev.sheetsmith.application.MemoryBudget;
import dev.sheetsmith.application.ReadIndexPrebuild;
import dev.sheetsmith.application.ReadIndexes;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.engine.xlsx.XlsxFiles;
import dev.sheetsmith.engine.xlsx.read.XlsxReadIndex;
import dev.sheetsmith.spi.CellValue;
import dev.sheetsmith.spi.SheetView;
import dev.sheetsmith.spi.WorkbookView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The background build with the real parts under it (a file folder store, the xlsx indexer, the
 * memory budget): a damaged file is counted and the thread goes on to build the next; a refusal of
 * the budget skips, holding nothing; a stop in the middle of a build leaves no index of it behind,
 * or a whole one, and no temporary file.
 */
class ReadIndexPrebuildBuildsTest {

    @TempDir
    Path dir;

    @Test
    void aDamagedFileIsCountedAndTheNextRevisionIsStillBuilt() throws Exception {
        FilesystemFileStore store = new FilesystemFileStore(dir);
        ReadIndexes indexes = new ReadIndexes(store, new XlsxReadIndex(), MemoryBudget.unlimited(),
                ReadIndexes.DEFAULT_CACHE_BYTES);
        ReadIndexPrebuild prebuild = new ReadIndexPrebuild(indexes, "xlsx"::equals, 1, java.time.Duration.ZERO);
        prebuild.start();
        try {
            StoredFile damaged = stored(store, "bad", "PK\u0003\u0004 not really a zip".repeat(100).getBytes());
            StoredFile good = stored(store, "good", workbook(500));
            prebuild.committed(damaged);
            prebuild.committed(good);
            await(() -> prebuild.builtCount() + prebuild.failedCount() + prebuild.skippedCount() == 2);
            assertThat(prebuild.builtCount()).isEqualTo(1);
            assertThat(prebuild.failedCount() + prebuild.skippedCount()).isEqualTo(1);
            assertThat(dir.resolve("good/r1.xlsx" + new XlsxReadIndex().suffix())).exists();
            assertThat(dir.resolve("bad/r1.xlsx" + new XlsxReadIndex().suffix())).doesNotExist();
            assertThat(temporaryFiles()).isEmpty();
            // the read opens what was built
            assertThat(indexes.of(good).read("Data", null, false, 30).orElseThrow().rows()).hasSize(10);
        } finally {
            prebuild.stop(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRefusalOfTheMemoryBudgetSkipsAndHoldsNothing() throws Exception {
        FilesystemFileStore store = new FilesystemFileStore(dir);
        MemoryBudget budget = new MemoryBudget(1L << 20, java.time.Duration.ZERO);
        ReadIndexPrebuild prebuild = new ReadIndexPrebuild(new ReadIndexes(store, new XlsxReadIndex(), budget,
                ReadIndexes.DEFAULT_CACHE_BYTES), "xlsx"::equals, 1, java.time.Duration.ZERO);
        prebuild.start();
        try {
            prebuild.committed(stored(store, "f", workbook(500)));
            await(() -> prebuild.skippedCount() == 1);
            assertThat(prebuild.failedCount()).isZero();
            assertThat(budget.reservedBytes()).isZero();
            assertThat(budget.refusedCalls()).isEqualTo(1);
            assertThat(dir.resolve("f/r1.xlsx" + new XlsxReadIndex().suffix())).doesNotExist();
        } finally {
            prebuild.stop(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aStopDuringABuildLeavesNoPartOfAnIndex() throws Exception {
        FilesystemFileStore store = new FilesystemFileStore(dir);
        ReadIndexPrebuild prebuild = new ReadIndexPrebuild(new ReadIndexes(store, new XlsxReadIndex(),
                MemoryBudget.unlimited(), ReadIndexes.DEFAULT_CACHE_BYTES), "xlsx"::equals, 1, java.time.Duration.ZERO);
        prebuild.start();
        StoredFile big = stored(store, "big", workbook(200_000));
        prebuild.committed(big);
        await(() -> prebuild.waitingCount() == 0); // taken: building now
        Thread.sleep(200);
        long before = System.nanoTime();
        prebuild.stop(10, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - before)).isLessThan(10);
        assertThat(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals(ReadIndexPrebuild.THREAD_NAME) && t.isAlive())).isFalse();
        assertThat(temporaryFiles()).as("the cut write's temporary file is gone").isEmpty();
        Path index = dir.resolve("big/r1.xlsx" + new XlsxReadIndex().suffix());
        if (Files.exists(index)) {
            // the build had finished before the stop reached it: a whole index
            assertThat(prebuild.builtCount()).isEqualTo(1);
            assertThat(new XlsxReadIndex().open((offset, length) -> store.open(big.storageKey()
                    + new XlsxReadIndex().suffix(), offset, length)).describe().sheets()).hasSize(1);
        } else {
            assertThat(prebuild.builtCount()).isZero();
            assertThat(prebuild.failedCount()).as("a stop is no failure").isZero();
        }
    }

    private List<Path> temporaryFiles() throws IOException {
        try (var walk = Files.walk(dir)) {
            return walk.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(done.getAsBoolean()).as("done within 60 s").isTrue();
    }

    private static byte[] workbook(int rows) throws IOException {
        List<List<CellValue>> cells = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            cells.add(List.of(new CellValue.Number(r), new CellValue.Text("row " + r),
                    new CellValue.Text(Long.toHexString(r * 2654435761L))));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxFiles.write(WorkbookView.of(List.of(SheetView.of("Data", List.of("n", "name", "hex"), cells))), out);
        return out.toByteArray();
    }

    private static StoredFile stored(FilesystemFileStore store, String id, byte[] bytes) throws IOException {
        return ReadIndexBuildsTest.stored(store, id, bytes);
    }
}
