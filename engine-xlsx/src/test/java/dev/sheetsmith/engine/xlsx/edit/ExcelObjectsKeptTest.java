package dev.sheetsmith.engine.xlsx.edit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sheetsmith.domain.Operand;
import dev.sheetsmith.domain.CellFormat;
import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.ChartSpec;
import dev.sheetsmith.domain.ConditionalFormat;
import dev.sheetsmith.domain.SheetData;
import dev.sheetsmith.domain.SheetDetails;
import dev.sheetsmith.domain.SheetLayout;
import dev.sheetsmith.domain.TableSpec;
import dev.sheetsmith.domain.ValidationRule;
import dev.sheetsmith.domain.WorkbookEdit;
import dev.sheetsmith.engine.xlsx.LibreOffice;
import dev.sheetsmith.engine.xlsx.read.XlsxWorkbookReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.openxml4j.opc.PackagingURIHelper;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workbook with things Excel writes and POI does not model (sparklines and a slicer list in the
 * sheet's extLst, a slicer part, a custom XML part) plus a picture and a text box. Every edit tool
 * must keep them; the package is checked with plain zip reading after each edit, and LibreOffice
 * must still open the result.
 */
class ExcelObjectsKeptTest {

    static final String SPARKLINES = "<ext uri=\"{05C60535-1F16-4fd2-B633-F4F36F0B64E0}\""
            + " xmlns:x14=\"http://schemas.microsoft.com/office/spreadsheetml/2009/9/main\"><x14:sparklineGroups"
            + " xmlns:xm=\"http://schemas.microsoft.com/office/excel/2006/main\"><x14:sparklineGroup"
            + " displayEmptyCellsAs=\"gap\"><x14:colorSeries rgb=\"FF376092\"/><x14:sparklines><x14:sparkline>"
            + "<xm:f>Data!B2:D2</xm:f><xm:sqref>E2</xm:sqref></x14:sparkline></x14:sparklines></x14:sparklineGroup>"
            + "</x14:sparklineGroups></ext>";
    static final String SLICER_LIST = "<ext uri=\"{A8765BA9-456A-4dab-B4F3-ACF838C121DE}\""
            + " xmlns:x14=\"http://schemas.microsoft.com/office/spreadsheetml/2009/9/main\"><x14:slicerList>"
            + "<x14:slicer r:id=\"rIdSlicer1\"/></x14:slicerList></ext>";
    static final String SLICER = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
            + "<slicers xmlns=\"http://schemas.microsoft.com/office/spreadsheetml/2009/9/main\">"
            + "<slicer name=\"Region\" cache=\"Slicer_Region\" caption=\"Region\" rowHeight=\"241300\"/></slicers>";

    private final XlsxWorkbookEditor editor = new XlsxWorkbookEditor();
    private final List<String> summaries = new ArrayList<>();

    @TempDir
    Path work;

    /** A POI workbook changed the way Excel would have written it. */
    static byte[] excelMade() {
        byte[] base;
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = wb.createSheet("Data");
            String[] header = {"Region", "Jan", "Feb", "Mar", "Trend"};
            var row = sheet.createRow(0);
            for (int c = 0; c < header.length; c++) {
                row.createCell(c).setCellValue(header[c]);
            }
            Object[][] rows = {{"North", 10, 12, 9}, {"South", 7, 8, 11}, {"East", 5, 6, 4}};
            for (int r = 0; r < rows.length; r++) {
                var line = sheet.createRow(r + 1);
                line.createCell(0).setCellValue((String) rows[r][0]);
                for (int c = 1; c < 4; c++) {
                    line.createCell(c).setCellValue(((Number) rows[r][c]).doubleValue());
                }
            }
            XSSFDrawing drawing = sheet.createDrawingPatriarch();
            // A 1x1 PNG.
            byte[] png = java.util.Base64.getDecoder().decode(
                    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
            int picture = wb.addPicture(png, Workbook.PICTURE_TYPE_PNG);
            drawing.createPicture(drawing.createAnchor(0, 0, 0, 0, 7, 1, 9, 5), picture);
            drawing.createTextbox(drawing.createAnchor(0, 0, 0, 0, 7, 7, 10, 10)).setText("Reviewed by finance");
            wb.createSheet("Notes").createRow(0).createCell(0).setCellValue("kept");
            wb.write(out);
            base = out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, byte[]> zip = LibreOffice.unzip(base);
        String sheet = text(zip, "xl/worksheets/sheet1.xml");
        sheet = sheet.replace("</worksheet>", "<extLst>" + SPARKLINES + SLICER_LIST + "</extLst></worksheet>");
        zip.put("xl/worksheets/sheet1.xml", sheet.getBytes(StandardCharsets.UTF_8));
        String rels = text(zip, "xl/worksheets/_rels/sheet1.xml.rels");
        rels = rels.replace("</Relationships>", "<Relationship Id=\"rIdSlicer1\""
                + " Type=\"http://schemas.microsoft.com/office/2007/relationships/slicer\""
                + " Target=\"../slicers/slicer1.xml\"/></Relationships>");
        zip.put("xl/worksheets/_rels/sheet1.xml.rels", rels.getBytes(StandardCharsets.UTF_8));
        zip.put("xl/slicers/slicer1.xml", SLICER.getBytes(StandardCharsets.UTF_8));
        zip.put("customXml/item1.xml", "<?xml version=\"1.0\"?><budget owner=\"finance\"/>".getBytes(StandardCharsets.UTF_8));
        String workbookRels = text(zip, "xl/_rels/workbook.xml.rels");
        workbookRels = workbookRels.replace("</Relationships>", "<Relationship Id=\"rIdCustom1\""
                + " Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml\""
                + " Target=\"../customXml/item1.xml\"/></Relationships>");
        zip.put("xl/_rels/workbook.xml.rels", workbookRels.getBytes(StandardCharsets.UTF_8));
        String types = text(zip, "[Content_Types].xml");
        types = types.replace("</Types>", "<Override PartName=\"/xl/slicers/slicer1.xml\""
                + " ContentType=\"application/vnd.ms-excel.slicer+xml\"/>"
                + (types.contains("Extension=\"xml\"") ? "" : "<Default Extension=\"xml\" ContentType=\"application/xml\"/>")
                + "</Types>");
        zip.put("[Content_Types].xml", types.getBytes(StandardCharsets.UTF_8));
        return zip(zip);
    }

    byte[] apply(byte[] xlsx, WorkbookEdit edit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            summaries.add(editor.apply(new ByteArrayInputStream(xlsx), edit, out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] result = out.toByteArray();
        assertKept(result, edit.describe());
        return result;
    }

    static void assertKept(byte[] xlsx, String after) {
        Map<String, byte[]> zip = LibreOffice.unzip(xlsx);
        assertThat(zip).as(after).containsKeys("xl/slicers/slicer1.xml", "customXml/item1.xml");
        assertThat(text(zip, "xl/slicers/slicer1.xml")).as(after).contains("Slicer_Region");
        String sheet = text(zip, "xl/worksheets/sheet1.xml");
        assertThat(sheet).as(after).contains("{05C60535-1F16-4fd2-B633-F4F36F0B64E0}").contains("Data!B2:D2")
                .contains("x14:slicer r:id=\"rIdSlicer1\"");
        assertThat(text(zip, "xl/worksheets/_rels/sheet1.xml.rels")).as(after).contains("slicers/slicer1.xml");
        assertThat(zip.keySet()).as(after).anyMatch(n -> n.startsWith("xl/media/image"));
        assertThat(String.join("", zip.keySet().stream().filter(n -> n.startsWith("xl/drawings/drawing"))
                .map(n -> text(zip, n)).toList())).as(after).contains("Reviewed by finance");
    }

    @Test
    void everyEditKeepsWhatPoiDoesNotModel() {
        byte[] x = excelMade();
        assertKept(x, "the fixture");
        x = apply(x, new WorkbookEdit.FormatRange("Data", CellRange.parse("A1:E1"), DesignEditsTest.headerFormat()));
        x = apply(x, new WorkbookEdit.WriteRange("Data", CellRange.parse("A6"), List.of(List.of(
                new CellValue.Text("West"), new CellValue.Number(3), new CellValue.Number(4), new CellValue.Number(5)))));
        x = apply(x, new WorkbookEdit.AppendRows("Data", new SheetData("Data", List.of(), List.of(List.of(
                new CellValue.Text("Central"), new CellValue.Number(1), new CellValue.Number(2), new CellValue.Number(3))))));
        x = apply(x, new WorkbookEdit.MergeCells("Data", CellRange.parse("G12:H12"), false));
        x = apply(x, new WorkbookEdit.SetLayout("Data", new SheetLayout(Map.of(new SheetLayout.Span(0, 0), 20d), null,
                null, null, null, null, null, null, null, null, "B2", null, "00B050", null, "landscape")));
        x = apply(x, new WorkbookEdit.AddConditionalFormat("Data", CellRange.parse("B2:D7"), new ConditionalFormat(
                "color_scale", List.of("FFFFFF", "63BE7B"), null, null, null, null, null, null, false, false, null)));
        x = apply(x, new WorkbookEdit.AddValidation("Data", CellRange.parse("B2:D50"), new ValidationRule("decimal",
                null, null, "greater_or_equal", new Operand.Number("0"), null, null, true, true, null, null, null, null, null)));
        x = apply(x, new WorkbookEdit.CreateTable("Data", new TableSpec(CellRange.parse("A1:D7"), "Regions", null,
                null, true)));
        x = apply(x, new WorkbookEdit.CreateChart("Data", new ChartSpec("line", "Q1", null, null, null,
                new ChartSpec.SheetRef(null, CellRange.parse("B1:D1")), List.of(new ChartSpec.Series(null,
                        new ChartSpec.SheetRef(null, CellRange.parse("A2")), new ChartSpec.SheetRef(null,
                                CellRange.parse("B2:D2")))), CellRange.parse("K2"), 6, 10, "Trend")));
        x = apply(x, new WorkbookEdit.SetNote("Data", CellRange.parse("A1"), "Regions as of 2025", null));
        x = apply(x, new WorkbookEdit.SetDefinedName("FirstQuarter", "Data!$B$2:$D$7", null, null));
        x = apply(x, new WorkbookEdit.DeleteChart("Data", "Trend"));
        x = apply(x, new WorkbookEdit.RenameSheet("Notes", "Remarks"));
        x = apply(x, new WorkbookEdit.CreateSheet(new SheetData("Extra", List.of("A"), List.of())));
        x = apply(x, new WorkbookEdit.ShiftLines("Data", false, true, 10, 1));
        x = apply(x, new WorkbookEdit.FormatRange("Data", CellRange.parse("B:D"), new CellFormat(null, null, null, null,
                "0.0")));
        assertThat(summaries).noneMatch(s -> s.contains("Could not keep"));
        SheetDetails d;
        try {
            d = new XlsxWorkbookReader().describeSheet(new ByteArrayInputStream(x), "Data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(d.otherObjects()).anyMatch(o -> o.startsWith("picture"))
                .anyMatch(o -> o.startsWith("simpleshape"))
                .contains("sparklines (kept as they are; Sheetsmith does not edit them)",
                        "slicers (kept as they are; Sheetsmith does not edit them)");
        // LibreOffice still opens it and reads the cells.
        String csv = LibreOffice.sheetCsv(LibreOffice.convert(x, "csv", work), "Data");
        assertThat(csv).contains("North,10.0,12.0,9.0").contains("Central,1.0,2.0,3.0");
    }

    @Test
    void somethingLostIsNamed() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(excelMade()))) {
            PartInventory before = PartInventory.of(wb);
            wb.getPackage().removePart(PackagingURIHelper.createPartName("/xl/slicers/slicer1.xml"));
            wb.getSheet("Data").getCTWorksheet().getExtLst().removeExt(0);
            List<String> lost = PartInventory.of(wb).lostSince(before, List.of());
            assertThat(lost).containsExactly("a slicer part (/xl/slicers/slicer1.xml)", "sparklines on sheet 'Data'");
            // What an edit removes on purpose (a deleted sheet, a deleted chart) is not reported.
            assertThat(PartInventory.of(wb).lostSince(before, List.of("/xl/slicers/slicer1.xml", "Data"))).isEmpty();
        }
    }

    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String text(Map<String, byte[]> zip, String name) {
        byte[] bytes = zip.get(name);
        assertThat(bytes).as(name + " in the package").isNotNull();
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
