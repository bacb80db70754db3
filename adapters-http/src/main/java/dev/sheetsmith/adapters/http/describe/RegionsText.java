package dev.sheetsmith.adapters.http.describe;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.WorkbookDescription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The blocks of data of a described sheet, for describe_workbook: in the text (one line per block,
 * a line of sample rows) and in the structured result, within {@link #MAX_TEXT} characters for the
 * whole answer, so a workbook of many sheets still gives a bounded description.
 */
public final class RegionsText {

    /** Past this many characters of the answer, further sheets' blocks are left out (and it says so). */
    public static final int MAX_TEXT = 16_000;

    private RegionsText() {
    }

    /**
     * Appends the sheet's blocks to {@code text} and returns them as structured entries; returns
     * an empty list (and says so once) when the text is already {@link #MAX_TEXT} long.
     */
    public static List<Map<String, Object>> append(StringBuilder text, WorkbookDescription.Sheet sheet) {
        if (sheet.regions().isEmpty()) {
            return List.of();
        }
        if (text.length() >= MAX_TEXT) {
            String note = "  (blocks of further sheets left out to keep this short; read_range or describe_sheet them)\n";
            if (text.indexOf(note) < 0) {
                text.append(note);
            }
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (WorkbookDescription.Region r : sheet.regions()) {
            text.append("  - block ").append(r.range().toA1());
            List<String> parts = new ArrayList<>();
            if (!r.titleRows().isEmpty()) {
                parts.add("title " + rows(r.titleRows()) + " " + r.titles().stream().map(t -> "'" + t + "'")
                        .collect(Collectors.joining(", ")));
            }
            if (!r.headerRows().isEmpty()) {
                parts.add("header " + rows(r.headerRows()) + " " + r.header().stream().map(RegionsText::cells)
                        .collect(Collectors.joining(" / ")));
            }
            if (r.dataRows() > 0 || r.titleRows().isEmpty()) {
                parts.add(r.dataRows() + " data row" + (r.dataRows() == 1 ? "" : "s"));
            }
            if (r.totalsRow() >= 0) {
                parts.add("totals row " + (r.totalsRow() + 1));
            }
            if (r.table() != null) {
                parts.add("table " + r.table());
            }
            text.append(": ").append(String.join("; ", parts)).append('\n');
            if (!r.samples().isEmpty()) {
                text.append("    first data rows: ").append(r.samples().stream().map(RegionsText::cells)
                        .collect(Collectors.joining(" "))).append('\n');
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("range", r.range().toA1());
            entry.put("titleRows", r.titleRows().stream().map(i -> i + 1).toList());
            entry.put("titles", r.titles());
            entry.put("headerRows", r.headerRows().stream().map(i -> i + 1).toList());
            entry.put("header", r.header());
            entry.put("dataRows", r.dataRows());
            entry.put("totalsRow", r.totalsRow() < 0 ? null : r.totalsRow() + 1);
            entry.put("table", r.table());
            entry.put("sampleRows", r.samples());
            out.add(entry);
        }
        if (sheet.moreRegions() > 0) {
            text.append("  - and ").append(sheet.moreRegions()).append(" more blocks\n");
        }
        if (!sheet.merged().isEmpty()) {
            text.append("  merged: ").append(sheet.merged().stream().map(CellRange::toA1).collect(Collectors.joining(
                    ", "))).append('\n');
        }
        return out;
    }

    /** "row 3" or "rows 2-3" (1-based, as the user sees them). */
    private static String rows(List<Integer> rows) {
        int first = rows.get(0) + 1;
        int last = rows.get(rows.size() - 1) + 1;
        return first == last ? "row " + first : "rows " + first + "-" + last;
    }

    private static String cells(List<String> row) {
        return "[" + String.join(" | ", row) + "]";
    }
}
