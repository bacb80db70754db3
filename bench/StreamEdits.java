import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.SheetData;
import dev.sheetsmith.domain.WorkbookEdit;
import dev.sheetsmith.engine.xlsx.edit.XlsxWorkbookEditor;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Issue #17 item 2's figure, in-process, one step per JVM (so each heap figure is its own):
 *   gen ROWS COLS FILE   a ROWS x COLS workbook as create_excel_file writes it (POI SXSSF, inline strings)
 *   floor FILE           the deflate floor for that sheet: its XML (already in memory) deflated into a zip
 *   write FILE           100 cells (10 x 10) written into the middle of the sheet (XlsxWorkbookEditor.apply)
 *   append FILE          100 rows x 10 appended (XlsxWorkbookEditor.apply)
 *   insert FILE          100 rows inserted at row 10 (insert_rows_or_columns)
 *   delete FILE          100 rows deleted at row 10 (delete_rows_or_columns)
 *   insertcols FILE      2 columns inserted at B (insert_rows_or_columns, kind columns)
 *   deletecols FILE      2 columns deleted at B (delete_rows_or_columns, kind columns)
 *   replace FILE         "name" replaced with "label" over column B (replace_cells), every row's text
 * Each prints seconds, the load average and the JVM's peak heap (all heap pools' peak use).
 * Usage: bench/stream-edits.sh (builds the class paths and runs before/after side by side).
 */
public class StreamEdits {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "gen" -> gen(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
            case "floor" -> floor(Path.of(args[1]));
            case "write", "append", "insert", "delete", "insertcols", "deletecols", "replace" ->
                    edit(args[0], Path.of(args[1]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void gen(int rows, int cols, Path file) throws Exception {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = wb.createSheet("Sheet1");
            Row header = sheet.createRow(0);
            for (int c = 0; c < cols; c++) {
                header.createCell(c).setCellValue("col" + c);
            }
            for (int r = 0; r < rows; r++) {
                Row row = sheet.createRow(r + 1);
                for (int c = 0; c < cols; c++) {
                    switch (c % 4) {
                        case 0 -> row.createCell(c).setCellValue(r);
                        case 1 -> row.createCell(c).setCellValue("name " + r);
                        case 2 -> row.createCell(c).setCellValue(r * 0.25);
                        default -> row.createCell(c).setCellValue(r % 2 == 0);
                    }
                }
            }
            wb.write(out);
            wb.dispose();
        }
    }

    /** The sheet's XML read into memory first (not timed), then deflated into a zip: the floor. */
    private static void floor(Path file) throws Exception {
        byte[] xml;
        try (ZipFile zip = new ZipFile(file.toFile()); InputStream in = zip.getInputStream(zip.getEntry(
                "xl/worksheets/sheet1.xml"))) {
            xml = in.readAllBytes();
        }
        Path out = Files.createTempFile("floor-", ".zip");
        try {
            deflate(xml, out, xml.length / 10); // warm
            long t0 = System.nanoTime();
            deflate(xml, out, xml.length);
            print("deflate floor (" + xml.length / 1_000_000 + " MB sheet XML)", t0);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static void deflate(byte[] xml, Path file, int length) throws Exception {
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            zip.write(xml, 0, length);
            zip.closeEntry();
        }
    }

    private static void edit(String what, Path file) throws Exception {
        WorkbookEdit edit;
        if (what.equals("write")) {
            List<List<CellValue>> rows = new ArrayList<>();
            for (int r = 0; r < 10; r++) {
                List<CellValue> row = new ArrayList<>();
                for (int c = 0; c < 10; c++) {
                    row.add(c % 2 == 0 ? new CellValue.Text("w" + r + "," + c) : new CellValue.Number(r * 10 + c));
                }
                rows.add(row);
            }
            int middle;
            try (ZipFile zip = new ZipFile(file.toFile())) {
                middle = (int) Math.min(500_000, zip.getEntry("xl/worksheets/sheet1.xml").getSize() / 2 / 300);
            }
            edit = new WorkbookEdit.WriteRange("Sheet1", CellRange.cell("A" + Math.max(2, middle)), rows);
        } else if (what.equals("insert") || what.equals("delete")) {
            edit = new WorkbookEdit.ShiftLines("Sheet1", true, what.equals("insert"), 9, 100);
        } else if (what.equals("insertcols") || what.equals("deletecols")) {
            edit = new WorkbookEdit.ShiftLines("Sheet1", false, what.equals("insertcols"), 1, 2);
        } else if (what.equals("replace")) {
            edit = new WorkbookEdit.ReplaceCells("Sheet1", CellRange.parse("B1:B1048576"), "name", "label", false, false);
        } else {
            List<List<CellValue>> rows = new ArrayList<>();
            for (int r = 0; r < 100; r++) {
                List<CellValue> row = new ArrayList<>();
                for (int c = 0; c < 10; c++) {
                    row.add(c % 2 == 0 ? new CellValue.Text("a" + r) : new CellValue.Number(r + c * 0.5));
                }
                rows.add(row);
            }
            edit = new WorkbookEdit.AppendRows("Sheet1", new SheetData("Sheet1", List.of(), rows));
        }
        Path out = Files.createTempFile("edited-", ".xlsx");
        try {
            long t0 = System.nanoTime();
            String summary;
            try (InputStream in = Files.newInputStream(file); OutputStream o = Files.newOutputStream(out)) {
                summary = new XlsxWorkbookEditor().apply(in, edit, o);
            }
            print(what + ": " + summary, t0);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static void print(String what, long t0) throws Exception {
        double seconds = (System.nanoTime() - t0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        System.out.printf(Locale.ROOT, "%-70s | %8.3f s | peak heap %5d MB | load %5s%n", what, seconds,
                peak / 1_000_000, load);
    }
}
