package dev.sheetsmith.domain;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A change to a stored workbook, validated when it is made, before anything is touched. */
public sealed interface WorkbookEdit {

    /** A few words for the revision list, e.g. "write_range Data!B2:D4". */
    String describe();

    /** Calls the {@link Visitor} method for this kind of edit. */
    <R> R accept(Visitor<R> visitor);

    /**
     * One method for each kind of edit. An engine that applies edits implements it, so a new kind
     * of edit does not compile until every engine handles it (Java 17 has no pattern switch).
     */
    interface Visitor<R> {
        R writeRange(WriteRange edit);

        R appendRows(AppendRows edit);

        R createSheet(CreateSheet edit);

        R renameSheet(RenameSheet edit);

        R deleteSheet(DeleteSheet edit);

        R clearRange(ClearRange edit);

        R copyRange(CopyRange edit);

        R sortRange(SortRange edit);

        R replaceCells(ReplaceCells edit);

        R copySheet(CopySheet edit);

        R shiftLines(ShiftLines edit);

        R formatRange(FormatRange edit);

        R mergeCells(MergeCells edit);

        R setLayout(SetLayout edit);

        R addConditionalFormat(AddConditionalFormat edit);

        R addValidation(AddValidation edit);

        R createTable(CreateTable edit);

        R createChart(CreateChart edit);

        R deleteChart(DeleteChart edit);

        R createPivot(CreatePivot edit);

        R setNote(SetNote edit);

        R setDefinedName(SetDefinedName edit);
    }

    /** Cells to write from {@code start} on; a Text starting with '=' has become a Formula already. */
    record WriteRange(String sheet, CellRange start, List<List<CellValue>> rows) implements WorkbookEdit {
        public WriteRange {
            Objects.requireNonNull(start, "start");
            rows = rows.stream().map(List::copyOf).toList();
            if (rows.isEmpty()) {
                throw new InvalidInputException("'values' must hold at least one row");
            }
            int width = rows.stream().mapToInt(List::size).max().orElse(0);
            if (start.firstRow() + rows.size() - 1 > CellRange.MAX_ROW
                    || start.firstColumn() + width - 1 > CellRange.MAX_COLUMN) {
                throw new InvalidInputException("writing " + rows.size() + " rows x " + width + " columns from "
                        + start.toA1() + " goes past the edge of the sheet");
            }
        }

        public CellRange target() {
            int width = Math.max(1, rows.stream().mapToInt(List::size).max().orElse(1));
            return new CellRange(start.firstRow(), start.firstColumn(), start.firstRow() + rows.size() - 1,
                    start.firstColumn() + width - 1);
        }

        @Override
        public String describe() {
            return "write_range " + (sheet == null ? "" : sheet + "!") + target().toA1();
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.writeRange(this);
        }
    }

    /** Rows added after the last used row; headers, when given, are matched to the sheet's header row. */
    record AppendRows(String sheet, SheetData data) implements WorkbookEdit {
        public AppendRows {
            Objects.requireNonNull(data, "data");
            if (data.rows().isEmpty()) {
                throw new InvalidInputException("append_rows needs at least one row of data");
            }
        }

        @Override
        public String describe() {
            return "append_rows " + data.rows().size() + " row(s)" + (sheet == null ? "" : " to " + sheet);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.appendRows(this);
        }
    }

    record CreateSheet(SheetData sheet) implements WorkbookEdit {
        @Override
        public String describe() {
            return "create_sheet " + sheet.name();
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.createSheet(this);
        }
    }

    record RenameSheet(String sheet, String newName) implements WorkbookEdit {
        public RenameSheet {
            Objects.requireNonNull(sheet, "sheet");
            SheetNames.requireValid(newName);
        }

        @Override
        public String describe() {
            return "rename_sheet " + sheet + " -> " + newName;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.renameSheet(this);
        }
    }

    record DeleteSheet(String sheet) implements WorkbookEdit {
        public DeleteSheet {
            Objects.requireNonNull(sheet, "sheet");
        }

        @Override
        public String describe() {
            return "delete_sheet " + sheet;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.deleteSheet(this);
        }
    }

    record ClearRange(String sheet, CellRange range) implements WorkbookEdit {
        public ClearRange {
            Objects.requireNonNull(range, "range");
        }

        @Override
        public String describe() {
            return "clear_range " + (sheet == null ? "" : sheet + "!") + range.toA1();
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.clearRange(this);
        }
    }

