package dev.sheetsmith.engine.xlsx;

import dev.sheetsmith.engine.xlsx.poi.CellWriter;
import dev.sheetsmith.engine.xlsx.poi.ColumnWidths;
import dev.sheetsmith.ports.out.SpiCells;
import dev.sheetsmith.engine.xlsx.poi.Workbooks;
import dev.sheetsmith.engine.xlsx.read.XlsxWorkbookReader;
import dev.sheetsmith.engine.xlsx.write.PlainXlsxWriter;
import dev.sheetsmith.spi.CellValue;
import dev.sheetsmith.spi.ReadLimits;
import dev.sheetsmith.spi.SheetView;
import dev.sheetsmith.spi.WorkbookView;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Whole .xlsx files in and out, the engine's API for the xlsx format plugin: every sheet of a file
 * read for import, and a new workbook written. Plain values are written straight as XML
 * ({@link PlainXlsxWriter}: one row at a time in memory, so big sheets write with a small heap);
 * a workbook with formulas goes through POI's user model, which computes their values. Header row
 * bold and frozen; column widths fit the content; dates and date-times are real Excel dates with a
 * date format.
 */
public final class XlsxFiles {

    private XlsxFiles() {
    }

    /** Every sheet with its values, the first row as headers, within {@code limits}. */
    public static List<SheetView> read(InputStream in, ReadLimits limits) throws IOException {
        return new XlsxWorkbookReader().readAll(in, limits);
    }

    /** A new workbook of {@code workbook}'s sheets. */
    public static void write(WorkbookView workbook, OutputStream out) throws IOException {
        if (hasFormulas(workbook)) {
            // Formulas need their values saved, and POI computes them only on a workbook it holds whole.
            try (XSSFWorkbook wb = new XSSFWorkbook()) {
                writeSheets(wb, workbook);
                Workbooks.recompute(wb, null);
                wb.write(out);
            }
            return;
        }
        PlainXlsxWriter.write(workbook, out);
    }

    private static boolean hasFormulas(WorkbookView workbook) {
        for (SheetView view : workbook.sheets()) {
            if (!view.mayHoldFormulas()) {
                continue; // the view knows (a large request's rows, checked as they came): no pass over them
            }
            try (Stream<List<CellValue>> rows = view.rows()) {
                if (rows.anyMatch(row -> row.stream().anyMatch(CellValue.Formula.class::isInstance))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void writeSheets(Workbook wb, WorkbookView workbook) {
        CellWriter cells = new CellWriter(wb);
        for (SheetView view : workbook.sheets()) {
            writeSheet(cells, wb, view);
        }
    }

    private static void writeSheet(CellWriter cells, Workbook wb, SheetView view) {
        Sheet sheet = wb.createSheet(view.name());
        int columns = view.columnCount();
        int[] widths = new int[columns];
        int r = 0;
        List<String> headers = view.headers();
        if (!headers.isEmpty()) {
            Row row = sheet.createRow(r++);
            for (int c = 0; c < headers.size(); c++) {
                Cell cell = row.createCell(c);
                cells.headerText(cell, headers.get(c), view.name());
                // bold text is a little wider
                widths[c] = Math.max(widths[c], headers.get(c).length() + 2);
            }
            sheet.createFreezePane(0, 1);
        }
        try (Stream<List<CellValue>> rows = view.rows()) {
            Iterator<List<CellValue>> it = rows.iterator();
            while (it.hasNext()) {
                List<CellValue> values = it.next();
                Row row = sheet.createRow(r++);
                for (int c = 0; c < values.size(); c++) {
                    CellValue value = values.get(c);
                    if (value instanceof CellValue.Empty) {
                        continue;
                    }
                    Cell cell = row.createCell(c);
                    cells.set(cell, SpiCells.toDomain(value), view.name());
                    widths[c] = Math.max(widths[c], displayWidth(value));
                }
            }
        }
        for (int c = 0; c < columns; c++) {
            int chars = ColumnWidths.fit(widths[c] + 1);
            sheet.setColumnWidth(c, chars * 256);
        }
    }

    /** The characters a value shows in, for fitting its column's width (the new-workbook writers' rule). */
    public static int displayWidth(CellValue value) {
        if (value instanceof CellValue.Date) {
            return 10;
        }
        if (value instanceof CellValue.DateTime) {
            return 19;
        }
        String text = value.display();
        int newline = text.indexOf('\n');
        return newline >= 0 ? newline : text.length();
    }
}
