package dev.sheetsmith.domain;

import java.util.List;

/** What a workbook holds, for an assistant that needs to look before it reads or edits. */
public record WorkbookDescription(List<Sheet> sheets, List<DefinedName> definedNames) {

    public WorkbookDescription {
        sheets = List.copyOf(sheets);
        definedNames = List.copyOf(definedNames);
    }

    /**
     * @param usedRange the rectangle holding every non-empty cell, null for an empty sheet
     * @param headerRow the first used row's values as text (the likely header)
     * @param tables names of Excel tables on the sheet
     * @param regions the blocks of data the sheet holds (rows apart from each other by blank rows),
     *     in order, at most {@link Region#MAX_PER_SHEET}
     * @param moreRegions how many further regions were left out
     * @param merged merged ranges (at most {@link Region#MAX_MERGED}), e.g. a title across a table
     */
    public record Sheet(String name, CellRange usedRange, List<String> headerRow, List<String> tables,
            List<Region> regions, int moreRegions, List<CellRange> merged) {
        public Sheet {
            headerRow = List.copyOf(headerRow);
            tables = List.copyOf(tables);
            regions = List.copyOf(regions);
            merged = List.copyOf(merged);
        }

        public Sheet(String name, CellRange usedRange, List<String> headerRow, List<String> tables) {
            this(name, usedRange, headerRow, tables, List.of(), 0, List.of());
        }
    }

    /**
     * One block of data, as a person laid it out: title rows (one cell, often merged across),
     * header rows (text only, one or more, e.g. a merged group row above the column names), data
     * rows, and a totals row at the end. Rows are 0-based, as in {@link CellRange}.
     *
     * @param titles the title rows' texts, clipped
     * @param header the header rows' texts, one list per header row, clipped
     * @param totalsRow the row of totals (a "Total" label, or SUM/SUBTOTAL formulas), or -1
     * @param samples the first few data rows as shown, clipped
     * @param table the Excel table this block is, or null
     */
    public record Region(CellRange range, List<Integer> titleRows, List<String> titles, List<Integer> headerRows,
            List<List<String>> header, int totalsRow, int dataRows, List<List<String>> samples, String table) {

        public static final int MAX_PER_SHEET = 8;
        public static final int MAX_MERGED = 20;
        public static final int SAMPLE_ROWS = 3;
        public static final int MAX_COLUMNS_SHOWN = 20;
        public static final int MAX_TEXT = 40;

        public Region {
            titleRows = List.copyOf(titleRows);
            titles = List.copyOf(titles);
            headerRows = List.copyOf(headerRows);
            header = header.stream().map(List::copyOf).toList();
            samples = samples.stream().map(List::copyOf).toList();
        }
    }

    public record DefinedName(String name, String refersTo) {
    }
}
