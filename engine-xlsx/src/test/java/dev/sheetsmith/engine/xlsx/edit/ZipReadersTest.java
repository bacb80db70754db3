package dev.sheetsmith.engine.xlsx.edit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.SheetData;
import dev.sheetsmith.domain.WorkbookEdit;
import dev.sheetsmith.engine.xlsx.XlsxFiles;
import dev.sheetsmith.ports.out.SpiCells;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers that stream a package from its local headers (java.util.zip.ZipInputStream, and the
 * streaming readers of other languages) must read what the streaming writer stores, exactly as
 * readers that start from the central directory do. POI's streaming writer used to write Zip64
 * data descriptors without a Zip64 local header, which ZipInputStream refuses ("invalid entry size").
 */
class ZipReadersTest {

    @TempDir
    Path work;

    @Test
    void aStreamedCreateReadsTheSameFromLocalHeadersAndFromTheDirectory() throws IOException {
        assertBothReadersAgree(created());
    }

    @Test
    void appendedRowsReadTheSameFromLocalHeadersAndFromTheDirectory() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new XlsxWorkbookEditor().applyAll(new ByteArrayInputStream(created()), List.of(new WorkbookEdit.AppendRows(
                "Data", new SheetData("Data", List.of(), List.of(List.of(new CellValue.Text("e1"),
                        new CellValue.Number(9)))))), out);
        Map<String, byte[]> entries = assertBothReadersAgree(out.toByteArray());
        assertThat(new String(entries.get("xl/worksheets/sheet1.xml"), java.nio.charset.StandardCharsets.UTF_8))
                .contains("e1");
    }

    @Test
    void anEditThroughTheUserModelReadsTheSameFromLocalHeadersAndFromTheDirectory() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new XlsxWorkbookEditor().applyAll(new ByteArrayInputStream(created()), List.of(new WorkbookEdit.WriteRange(
                "Data", dev.sheetsmith.domain.CellRange.parse("C2"), List.of(List.of(new CellValue.Text("w1"))))), out);
        assertBothReadersAgree(out.toByteArray());
    }

    /** The streamed edits copy the other parts as stored bytes and write the sheet anew: both readers agree. */
    @Test
    void aStreamedCellEditReadsTheSameFromLocalHeadersAndFromTheDirectory() throws IOException {
        long before = dev.sheetsmith.engine.xlsx.edit.stream.StreamedEdits.streamedCount();
        byte[] xlsx = created();
        for (WorkbookEdit edit : List.<WorkbookEdit>of(
                new WorkbookEdit.WriteRange("Data", dev.sheetsmith.domain.CellRange.parse("C2"),
                        List.of(List.of(new CellValue.Text("w1")))),
                new WorkbookEdit.AppendRows("Data", new SheetData("Data", List.of(), List.of(List.of(
                        new CellValue.Text("e1"))))),
                new WorkbookEdit.ClearRange("Data", dev.sheetsmith.domain.CellRange.parse("A3:B4")))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new XlsxWorkbookEditor().apply(new ByteArrayInputStream(xlsx), edit, out);
            xlsx = out.toByteArray();
            assertBothReadersAgree(xlsx);
        }
        assertThat(dev.sheetsmith.engine.xlsx.edit.stream.StreamedEdits.streamedCount()).isEqualTo(before + 3);
        assertThat(new String(assertBothReadersAgree(xlsx).get("xl/worksheets/sheet1.xml"),
                java.nio.charset.StandardCharsets.UTF_8)).contains("w1").contains("e1");
    }

    private static byte[] created() throws IOException {
        List<List<CellValue>> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add(List.of(new CellValue.Text("row " + i), new CellValue.Number(i)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxFiles.write(() -> List.of(SpiCells.sheet("Data", List.of("Name", "Qty"), rows)), out);
        return out.toByteArray();
    }

    private Map<String, byte[]> assertBothReadersAgree(byte[] xlsx) throws IOException {
        Map<String, byte[]> streamed = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                streamed.put(e.getName(), zip.readAllBytes());
            }
        }
        Path file = Files.write(work.resolve("book.xlsx"), xlsx);
        Map<String, byte[]> direct = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                direct.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        assertThat(streamed.keySet()).containsExactlyInAnyOrderElementsOf(direct.keySet()).contains(
                "xl/worksheets/sheet1.xml");
        direct.forEach((name, bytes) -> assertThat(streamed.get(name)).as(name).isEqualTo(bytes));
        return direct;
    }
}