    /** Copies values, formulas (references adjusted as Excel does) and styles to {@code target}'s top-left. */
    record CopyRange(String sheet, CellRange source, String targetSheet, CellRange target) implements WorkbookEdit {
        public CopyRange {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(target, "target");
            if (target.firstRow() + source.rowCount() - 1 > CellRange.MAX_ROW
                    || target.firstColumn() + source.columnCount() - 1 > CellRange.MAX_COLUMN) {
                throw new InvalidInputException("copying " + source.toA1() + " to " + target.toA1()
                        + " goes past the edge of the sheet");
            }
        }

        @Override
        public String describe() {
            return "copy_range " + source.toA1() + " -> " + (targetSheet == null ? "" : targetSheet + "!")
                    + target.toA1();
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.copyRange(this);
        }
    }

    /** Sorts the rows of {@code range} by columns (letters), each ascending or not; a header row stays on top. */
    record SortRange(String sheet, CellRange range, List<SortKey> keys, boolean hasHeader) implements WorkbookEdit {
        public SortRange {
            Objects.requireNonNull(range, "range");
            keys = List.copyOf(keys);
            if (keys.isEmpty()) {
                throw new InvalidInputException("'by' needs at least one column to sort by");
            }
            for (SortKey key : keys) {
                if (key.column() < range.firstColumn() || key.column() > range.lastColumn()) {
                    throw new InvalidInputException("sort column " + SheetInput.columnLetter(key.column())
                            + " is outside the range " + range.toA1());
                }
            }
        }

        @Override
        public String describe() {
            return "sort_range " + range.toA1();
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.sortRange(this);
        }
    }

    record SortKey(int column, boolean ascending) {
    }

