package dev.sheetsmith.ports.out;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.RangeRead;
import dev.sheetsmith.domain.SheetDetails;
import dev.sheetsmith.domain.WorkbookDescription;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

/** Reads stored workbooks without loading them whole. */
public interface WorkbookReader {

    /** The formats (format plugin ids, e.g. "xlsx") whose files this reader reads. */
    Set<String> formats();

    /** Whether files of {@code format} (a format plugin id) can be read by this reader. */
    default boolean reads(String format) {
        return formats().contains(format);
    }

    WorkbookDescription describe(InputStream xlsx) throws IOException;

    /**
     * @param sheet a sheet name; null for the first sheet
     * @param range null for the sheet's used range
     * @throws dev.sheetsmith.domain.InvalidInputException when the sheet does not exist
     */
    RangeRead read(InputStream xlsx, String sheet, CellRange range, boolean formulas, int maxCells) throws IOException;

    /**
     * Like {@link #read} (values, not formulas), but every non-empty cell is a {@link CellValue.Text}
     * of the value as the file shows it: its number format applied ("$1,234.50", "12%",
     * "2026-03-01"). For previews; the typed read stays the one an assistant gets. A reader that
     * knows no number formats gives each value's plain {@link CellValue#display()}.
     */
    default RangeRead readFormatted(InputStream in, String sheet, CellRange range, int maxCells) throws IOException {
        RangeRead read = read(in, sheet, range, false, maxCells);
        return new RangeRead(read.sheet(), read.range(), read.rows().stream().map(row -> row.stream().map(
                v -> v instanceof CellValue.Empty ? v : (CellValue) new CellValue.Text(v.display())).toList()).toList(),
                read.nextRange(), read.unevaluated(), read.recalculated());
    }

    /**
     * What one sheet holds beyond values: merged cells, tables, charts, pivot tables, rules, layout.
     *
     * @param sheet a sheet name; null for the first sheet
     */
    SheetDetails describeSheet(InputStream xlsx, String sheet) throws IOException;

    /** Up to {@code search.maxResults() + 1} matches, in sheet and row order. */
    List<Match> find(InputStream xlsx, Search search) throws IOException;

    /** @param sheet null searches every sheet; @param range null the whole sheet */
    record Search(String sheet, CellRange range, String text, boolean matchCase, boolean wholeCell, int maxResults) {
        public Search {
            if (text == null || text.isEmpty()) {
                throw new dev.sheetsmith.domain.InvalidInputException("'query' must not be empty");
            }
            if (maxResults < 1 || maxResults > 1000) {
                throw new dev.sheetsmith.domain.InvalidInputException("'maxResults' must be between 1 and 1000");
            }
        }
    }

    record Match(String sheet, String cell, CellValue value) {
    }
}
