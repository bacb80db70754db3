package dev.sheetsmith.engine.xlsx.poi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * The rows' XML waits in memory, then in a scratch file past a size: either way the workbook's
 * parts are the ones POI's own streaming writer (scratch file from the first row) writes, read
 * back with java.util.zip, and no scratch file is left.
 */
class SpillingSheetDataTest {

    private static void fill(SXSSFWorkbook wb, int rows) {
        for (String name : new String[] {"One", "Two"}) {
            Sheet sheet = wb.createSheet(name);
            for (int r = 0; r < rows; r++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue(r * 0.5);
                row.createCell(1).setCellValue("text ünï <&> " + r);
                row.createCell(2).setCellValue(r % 2 == 0);
            }
        }
    }

    private static Map<String, String> parts(byte[] xlsx) throws Exception {
        Map<String, String> parts = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                parts.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return parts;
    }

    private static long scratchFiles() throws Exception {
        try (var list = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return list.filter(p -> p.getFileName().toString().startsWith("poi-sxssf-sheet")).count();
        }
    }

    @Test
    void smallAndLargeSheetsWriteWhatPoisOwnStreamingWriterWrites() throws Exception {
        for (int rows : new int[] {10, 40_000}) {
            long before = scratchFiles();
            ByteArrayOutputStream poi = new ByteArrayOutputStream();
            SXSSFWorkbook own = new SXSSFWorkbook(200);
            own.setZip64Mode(org.apache.commons.compress.archivers.zip.Zip64Mode.AsNeeded);
            try {
                fill(own, rows);
                own.write(poi);
            } finally {
                own.dispose();
                own.close();
            }
            ByteArrayOutputStream ours = new ByteArrayOutputStream();
            SpillingSheetData wb = new SpillingSheetData(200);
            wb.setZip64Mode(org.apache.commons.compress.archivers.zip.Zip64Mode.AsNeeded);
            try {
                fill(wb, rows);
                wb.writeWithTemplateInMemory(ours);
                assertThat(wb.spilledSheets()).as(rows + " rows").isEqualTo(rows > 10_000 ? 2 : 0);
            } finally {
                wb.dispose();
                wb.deleteScratch();
                wb.close();
            }
            Map<String, String> expected = parts(poi.toByteArray());
            Map<String, String> actual = parts(ours.toByteArray());
            assertThat(actual.keySet()).isEqualTo(expected.keySet());
            for (String name : expected.keySet()) {
                if (name.equals("docProps/core.xml")) {
                    continue; // holds the time it was written
                }
                assertThat(actual.get(name)).as(rows + " rows: " + name).isEqualTo(expected.get(name));
            }
            assertThat(actual.get("xl/worksheets/sheet2.xml")).contains("text ünï &lt;&amp;&gt; " + (rows - 1));
            assertThat(scratchFiles()).as("no scratch file left").isEqualTo(before);
        }
    }
}
