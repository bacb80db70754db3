package dev.sheetsmith.engine.xlsx.edit.stream;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.SheetData;
import dev.sheetsmith.domain.SheetInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * append_rows on the stream: every existing row is copied as it is, the new rows go after the
 * last one, as POI's streaming writer appends them in the user-model path (inline strings, no
 * style, empty values left out, formulas never: those need the user model's parser). With a
 * header row the input's columns are matched by name to the sheet's first row, as there.
 *
 * <p>The dimension comes before the rows, so the last row is taken from the old dimension and
 * checked at the end; when it was wrong the caller runs the rewrite again with the row it found.
 */
final class AppendRewrite extends SheetRewrite {

    /** The dimension did not tell the last row: run again with {@link #lastRowFound}. */
    static final class WrongGuess extends RuntimeException {
        WrongGuess() {
            super(null, null, false, false);
        }
    }

    private final SheetData data;
    private final int maxRows;
    private final IntFunction<String> sharedString;
    /** The last row (0-based) assumed for the dimension; -1: an empty sheet. Null: read from the dimension. */
    private Integer assumedLast;
    private List<String> headerRow;
    private String summary;

    AppendRewrite(String sheetName, SheetData data, int maxRows, IntFunction<String> sharedString, Integer assumedLast) {
        super(sheetName);
        this.data = data;
        this.maxRows = maxRows;
        this.sharedString = sharedString;
        this.assumedLast = assumedLast;
    }

    int lastRowFound() {
        return lastRow;
    }

    String summary() {
        return summary;
    }

    @Override
    String dimension(String old) {
        if (assumedLast == null) {
            CellRange was = CellsRewrite.parse(old);
            // "A1" is both an empty sheet and one cell: assume empty, the end tells
            assumedLast = was == null || "A1".equals(old.strip()) ? -1 : was.lastRow();
        }
        CellRange was = CellsRewrite.parse(old);
        int next = assumedLast + 1;
        int width = Math.max(1, data.columnCount());
        CellRange added = new CellRange(next, 0, next + data.rows().size() - 1, width - 1);
        if (was == null) {
            return old == null ? null : added.toA1();
        }
        if (assumedLast < 0) {
            return added.toA1();
        }
        return new CellRange(Math.min(was.firstRow(), added.firstRow()), Math.min(was.firstColumn(), 0),
                Math.max(was.lastRow(), added.lastRow()), Math.max(was.lastColumn(), added.lastColumn())).toA1();
    }

    @Override
    boolean touches(int row) {
        // the first row is read for its header names (it is written again as it was)
        return data.hasHeaderRow() && rowCount == 1;
    }

    @Override
    void before(int row, Out out) {
        // nothing comes before existing rows
    }

    @Override
    void rewrite(int row, String startTag, List<RawCell> cells, Out out) throws IOException {
        out.write(startTag);
        if (startTag.endsWith("/>")) {
            headerRow = List.of();
            return;
        }
        headerRow = new ArrayList<>();
        for (RawCell cell : cells) {
            while (headerRow.size() < cell.column()) {
                headerRow.add("");
            }
            headerRow.add(headerText(cell));
            out.write(cell.xml());
        }
        out.write("</row>");
    }

    /** What POI's DataFormatter shows for a header cell, for the kinds a header holds; others need the user model. */
    private String headerText(RawCell cell) {
        String type = cell.attributes().getOrDefault("t", "n");
        String xml = new String(cell.xml(), StandardCharsets.UTF_8);
        if (cell.formula()) {
            throw new NotStreamable("a formula in the header row");
        }
        if (type.equals("s")) {
            return sharedString.apply(Integer.parseInt(SharedStrings.between(xml, "v").strip())).strip();
        }
        if (type.equals("inlineStr")) {
            return SharedStrings.text(xml).strip();
        }
        if (type.equals("n") && !xml.contains("<v")) {
            return "";
        }
        throw new NotStreamable("a header cell of type " + type);
    }

    @Override
    void atEnd(Out out) throws IOException {
        boolean empty = rowCount == 0;
        int expected = empty ? -1 : lastRow;
        if (assumedLast != null && assumedLast != expected) {
            throw new WrongGuess();
        }
        if (empty && data.hasHeaderRow()) {
            throw new NotStreamable("a header row on an empty sheet takes a bold style");
        }
        int next = empty ? 0 : lastRow + 1;
        int[] columns = columnMap(empty);
        if (next + data.rows().size() > maxRows) {
            throw new InvalidInputException("sheet '" + sheetName + "' has " + next + " rows; " + data.rows().size()
                    + " more do not fit in " + (maxRows == SheetInput.MAX_ROWS ? "Excel's " + maxRows
                            : maxRows + " rows, this server's limit (limits.maxRows)"));
        }
        StringBuilder b = new StringBuilder(1024);
        for (List<CellValue> values : data.rows()) {
            b.setLength(0);
            int row = next++;
            b.append("<row r=\"").append(row + 1).append("\">");
            for (int c = 0; c < values.size(); c++) {
                if (!(values.get(c) instanceof CellValue.Empty)) {
                    CellXml.cell(b, sheetName, row, columns[c], null, values.get(c));
                }
            }
            out.write(b.append("</row>"));
        }
        summary = "appended " + data.rows().size() + " row(s) to sheet '" + sheetName + "', now ending at row " + next;
    }

    /** As the user-model path maps them: by header name (exact, then ignoring case) or by position. */
    private int[] columnMap(boolean empty) {
        int width = data.columnCount();
        int[] map = new int[width];
        if (!data.hasHeaderRow() || empty) {
            for (int c = 0; c < width; c++) {
                map[c] = c;
            }
            return map;
        }
        List<String> existing = headerRow == null ? List.of() : headerRow;
        for (int c = 0; c < data.headers().size(); c++) {
            String wanted = data.headers().get(c).strip();
            int found = existing.indexOf(wanted);
            if (found < 0) {
                for (int i = 0; i < existing.size() && found < 0; i++) {
                    if (existing.get(i).equalsIgnoreCase(wanted)) {
                        found = i;
                    }
                }
            }
            if (found < 0) {
                throw new InvalidInputException("column '" + wanted + "' is not in the header row of sheet '"
                        + sheetName + "' " + existing + "; use those names or give rows as lists");
            }
            map[c] = found;
        }
        return map;
    }
}
