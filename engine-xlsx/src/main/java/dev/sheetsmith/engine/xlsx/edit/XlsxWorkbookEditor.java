package dev.sheetsmith.engine.xlsx.edit;

import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.SheetData;
import dev.sheetsmith.domain.SheetInput;
import dev.sheetsmith.domain.WorkbookEdit;
import dev.sheetsmith.engine.xlsx.edit.pivot.PivotRefresh;
import dev.sheetsmith.engine.xlsx.edit.stream.StreamedEdits;
import dev.sheetsmith.engine.xlsx.poi.CellWriter;
import dev.sheetsmith.engine.xlsx.poi.ChartFrames;
import dev.sheetsmith.engine.xlsx.poi.Extensions;
import dev.sheetsmith.engine.xlsx.poi.Sheets;
import dev.sheetsmith.engine.xlsx.poi.Workbooks;
import dev.sheetsmith.ports.out.WorkbookEditor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Edits with POI's user model. append_rows goes through the streaming writer on top of the loaded
 * workbook, so the appended rows are never all in memory. After an edit every formula is
 * recomputed where POI can; one it cannot keep no stale value (Excel recomputes on open).
 */
public final class XlsxWorkbookEditor implements WorkbookEditor {

    private final DataFormatter formatter = new DataFormatter(Locale.ROOT);
    private final int maxRows;

    public XlsxWorkbookEditor() {
        this(SheetInput.MAX_ROWS);
    }

    /** @param maxRows rows a sheet may reach through append_rows (limits.maxRows) */
    public XlsxWorkbookEditor(int maxRows) {
        this.maxRows = maxRows;
    }

    @Override
    public Set<String> formats() {
        return Set.of(Workbooks.FORMAT);
    }

    @Override
    public String apply(InputStream current, WorkbookEdit edit, OutputStream out) throws IOException {
        return apply(current, edit, out, () -> { });
    }