    /** Replaces text in cell values (not formulas); {@code range} null means the whole sheet. */
    record ReplaceCells(String sheet, CellRange range, String find, String replacement, boolean matchCase,
            boolean wholeCell) implements WorkbookEdit {
        public ReplaceCells {
            if (find == null || find.isEmpty()) {
                throw new InvalidInputException("'find' must not be empty");
            }
            Objects.requireNonNull(replacement, "replacement");
            ExcelText.requireStorable(find, "'find'");
            ExcelText.requireStorable(replacement, "'replacement'");
        }

        /**
         * For a cell's text, the text it gets, or null when {@code find} is not in it: every match
         * replaced (whole cell: the text is {@code find}, as a regex's {@code ^...$} sees it). Every
         * path that replaces (the user model's, the streamed one) asks this; compiled once per call.
         */
        public UnaryOperator<String> replacer() {
            Pattern pattern = Pattern.compile(wholeCell ? "^" + Pattern.quote(find) + "$" : Pattern.quote(find),
                    matchCase ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            String literal = Matcher.quoteReplacement(replacement);
            return text -> {
                Matcher m = pattern.matcher(text);
                return m.find() ? m.replaceAll(literal) : null;
            };
        }

        @Override
        public String describe() {
            return "replace_cells '" + find + "'";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.replaceCells(this);
        }
    }

    record CopySheet(String sheet, String newName) implements WorkbookEdit {
        public CopySheet {
            Objects.requireNonNull(sheet, "sheet");
            SheetNames.requireValid(newName);
        }

        @Override
        public String describe() {
            return "copy_sheet " + sheet + " -> " + newName;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.copySheet(this);
        }
    }

    /** Inserts or deletes whole rows (1-based numbers) or columns (letters) at {@code at}. */
    record ShiftLines(String sheet, boolean rows, boolean insert, int at, int count) implements WorkbookEdit {
        public ShiftLines {
            if (count < 1 || count > 10_000) {
                throw new InvalidInputException("'count' must be between 1 and 10000");
            }
            int max = rows ? CellRange.MAX_ROW : CellRange.MAX_COLUMN;
            if (at < 0 || at > max || (!insert && at + count - 1 > max)) {
                throw new InvalidInputException("position " + (rows ? String.valueOf(at + 1)
                        : SheetInput.columnLetter(Math.min(at, CellRange.MAX_COLUMN))) + " is outside the sheet");
            }
        }

        @Override
        public String describe() {
            return (insert ? "insert " : "delete ") + count + (rows ? " row(s) at " + (at + 1)
                    : " column(s) at " + SheetInput.columnLetter(at));
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.shiftLines(this);
        }
    }

    // Tool set II: formats, layout, rules, objects. Each is checked here before the file is read.

    record FormatRange(String sheet, CellRange range, CellFormat format) implements WorkbookEdit {
        public FormatRange {
            Objects.requireNonNull(range, "range");
            Objects.requireNonNull(format, "format");
        }

        @Override
        public String describe() {
            return "format_range " + at(sheet, range);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.formatRange(this);
        }
    }

    record MergeCells(String sheet, CellRange range, boolean unmerge) implements WorkbookEdit {
        public MergeCells {
            Objects.requireNonNull(range, "range");
            if (!unmerge && range.cellCount() < 2) {
                throw new InvalidInputException("merging needs at least two cells; " + range.toA1() + " is one");
            }
        }

        @Override
        public String describe() {
            return (unmerge ? "unmerge " : "merge_cells ") + at(sheet, range);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.mergeCells(this);
        }
    }

    record SetLayout(String sheet, SheetLayout layout) implements WorkbookEdit {
        public SetLayout {
            Objects.requireNonNull(layout, "layout");
        }

        @Override
        public String describe() {
            return "set_sheet_layout" + (sheet == null ? "" : " " + sheet);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.setLayout(this);
        }
    }

    record AddConditionalFormat(String sheet, CellRange range, ConditionalFormat rule) implements WorkbookEdit {
        public AddConditionalFormat {
            Objects.requireNonNull(range, "range");
            Objects.requireNonNull(rule, "rule");
        }

        @Override
        public String describe() {
            return "add_conditional_format " + rule.type() + " " + at(sheet, range);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.addConditionalFormat(this);
        }
    }

    record AddValidation(String sheet, CellRange range, ValidationRule rule) implements WorkbookEdit {
        public AddValidation {
            Objects.requireNonNull(range, "range");
            Objects.requireNonNull(rule, "rule");
        }

        @Override
        public String describe() {
            return "add_data_validation " + rule.type() + " " + at(sheet, range);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.addValidation(this);
        }
    }

    record CreateTable(String sheet, TableSpec table) implements WorkbookEdit {
        public CreateTable {
            Objects.requireNonNull(table, "table");
        }

        @Override
        public String describe() {
            return "create_table " + at(sheet, table.range());
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.createTable(this);
        }
    }

    record CreateChart(String sheet, ChartSpec chart) implements WorkbookEdit {
        public CreateChart {
            Objects.requireNonNull(chart, "chart");
        }

        @Override
        public String describe() {
            return "create_chart " + chart.type() + (sheet == null ? "" : " on " + sheet);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.createChart(this);
        }
    }

    /** @param chart the chart's name or its number (1-based, as describe_sheet lists them) */
    record DeleteChart(String sheet, String chart) implements WorkbookEdit {
        public DeleteChart {
            if (chart == null || chart.isBlank()) {
                throw new InvalidInputException("'chart' is required: a chart's name or number from describe_sheet");
            }
        }

        @Override
        public String describe() {
            return "delete_chart " + chart;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.deleteChart(this);
        }
    }

    record CreatePivot(String sheet, PivotSpec pivot) implements WorkbookEdit {
        public CreatePivot {
            Objects.requireNonNull(pivot, "pivot");
        }

        @Override
        public String describe() {
            return "create_pivot_table from " + (sheet == null ? "first sheet" : sheet);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.createPivot(this);
        }
    }

    /** @param text null deletes the note */
    record SetNote(String sheet, CellRange cell, String text, String author) implements WorkbookEdit {
        public SetNote {
            Objects.requireNonNull(cell, "cell");
            if (text != null && (text.isBlank() || text.length() > SheetInput.MAX_TEXT)) {
                throw new InvalidInputException("'text' must be 1 to " + SheetInput.MAX_TEXT + " characters");
            }
            ExcelText.requireStorable(text, "'text'");
            ExcelText.requireStorable(author, "'author'");
            if (author != null && author.length() > 255) {
                throw new InvalidInputException("'author' is longer than 255 characters");
            }
        }

        @Override
        public String describe() {
            return (text == null ? "delete_note " : "set_note ") + at(sheet, cell);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.setNote(this);
        }
    }

    /**
     * @param refersTo a range or formula without '='; null deletes the name
     * @param scope a sheet the name belongs to; null for the whole workbook
     */
    record SetDefinedName(String name, String refersTo, String scope, String comment) implements WorkbookEdit {
        public SetDefinedName {
            TableSpec.requireName(name, "defined name");
            ExcelText.requireStorable(comment, "'comment'");
            if (refersTo != null) {
                refersTo = Formulas.requireSafe(refersTo, "'refersTo'").expression();
            }
        }

        @Override
        public String describe() {
            return (refersTo == null ? "delete_defined_name " : "set_defined_name ") + name;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.setDefinedName(this);
        }
    }

    private static String at(String sheet, CellRange range) {
        return (sheet == null ? "" : sheet + "!") + range.toA1();
    }
}
