package dev.sheetsmith.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.RangeRead;
import dev.sheetsmith.domain.SheetDetails;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.domain.WorkbookDescription;
import dev.sheetsmith.ports.out.Recalculator;
import dev.sheetsmith.ports.out.WorkbookReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * How read_range uses a second engine, on a one-row text "workbook" ("2|?|?": '?' is a formula
 * cell without a value) and a recalculator that computes '?' as 181 and '?name' as #NAME?.
 */
class SecondEngineValuesTest {

    private final AtomicInteger calls = new AtomicInteger();

    private final Recalculator engine = new Recalculator() {
        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public byte[] recalculate(byte[] workbook, String format) {
            calls.incrementAndGet();
            return new String(workbook, StandardCharsets.UTF_8).replace("?name", "N").replace("?", "181").replace("N", "#NAME?")
                    .getBytes(StandardCharsets.UTF_8);
        }
    };

    @Test
    void cellsWithoutAValueAreFilledAndMarkedAndNameErrorsStayListed() {
        SecondEngineValues values = new SecondEngineValues(engine, new RowReader());

        RangeRead read = values.fill(file("f", 1), () -> stream("2|?|?name"), RowReader.parse("2|?|?name"), 100);

        assertThat(read.rows().get(0)).containsExactly(new CellValue.Number(2), new CellValue.Number(181),
                new CellValue.Empty());
        assertThat(read.recalculated()).containsExactly("B1");
        assertThat(read.unevaluated()).containsExactly("C1");
    }

    @Test
    void aRevisionIsRecalculatedOnceAndANewRevisionAgain() {
        SecondEngineValues values = new SecondEngineValues(engine, new RowReader());

        values.fill(file("f", 1), () -> stream("?"), RowReader.parse("?"), 100);
        values.fill(file("f", 1), () -> stream("?"), RowReader.parse("?"), 100);
        assertThat(calls).hasValue(1);
        values.fill(file("f", 2), () -> stream("?"), RowReader.parse("?"), 100);
        assertThat(calls).hasValue(2);
    }

    @Test
    void concurrentReadsOfOneRevisionShareOneRun() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Recalculator slow = new Recalculator() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public byte[] recalculate(byte[] workbook, String format) {
                calls.incrementAndGet();
                started.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "181".getBytes(StandardCharsets.UTF_8);
            }
        };
        SecondEngineValues values = new SecondEngineValues(slow, new RowReader());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<RangeRead>> reads = new ArrayList<>();
            reads.add(pool.submit(() -> values.fill(file("f", 1), () -> stream("?"), RowReader.parse("?"), 100)));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            reads.add(pool.submit(() -> values.fill(file("f", 1), () -> stream("?"), RowReader.parse("?"), 100)));
            reads.add(pool.submit(() -> values.fill(file("f", 1), () -> stream("?"), RowReader.parse("?"), 100)));
            Thread.sleep(200);
            release.countDown();
            for (Future<RangeRead> read : reads) {
                assertThat(read.get(10, TimeUnit.SECONDS).recalculated()).containsExactly("A1");
            }
            assertThat(calls).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingEngineLeavesTheReadAsItWasAndIsAskedAgainNextTime() {
        Recalculator failing = new Recalculator() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public byte[] recalculate(byte[] workbook, String format) {
                calls.incrementAndGet();
                throw new InvalidInputException("LibreOffice did not finish within 2 s (libreoffice.timeout)");
            }
        };
        SecondEngineValues values = new SecondEngineValues(failing, new RowReader());
        RangeRead before = RowReader.parse("2|?");

        RangeRead after = values.fill(file("f", 1), () -> stream("2|?"), before, 100);

        assertThat(after).isEqualTo(before);
        values.fill(file("f", 1), () -> stream("2|?"), before, 100);
        assertThat(calls).hasValue(2);
    }

    private static StoredFile file(String id, int revision) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return new StoredFile(id, new Owner("alice"), "book.xlsx", "xlsx", "application/x", 3, "sha-" + revision,
                revision, id + "/r" + revision + ".xlsx", now, now);
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the one-row text workbook: numbers, '#NAME?' as text, '?...' as a formula cell without a value. */
    static final class RowReader implements WorkbookReader {

        static RangeRead parse(String text) {
            String[] cells = text.split("\\|");
            List<CellValue> row = new ArrayList<>();
            List<String> unevaluated = new ArrayList<>();
            for (int c = 0; c < cells.length; c++) {
                if (cells[c].startsWith("?")) {
                    row.add(new CellValue.Empty());
                    unevaluated.add((char) ('A' + c) + "1");
                } else if (cells[c].startsWith("#")) {
                    row.add(new CellValue.Text(cells[c]));
                } else {
                    row.add(new CellValue.Number(Double.parseDouble(cells[c])));
                }
            }
            return new RangeRead("S", new CellRange(0, 0, 0, cells.length - 1), List.of(row), null, unevaluated);
        }

        @Override
        public Set<String> formats() {
            return Set.of("xlsx");
        }

        @Override
        public RangeRead read(InputStream in, String sheet, CellRange range, boolean formulas, int maxCells)
                throws IOException {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }

        @Override
        public WorkbookDescription describe(InputStream xlsx) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SheetDetails describeSheet(InputStream xlsx, String sheet) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Match> find(InputStream xlsx, Search search) {
            throw new UnsupportedOperationException();
        }
    }
}