    /**
     * The cell edits and format_range rewrite only the sheet's part as a stream when the
     * package allows it ({@link StreamedEdits}); else, and for every other edit, the workbook is
     * loaded into the user model, after {@code beforeLoadingWhole} (the memory reservation for that).
     */
    @Override
    public String apply(InputStream current, WorkbookEdit edit, OutputStream out, Runnable beforeLoadingWhole)
            throws IOException {
        if (!StreamedEdits.mayStream(edit)) {
            beforeLoadingWhole.run();
            return applyAll(current, List.of(edit), out);
        }
        Path copy = Files.createTempFile("sheetsmith-edit-", ".xlsx");
        try {
            Files.copy(current, copy, StandardCopyOption.REPLACE_EXISTING);
            String streamed = StreamedEdits.apply(copy, edit, out, maxRows);
            if (streamed != null) {
                return streamed;
            }
            beforeLoadingWhole.run();
            try (InputStream in = Files.newInputStream(copy)) {
                return applyAll(in, List.of(edit), out);
            }
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /** The user-model path alone, for tests that hold both paths side by side. */
    public String applyLoaded(InputStream current, WorkbookEdit edit, OutputStream out) throws IOException {
        return applyAll(current, List.of(edit), out);
    }

    /** The edits in order on one loaded workbook, written once; append_rows (streamed) only alone. */
    @Override
    public String applyAll(InputStream current, List<WorkbookEdit> edits, OutputStream out) throws IOException {
        try (XSSFWorkbook wb = Workbooks.open(current)) {
            if (edits.size() == 1 && edits.get(0) instanceof WorkbookEdit.AppendRows append) {
                return append(wb, append, out);
            }
            PartInventory before = PartInventory.of(wb);
            List<String> removedOnPurpose = new ArrayList<>();
            Set<Cell> written = Collections.newSetFromMap(new IdentityHashMap<>());
            List<String> summaries = new ArrayList<>();
            One one = new One(wb, written, removedOnPurpose);
            for (WorkbookEdit edit : edits) {
                try {
                    summaries.add(edit.accept(one));
                } catch (IllegalStateException e) {
                    // POI refuses to move or remove part of a multi-cell array formula; so does Excel.
                    if (e.getMessage() != null && e.getMessage().contains("array formula")) {
                        throw new InvalidInputException(e.getMessage() + " Clear the whole array first (clear_range)");
                    }
                    throw e;
                }
            }
            String summary = String.join("; ", summaries);
            Workbooks.markCalculatedColumns(wb);
            Workbooks.storeRuleFormulasAsExcel(wb);
            List<String> notes = Workbooks.recompute(wb, written);
            // As Excel refreshes a pivot after its source changes: recompute the cells of the pivots
            // made here (then the formulas that may read them).
            if (edits.stream().anyMatch(XlsxWorkbookEditor::mayChangeCells) && PivotRefresh.all(wb) > 0) {
                notes = Workbooks.recompute(wb, written);
            }
            for (String note : notes) {
                summary += ". Note: " + note;
            }
            List<String> lost = PartInventory.of(wb).lostSince(before, removedOnPurpose);
            if (!lost.isEmpty()) {
                summary += ". Could not keep: " + String.join(", ", lost);
            }
            wb.write(out);
            return summary;
        }
    }

    /** Whether an edit may change cells a pivot table reads (formats, notes, charts and names do not). */
    static boolean mayChangeCells(WorkbookEdit edit) {
        return !(edit instanceof WorkbookEdit.FormatRange || edit instanceof WorkbookEdit.MergeCells
                || edit instanceof WorkbookEdit.SetLayout || edit instanceof WorkbookEdit.AddConditionalFormat
                || edit instanceof WorkbookEdit.AddValidation || edit instanceof WorkbookEdit.CreateChart
                || edit instanceof WorkbookEdit.DeleteChart || edit instanceof WorkbookEdit.CreatePivot
                || edit instanceof WorkbookEdit.SetNote || edit instanceof WorkbookEdit.SetDefinedName);
    }

    /**
     * One edit on the loaded workbook, by kind. A visitor, so a new kind of edit does not compile
     * until it is handled here.
     */
    private final class One implements WorkbookEdit.Visitor<String> {

        private final XSSFWorkbook wb;
        private final Set<Cell> written;
        private final List<String> removedOnPurpose;
        /** One for all the edits of a call, so that many format_range edits alike share their styles. */
        private Styles styles;

        One(XSSFWorkbook wb, Set<Cell> written, List<String> removedOnPurpose) {
            this.wb = wb;
            this.written = written;
            this.removedOnPurpose = removedOnPurpose;
        }

        @Override
        public String writeRange(WorkbookEdit.WriteRange edit) {
            return write(wb, edit, written);
        }

        @Override
        public String appendRows(WorkbookEdit.AppendRows edit) {
            throw new IllegalArgumentException("append_rows is applied on its own");
        }

        @Override
        public String createSheet(WorkbookEdit.CreateSheet edit) {
            return XlsxWorkbookEditor.this.createSheet(wb, edit.sheet(), written);
        }

        @Override
        public String renameSheet(WorkbookEdit.RenameSheet edit) {
            return rename(wb, edit);
        }

        @Override
        public String deleteSheet(WorkbookEdit.DeleteSheet edit) {
            return delete(wb, edit, removedOnPurpose);
        }

        @Override
        public String clearRange(WorkbookEdit.ClearRange edit) {
            return new RangeEdits(wb).clear(Sheets.sheet(wb, edit.sheet()), edit.range());
        }

        @Override
        public String copyRange(WorkbookEdit.CopyRange edit) {
            Sheet source = Sheets.sheet(wb, edit.sheet());
            Sheet target = edit.targetSheet() == null ? source : Sheets.sheet(wb, edit.targetSheet());
            return new RangeEdits(wb).copy(source, edit.source(), target, edit.target());
        }

        @Override
        public String sortRange(WorkbookEdit.SortRange edit) {
            return new RangeEdits(wb).sort(Sheets.sheet(wb, edit.sheet()), edit);
        }

        @Override
        public String replaceCells(WorkbookEdit.ReplaceCells edit) {
            List<Sheet> sheets = new ArrayList<>();
            if (edit.sheet() == null) {
                wb.forEach(sheets::add);
            } else {
                sheets.add(Sheets.sheet(wb, edit.sheet()));
            }
            return new RangeEdits(wb).replace(sheets, edit);
        }

        @Override
        public String copySheet(WorkbookEdit.CopySheet edit) {
            return XlsxWorkbookEditor.this.copySheet(wb, edit);
        }

        @Override
        public String shiftLines(WorkbookEdit.ShiftLines edit) {
            Sheet sheet = Sheets.sheet(wb, edit.sheet());
            String done = new RangeEdits(wb).shift(sheet, edit) + objectsNote(sheet);
            PivotRefresh.linesShifted(wb, sheet.getSheetName(), edit.rows(), edit.insert(), edit.at(), edit.count());
            return done;
        }

        @Override
        public String formatRange(WorkbookEdit.FormatRange edit) {
            if (styles == null) {
                styles = new Styles(wb);
            }
            return styles.format(Sheets.xsheet(wb, edit.sheet()), edit.range(), edit.format());
        }

        @Override
        public String mergeCells(WorkbookEdit.MergeCells edit) {
            XSSFSheet sheet = Sheets.xsheet(wb, edit.sheet());
            return edit.unmerge() ? new Styles(wb).unmerge(sheet, edit.range()) : new Styles(wb).merge(sheet, edit.range());
        }

        @Override
        public String setLayout(WorkbookEdit.SetLayout edit) {
            return new Layouts(wb).apply(Sheets.xsheet(wb, edit.sheet()), edit.layout());
        }

        @Override
        public String addConditionalFormat(WorkbookEdit.AddConditionalFormat edit) {
            return Rules.conditional(Sheets.xsheet(wb, edit.sheet()), edit.range(), edit.rule());
        }

        @Override
        public String addValidation(WorkbookEdit.AddValidation edit) {
            return Rules.validation(Sheets.xsheet(wb, edit.sheet()), edit.range(), edit.rule());
        }

        @Override
        public String createTable(WorkbookEdit.CreateTable edit) {
            return Tables.create(wb, Sheets.xsheet(wb, edit.sheet()), edit.table());
        }

        @Override
        public String createChart(WorkbookEdit.CreateChart edit) {
            return Charts.create(wb, Sheets.xsheet(wb, edit.sheet()), edit.chart());
        }

        @Override
        public String deleteChart(WorkbookEdit.DeleteChart edit) {
            return Charts.delete(wb, Sheets.xsheet(wb, edit.sheet()), edit.chart(), removedOnPurpose);
        }

        @Override
        public String createPivot(WorkbookEdit.CreatePivot edit) {
            return Pivots.create(wb, Sheets.xsheet(wb, edit.sheet()), edit.pivot());
        }

        @Override
        public String setNote(WorkbookEdit.SetNote edit) {
            return Annotations.note(Sheets.xsheet(wb, edit.sheet()), edit);
        }

        @Override
        public String setDefinedName(WorkbookEdit.SetDefinedName edit) {
            return Annotations.definedName(wb, edit);
        }
    }

    private String write(XSSFWorkbook wb, WorkbookEdit.WriteRange write, Set<Cell> written) {
        Sheet sheet = Sheets.sheet(wb, write.sheet());
        CellWriter cells = new CellWriter(wb);
        for (int r = 0; r < write.rows().size(); r++) {
            int rowIndex = write.start().firstRow() + r;
            Row row = sheet.getRow(rowIndex) == null ? sheet.createRow(rowIndex) : sheet.getRow(rowIndex);
            List<CellValue> values = write.rows().get(r);
            for (int c = 0; c < values.size(); c++) {
                int column = write.start().firstColumn() + c;
                Cell cell = row.getCell(column) == null ? row.createCell(column) : row.getCell(column);
                cells.set(cell, values.get(c), sheet.getSheetName());
                written.add(cell);
            }
        }
        return "wrote " + write.target().toA1() + " on sheet '" + sheet.getSheetName() + "'";
    }

    private String append(XSSFWorkbook wb, WorkbookEdit.AppendRows append, OutputStream out) throws IOException {
        Sheet existing = Sheets.sheet(wb, append.sheet());
        String name = existing.getSheetName();
        boolean empty = existing.getPhysicalNumberOfRows() == 0;
        int next = empty ? 0 : existing.getLastRowNum() + 1;
        SheetData data = append.data();
        int[] columns = columnMap(existing, data, empty);
        if (next + data.rows().size() + (empty && data.hasHeaderRow() ? 1 : 0) > maxRows) {
            throw new InvalidInputException("sheet '" + name + "' has " + next + " rows; " + data.rows().size()
                    + " more do not fit in " + (maxRows == SheetInput.MAX_ROWS ? "Excel's " + maxRows
                            : maxRows + " rows, this server's limit (limits.maxRows)"));
        }
        SXSSFWorkbook streaming = new SXSSFWorkbook(wb, Workbooks.ROW_WINDOW);
        streaming.setZip64Mode(Zip64Mode.AsNeeded);
        try {
            Sheet sheet = streaming.getSheet(name);
            CellWriter cells = new CellWriter(streaming);
            if (empty && data.hasHeaderRow()) {
                Row header = sheet.createRow(next++);
                for (int c = 0; c < data.headers().size(); c++) {
                    Cell cell = header.createCell(c);
                    cells.headerText(cell, data.headers().get(c), name);
                }
            }
            for (List<CellValue> values : data.rows()) {
                Row row = sheet.createRow(next++);
                for (int c = 0; c < values.size(); c++) {
                    if (!(values.get(c) instanceof CellValue.Empty)) {
                        cells.set(row.createCell(columns[c]), values.get(c), name);
                    }
                }
            }
            // Formulas in appended rows keep no value: Excel computes them on open, the reader lists them.
            streaming.setForceFormulaRecalculation(true);
            streaming.write(out);
        } finally {
            streaming.dispose();
        }
        return "appended " + data.rows().size() + " row(s) to sheet '" + name + "', now ending at row " + next;
    }

    /** Where each input column goes: by header name when the input has headers, else by position. */
    private int[] columnMap(Sheet sheet, SheetData data, boolean empty) {
        int width = data.columnCount();
        int[] map = new int[width];
        if (!data.hasHeaderRow() || empty) {
            for (int c = 0; c < width; c++) {
                map[c] = c;
            }
            return map;
        }
        Row headerRow = sheet.getRow(sheet.getFirstRowNum());
        List<String> existing = new ArrayList<>();
        if (headerRow != null) {
            for (int c = 0; c < headerRow.getLastCellNum(); c++) {
                Cell cell = headerRow.getCell(c);
                existing.add(cell == null ? "" : formatter.formatCellValue(cell).strip());
            }
        }
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
                        + sheet.getSheetName() + "' " + existing + "; use those names or give rows as lists");
            }
            map[c] = found;
        }
        return map;
    }

    private String createSheet(XSSFWorkbook wb, SheetData data, Set<Cell> written) {
        requireFreeName(wb, data.name(), -1);
        Sheet sheet = wb.createSheet(data.name());
        CellWriter cells = new CellWriter(wb);
        int r = 0;
        if (data.hasHeaderRow()) {
            Row header = sheet.createRow(r++);
            for (int c = 0; c < data.headers().size(); c++) {
                Cell cell = header.createCell(c);
                cells.headerText(cell, data.headers().get(c), data.name());
            }
            sheet.createFreezePane(0, 1);
        }
        for (List<CellValue> values : data.rows()) {
            Row row = sheet.createRow(r++);
            for (int c = 0; c < values.size(); c++) {
                if (!(values.get(c) instanceof CellValue.Empty)) {
                    Cell cell = row.createCell(c);
                    cells.set(cell, values.get(c), data.name());
                    written.add(cell);
                }
            }
        }
        return "created sheet '" + data.name() + "' with " + data.rows().size() + " data row(s)";
    }

    /**
     * POI's clone gives the copy its own tables, charts, notes and rules, but points it at the
     * original's pivot tables, slicers and timelines, which two sheets cannot share: those links are
     * taken off the copy, and the result says so.
     */
    private String copySheet(XSSFWorkbook wb, WorkbookEdit.CopySheet copy) {
        XSSFSheet source = Sheets.xsheet(wb, copy.sheet());
        requireFreeName(wb, copy.newName(), -1);
        XSSFSheet clone = wb.cloneSheet(wb.getSheetIndex(source), copy.newName());
        java.util.Set<String> sourceTargets = new java.util.HashSet<>();
        source.getRelationParts().forEach(rp -> sourceTargets.add(rp.getDocumentPart().getPackagePart()
                .getPartName().getName()));
        List<String> notCopied = new ArrayList<>();
        for (var rp : List.copyOf(clone.getRelationParts())) {
            var part = rp.getDocumentPart();
            String type = part.getPackagePart().getContentType().toLowerCase(Locale.ROOT);
            String name = part.getPackagePart().getPartName().getName();
            boolean unique = type.contains("pivottable") || type.contains("slicer") || type.contains("timeline");
            if (unique && sourceTargets.contains(name)) {
                PartInventory.unlink(clone, part, false);
                notCopied.add(type.contains("pivottable") ? "pivot table "
                        + ((org.apache.poi.xssf.usermodel.XSSFPivotTable) part).getCTPivotTableDefinition().getName()
                        : type.contains("slicer") ? "slicers" : "timelines");
            }
        }
        var ws = clone.getCTWorksheet();
        if (ws.isSetExtLst()) {
            for (int i = ws.getExtLst().sizeOfExtArray() - 1; i >= 0; i--) {
                String kind = Extensions.BY_URI.get(ws.getExtLst().getExtArray(i).getUri());
                if (kind != null && (kind.contains("slicers") || kind.equals("timelines"))) {
                    ws.getExtLst().removeExt(i);
                }
            }
        }
        return "copied sheet '" + source.getSheetName() + "' to '" + copy.newName() + "'" + (notCopied.isEmpty() ? ""
                : ". Not copied: " + String.join(", ", notCopied) + " (two sheets cannot share one; make another on"
                        + " the copy, e.g. with create_pivot_table)");
    }

    private String rename(XSSFWorkbook wb, WorkbookEdit.RenameSheet rename) {
        Sheet sheet = Sheets.sheet(wb, rename.sheet());
        int index = wb.getSheetIndex(sheet);
        requireFreeName(wb, rename.newName(), index);
        String old = sheet.getSheetName();
        // POI rewrites formulas and defined names that refer to the old name.
        wb.setSheetName(index, rename.newName());
        PivotRefresh.sheetRenamed(wb, old, rename.newName());
        return "renamed sheet '" + old + "' to '" + rename.newName() + "'; formulas that referred to it follow";
    }

    private String delete(XSSFWorkbook wb, WorkbookEdit.DeleteSheet delete, List<String> removedOnPurpose) {
        Sheet sheet = Sheets.sheet(wb, delete.sheet());
        removedOnPurpose.add(sheet.getSheetName());
        PartInventory.collectTree(((XSSFSheet) sheet).getPackagePart(), removedOnPurpose);
        if (wb.getNumberOfSheets() == 1) {
            throw new InvalidInputException("sheet '" + sheet.getSheetName() + "' is the only sheet; a workbook needs one."
                    + " Create another sheet first, or delete the file");
        }
        String name = sheet.getSheetName();
        wb.removeSheetAt(wb.getSheetIndex(sheet));
        return "deleted sheet '" + name + "'";
    }

    private static void requireFreeName(Workbook wb, String name, int except) {
        for (int i = 0; i < wb.getNumberOfSheets(); i++) {
            if (i != except && wb.getSheetName(i).equalsIgnoreCase(name)) {
                throw new InvalidInputException("a sheet named '" + wb.getSheetName(i) + "' already exists");
            }
        }
    }

    /** Shifting or sorting moves cells; objects that point at cells may not follow. */
    private static String objectsNote(Sheet sheet) {
        XSSFSheet x = (XSSFSheet) sheet;
        int objects = x.getTables().size() + x.getPivotTables().size() + ChartFrames.charts(x).size();
        return objects == 0 ? "" : "; check tables, charts and pivot tables on this sheet with describe_sheet, their"
                + " ranges may still point at the old cells";
    }
}
