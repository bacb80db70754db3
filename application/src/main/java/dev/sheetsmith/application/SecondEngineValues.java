package dev.sheetsmith.application;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.RangeRead;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.ports.out.Recalculator;
import dev.sheetsmith.ports.out.WorkbookReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Values a second engine (LibreOffice) computed for the formula cells our engine could not. A
 * revision never changes, so its recalculation is asked once (concurrent reads of one revision
 * wait for the same call) and the last few are kept. When the engine fails or times out the read
 * is answered as before, with those cells listed as not computed: a second engine never makes a
 * read fail. A cell the second engine answers with #NAME? (a function it does not know) stays
 * listed too, since Excel would compute it.
 */
final class SecondEngineValues {

    private static final System.Logger LOG = System.getLogger(SecondEngineValues.class.getName());
    private static final int KEEP = 4;
    private static final long KEEP_BYTES = 16L << 20;

    interface Source {
        InputStream open() throws IOException;
    }

    private final Recalculator recalculator;
    private final WorkbookReader reader;
    private final Map<String, CompletableFuture<byte[]>> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<byte[]>> eldest) {
            return size() > KEEP;
        }
    };

    SecondEngineValues(Recalculator recalculator, WorkbookReader reader) {
        this.recalculator = Objects.requireNonNull(recalculator, "recalculator");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    boolean enabled() {
        return recalculator.enabled();
    }

    RangeRead fill(StoredFile file, Source source, RangeRead read, int maxCells) {
        RangeRead second;
        try (InputStream in = new ByteArrayInputStream(recalculated(file, source))) {
            second = reader.read(in, read.sheet(), read.range(), false, maxCells);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the second engine gave no values for " + file.name() + ": " + e);
            return read;
        }
        List<List<CellValue>> rows = new ArrayList<>();
        read.rows().forEach(r -> rows.add(new ArrayList<>(r)));
        List<String> still = new ArrayList<>();
        List<String> filled = new ArrayList<>();
        for (String ref : read.unevaluated()) {
            CellRange cell = CellRange.cell(ref);
            int r = cell.firstRow() - read.range().firstRow();
            int c = cell.firstColumn() - read.range().firstColumn();
            CellValue value = second.unevaluated().contains(ref) ? null : at(second.rows(), r, c);
            if (value == null || value instanceof CellValue.Empty || value instanceof CellValue.Formula
                    || (value instanceof CellValue.Text t && t.value().equals("#NAME?"))
                    || r >= rows.size() || c >= rows.get(r).size()) {
                still.add(ref);
            } else {
                rows.get(r).set(c, value);
                filled.add(ref);
            }
        }
        return new RangeRead(read.sheet(), read.range(), rows, read.nextRange(), still, filled);
    }

    private static CellValue at(List<List<CellValue>> rows, int r, int c) {
        return r >= 0 && r < rows.size() && c >= 0 && c < rows.get(r).size() ? rows.get(r).get(c) : null;
    }

    private byte[] recalculated(StoredFile file, Source source) throws IOException {
        String key = file.id() + "@" + file.revision() + "@" + file.sha256();
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        CompletableFuture<byte[]> theirs;
        synchronized (recent) {
            theirs = recent.putIfAbsent(key, mine);
        }
        if (theirs != null) {
            try {
                return theirs.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        try {
            byte[] workbook;
            try (InputStream in = source.open()) {
                workbook = in.readAllBytes();
            }
            byte[] out = recalculator.recalculate(workbook, file.format());
            mine.complete(out);
            if (out.length > KEEP_BYTES) {
                forget(key, mine);
            }
            return out;
        } catch (IOException | RuntimeException e) {
            // a failure is not kept: the next read of this revision asks again
            forget(key, mine);
            mine.completeExceptionally(e);
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
    }

    private void forget(String key, CompletableFuture<byte[]> value) {
        synchronized (recent) {
            recent.remove(key, value);
        }
    }
}
