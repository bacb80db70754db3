package dev.sheetsmith.engine.xlsx.edit.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.SheetData;
import dev.sheetsmith.domain.WorkbookEdit;
import dev.sheetsmith.engine.xlsx.ExcelLikeWorkbook;
import dev.sheetsmith.engine.xlsx.LibreOffice;
import dev.sheetsmith.engine.xlsx.RawSheet;
import dev.sheetsmith.engine.xlsx.XlsxFiles;
import dev.sheetsmith.engine.xlsx.edit.BothPaths;
import dev.sheetsmith.engine.xlsx.edit.XlsxWorkbookEditor;
import dev.sheetsmith.ports.out.SpiCells;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streamed cell edits against the user model's, edit by edit, over workbooks from every
 * writer Sheetsmith meets: each case goes through both paths ({@link BothPaths}: the package XML
 * as the second reader, cell by cell with styles, dimension and calculation flag), and says
 * whether it streamed, so a case that silently stopped streaming fails too.
 */
class StreamedEditsTest {

    @TempDir
    Path work;

    /** Our SXSSF writer (inline strings), no formulas: everything streams. */
    private static byte[] streamingWriter(int rows) {
        List<List<CellValue>> data = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            data.add(List.of(text("d" + r), new CellValue.Number(r * 0.5), new CellValue.Bool(r % 2 == 0),
                    text("n" + r)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XlsxFiles.write(() -> List.of(SpiCells.sheet("Data", List.of("Name", "Qty", "Ok", "Note"), data)), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** POI's user model: shared strings, a style, a merged region, a second sheet; no formulas. */
    private static byte[] userModel() {
        return userModel(true);
    }

    /** @param booleans false for LibreOffice, which saves a boolean as a formula (=TRUE()), so no write would stream */
    private static byte[] userModel(boolean booleans) {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet sheet = wb.createSheet("Data");
            var bold = wb.createCellStyle();
            var font = wb.createFont();
            font.setBold(true);
            bold.setFont(font);
            String[] headers = {"Name", "Qty", "Ok", "Note"};
            Row header = sheet.createRow(0);
            for (int c = 0; c < headers.length; c++) {
                header.createCell(c).setCellValue(headers[c]);
                header.getCell(c).setCellStyle(bold);
            }
            for (int r = 1; r <= 3; r++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue("d" + r);
                row.createCell(1).setCellValue(r * 10);
                if (booleans) {
                    row.createCell(2).setCellValue(r % 2 == 0);
                } else {
                    row.createCell(2).setCellValue("b" + r);
                }
                row.createCell(3).setCellValue("n" + r);
                row.getCell(3).setCellStyle(bold);
            }
            sheet.createRow(7).createCell(5).setCellValue("far");
            sheet.addMergedRegion(new CellRangeAddress(5, 5, 0, 2));
            wb.createSheet("Other").createRow(0).createCell(0).setCellValue("other");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of the excel-like package (shared strings, styles, spans, a self-closing row), A1:D6. */
    static final String EXCEL_LIKE_ROWS = """
                <row r="1" spans="1:4"><c r="A1" t="s" s="2"><v>0</v></c><c r="B1" t="s" s="2"><v>1</v></c>\
                <c r="C1" t="s" s="2"><v>2</v></c><c r="D1" t="s" s="2"><v>3</v></c></row>\
                <row r="2" spans="1:4"><c r="A2" t="s"><v>4</v></c><c r="B2" s="1"><v>5</v></c><c r="C2" t="b"><v>1</v></c>\
                <c r="D2" t="s"><v>5</v></c></row>\
                <row r="3" spans="1:4"><c r="A3" t="s"><v>5</v></c><c r="B3" s="1"><v>7</v></c><c r="C3" t="b"><v>0</v></c>\
                <c r="D3" s="1"/></row>\
                <row r="5" spans="1:4" ht="20" customHeight="1"/>\
                <row r="6"><c r="A6" s="1"><v>1.5</v></c></row>""";

    /**
     * As Excel writes a package: shared strings (a rich run with a phonetic reading), styles with
     * a number format, a table over A1:D3, a merged region, row spans, a self-closing row, no
     * formulas. The excel-like workbook with formulas is in EveryEditKeepsCellsExactTest.
     */
    private static byte[] excelLike() {
        Map<String, String> parts = ExcelLikeWorkbook.parts(EXCEL_LIKE_ROWS, "A1:D6");
        String sheet = parts.get("xl/worksheets/sheet1.xml");
        sheet = sheet.replace("<worksheet ", "<worksheet xmlns:x14ac=\"http://schemas.microsoft.com/office/spreadsheetml/"
                + "2009/9/ac\" ").replace("</sheetData>", "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A8:C8\"/>"
                + "</mergeCells><tableParts count=\"1\"><tablePart r:id=\"rId1\"/></tableParts>");
        parts.put("xl/worksheets/sheet1.xml", sheet);
        parts.put("xl/worksheets/_rels/sheet1.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                + "table\" Target=\"../tables/table1.xml\"/></Relationships>");
        parts.put("xl/tables/table1.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<table xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" id=\"1\" name=\"Table1\""
                + " displayName=\"Table1\" ref=\"A1:D3\" totalsRowShown=\"0\"><autoFilter ref=\"A1:D3\"/>"
                + "<tableColumns count=\"4\"><tableColumn id=\"1\" name=\"Name\"/><tableColumn id=\"2\" name=\"Qty\"/>"
                + "<tableColumn id=\"3\" name=\"Ok\"/><tableColumn id=\"4\" name=\"Note\"/></tableColumns>"
                + "<tableStyleInfo name=\"TableStyleMedium2\" showFirstColumn=\"0\" showLastColumn=\"0\""
                + " showRowStripes=\"1\" showColumnStripes=\"0\"/></table>");
        parts.put("[Content_Types].xml", parts.get("[Content_Types].xml").replace("</Types>",
                "<Override PartName=\"/xl/tables/table1.xml\" ContentType=\"application/vnd.openxmlformats-"
                        + "officedocument.spreadsheetml.table+xml\"/></Types>"));
        parts.put("xl/workbook.xml", parts.get("xl/workbook.xml").replace("</workbook>",
                "<calcPr calcId=\"191029\" calcMode=\"manual\"/></workbook>"));
        return ExcelLikeWorkbook.zip(parts);
    }

    private byte[] source(String writer) {
        return switch (writer) {
            case "streaming" -> streamingWriter(3);
            case "user-model" -> userModel();
            case "libreoffice" -> LibreOffice.toXlsx(userModel(false), work);
            case "excel-like" -> excelLike();
            default -> throw new IllegalArgumentException(writer);
        };
    }

    // --- write_range ---

    @ParameterizedTest
    @ValueSource(strings = {"streaming", "user-model", "libreoffice", "excel-like"})
    void writesOverRowsBetweenAndPastTheLastOneStream(String writer) {
        byte[] source = source(writer);
        // over existing cells (keeping their style), into gaps between rows, past the last row and column
        List<List<CellValue>> rows = List.of(
                List.of(text("x"), new CellValue.Number(1.25), CellValue.EMPTY, new CellValue.Bool(false), text(" sp ")),
                List.of(text("<&>\"'"), text("line\r\nbreak"), text("_x0041_")),
                List.of(),
                List.of(new CellValue.Number(-0.0), text("")));
        BothPaths.Edited out = BothPaths.edit(source, new WorkbookEdit.WriteRange("Data", CellRange.cell("B4"), rows));
        assertThat(out.streamed()).isTrue();
        Map<String, String> cells = RawSheet.cells(out.bytes(), "Data");
        assertThat(cells).containsEntry("B4", "s:x").containsEntry("F4", "s: sp ").containsEntry("B5", "s:<&>\"'")
                .containsEntry("C5", "s:line\r\nbreak").containsEntry("D5", "s:_x0041_");
        BothPaths.Edited far = BothPaths.edit(source, new WorkbookEdit.WriteRange("Data", CellRange.cell("AA100"),
                List.of(List.of(text("far")))));
        assertThat(far.streamed()).isTrue();
        assertThat(RawSheet.cells(far.bytes(), "Data")).containsEntry("AA100", "s:far");
    }

    @Test
    void aWriteOnAnotherSheetAndByAnyCaseOfItsNameStreams() {
        BothPaths.Edited out = BothPaths.edit(userModel(), new WorkbookEdit.WriteRange("  other ", CellRange.cell("A2"),
                List.of(List.of(text("y")))));
        assertThat(out.streamed()).isTrue();
        assertThat(out.summary()).isEqualTo("wrote A2 on sheet 'Other'");
    }

    @Test
    void writesTheUserModelMustFollowUpDoNotStream() {
        byte[] excel = excelLike();
        // into the table (its header is kept in step with its cells by the user model)
        assertThat(BothPaths.edit(excel, new WorkbookEdit.WriteRange("Data", CellRange.cell("A1"),
                List.of(List.of(text("Renamed"))))).streamed()).isFalse();
        // a workbook with formulas (recomputed after the edit), dates (a style to make), formulas written
        byte[] formulas = ExcelLikeWorkbook.bytes();
        assertThat(BothPaths.edit(formulas, new WorkbookEdit.WriteRange("Data", CellRange.cell("F1"),
                List.of(List.of(text("z"))))).streamed()).isFalse();
        byte[] plain = streamingWriter(3);
        assertThat(BothPaths.edit(plain, new WorkbookEdit.WriteRange("Data", CellRange.cell("F1"),
                List.of(List.of(new CellValue.Date(java.time.LocalDate.of(2024, 2, 29)))))).streamed()).isFalse();
        assertThat(BothPaths.edit(plain, new WorkbookEdit.WriteRange("Data", CellRange.cell("F1"),
                List.of(List.of(new CellValue.Formula("B2*2"))))).streamed()).isFalse();
        // conditional formats on the sheet (their formulas are rewritten by the user model)
        Map<String, String> parts = ExcelLikeWorkbook.parts("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>", "A1");
        parts.put("xl/worksheets/sheet1.xml", parts.get("xl/worksheets/sheet1.xml").replace("</sheetData>",
                "</sheetData><conditionalFormatting sqref=\"A1:A9\"><cfRule type=\"expression\" priority=\"1\">"
                        + "<formula>A1&gt;0</formula></cfRule></conditionalFormatting>"));
        assertThat(BothPaths.edit(ExcelLikeWorkbook.zip(parts), new WorkbookEdit.WriteRange("Data",
                CellRange.cell("B1"), List.of(List.of(text("z"))))).streamed()).isFalse();
    }

    // --- append_rows ---

    @ParameterizedTest
    @ValueSource(strings = {"streaming", "user-model", "libreoffice", "excel-like"})
    void appendedRowsStreamByPositionAndByHeaderName(String writer) {
        byte[] source = source(writer);
        BothPaths.Edited byPosition = BothPaths.edit(source, new WorkbookEdit.AppendRows("Data", new SheetData("Data",
                List.of(), List.of(List.of(text("e1"), new CellValue.Number(9)), List.of(),
                        List.of(CellValue.EMPTY, text("tab\there"))))));
        assertThat(byPosition.streamed()).isTrue();
        BothPaths.Edited byName = BothPaths.edit(source, new WorkbookEdit.AppendRows("Data", new SheetData("Data",
                List.of("note", " Qty "), List.of(List.of(text("by name"), new CellValue.Number(3))))));
        assertThat(byName.streamed()).isTrue();
        Map<String, String> cells = RawSheet.cells(byName.bytes(), "Data");
        String last = cells.keySet().stream().filter(k -> k.startsWith("D")).reduce((a, b) -> b).orElseThrow();
        assertThat(cells.get(last)).isEqualTo("s:by name");
    }

    @Test
    void appendingToAnEmptySheetAndPastAWrongDimensionStreams() {
        byte[] empty = ExcelLikeWorkbook.zip(ExcelLikeWorkbook.parts("", "A1"));
        BothPaths.Edited out = BothPaths.edit(empty, new WorkbookEdit.AppendRows("Data", new SheetData("Data",
                List.of(), List.of(List.of(text("a"), text("b"))))));
        assertThat(out.streamed()).isTrue();
        assertThat(out.summary()).isEqualTo("appended 1 row(s) to sheet 'Data', now ending at row 1");
        byte[] oneCell = ExcelLikeWorkbook.zip(ExcelLikeWorkbook.parts("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>",
                "A1"));
        assertThat(BothPaths.edit(oneCell, new WorkbookEdit.AppendRows("Data", new SheetData("Data", List.of(),
                List.of(List.of(text("a")))))).summary()).isEqualTo(
                        "appended 1 row(s) to sheet 'Data', now ending at row 2");
        byte[] wrongDimension = ExcelLikeWorkbook.zip(ExcelLikeWorkbook.parts(
                "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"9\"><c r=\"C9\"><v>2</v></c></row>", "A1:B2"));
        BothPaths.Edited past = BothPaths.edit(wrongDimension, new WorkbookEdit.AppendRows("Data", new SheetData(
                "Data", List.of(), List.of(List.of(text("a"))))));
        assertThat(past.streamed()).isTrue();
        assertThat(RawSheet.cells(past.bytes(), "Data")).containsEntry("A10", "s:a");
        // a header row on an empty sheet is bold: a style the user model makes
        assertThat(BothPaths.edit(empty, new WorkbookEdit.AppendRows("Data", new SheetData("Data", List.of("H"),
                List.of(List.of(text("a")))))).streamed()).isFalse();
    }

    @Test
    void aLargerSheetStreamsCellForCellAsTheUserModelWrites() {
        byte[] source = streamingWriter(20_000);
        BothPaths.Edited write = BothPaths.edit(source, new WorkbookEdit.WriteRange("Data", CellRange.cell("B10000"),
                List.of(List.of(text("mid"), new CellValue.Number(1)), List.of(text("mid2")))));
        assertThat(write.streamed()).isTrue();
        BothPaths.Edited append = BothPaths.edit(source, new WorkbookEdit.AppendRows("Data", new SheetData("Data",
                List.of("Note"), List.of(List.of(text("end"))))));
        assertThat(append.streamed()).isTrue();
        assertThat(append.summary()).isEqualTo("appended 1 row(s) to sheet 'Data', now ending at row 20002");
        BothPaths.Edited clear = BothPaths.edit(source, new WorkbookEdit.ClearRange("Data", CellRange.parse("A5:C7")));
        assertThat(clear.streamed()).isTrue();
        assertThat(clear.summary()).isEqualTo("cleared 9 cell(s) in A5:C7 on sheet 'Data'");
    }

    // --- clear_range ---

    @ParameterizedTest
    @ValueSource(strings = {"streaming", "user-model", "libreoffice", "excel-like"})
    void clearedCellsKeepTheirStyleAndStream(String writer) {
        BothPaths.Edited out = BothPaths.edit(source(writer), new WorkbookEdit.ClearRange("Data",
                CellRange.parse("B2:E9")));
        assertThat(out.streamed()).isEqualTo(!writer.equals("excel-like")); // B2:E9 meets its table
        BothPaths.Edited outside = BothPaths.edit(source(writer), new WorkbookEdit.ClearRange("Data",
                CellRange.parse("A5:Z9")));
        assertThat(outside.streamed()).isTrue();
    }

    // --- replace_cells ---

    @ParameterizedTest
    @ValueSource(strings = {"streaming", "user-model", "libreoffice", "excel-like"})
    void replacedTextStreamsOverAColumnAndAWholeSheet(String writer) {
        byte[] source = source(writer);
        BothPaths.Edited column = BothPaths.edit(source, new WorkbookEdit.ReplaceCells("Data", CellRange.parse("A2:A9"),
                "D", "row <&> ", false, false));
        assertThat(column.streamed()).isEqualTo(!writer.equals("excel-like")); // A2:A9 meets its table
        BothPaths.Edited whole = BothPaths.edit(source, new WorkbookEdit.ReplaceCells("data", null, "n2", "N_x0041_",
                true, true));
        assertThat(whole.streamed()).isEqualTo(!writer.equals("excel-like"));
        BothPaths.Edited none = BothPaths.edit(source, new WorkbookEdit.ReplaceCells("Data", CellRange.parse("A5:Z9"),
                "zzz", "y", false, false));
        assertThat(none.streamed()).isTrue();
        assertThat(none.summary()).isEqualTo("replaced 'zzz' with 'y' in 0 cell(s)");
        if (!writer.equals("excel-like")) {
            assertThat(RawSheet.cells(whole.bytes(), "Data")).containsValue("s:N_x0041_");
            assertThat(RawSheet.cells(column.bytes(), "Data")).containsEntry("A1", "s:Name")
                    .containsEntry("A3", "s:row <&> " + (writer.equals("streaming") ? 1 : 2));
        }
    }

    @Test
    void sharedRichTextAndInlineStringsAreReplacedAsTheUserModelReadsThem() {
        // Excel's shared strings: a rich run with a phonetic reading ("d1"), a preserved one ("d2"),
        // the same string in several cells, inline strings beside them, a style kept, no table
        byte[] excel = ExcelLikeWorkbook.zip(ExcelLikeWorkbook.parts("""
                <row r="1" spans="1:3"><c r="A1" t="s" s="2"><v>0</v></c><c r="B1" t="s"><v>4</v></c>                <c r="C1" t="inlineStr"><is><t xml:space="preserve"> D1 é</t></is></c></row>                <row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" t="s" s="1"><v>5</v></c><c r="C2" s="1"><v>12</v></c>                </row><row r="3"/><row r="4"><c r="A4" t="inlineStr"><is><r><t>d</t></r><r><t>1</t></r></is></c>                <c r="B4" t="b"><v>1</v></c></row>""", "A1:C4"));
        for (WorkbookEdit edit : List.of(
                new WorkbookEdit.ReplaceCells("Data", null, "d1", "É", false, false),
                new WorkbookEdit.ReplaceCells("Data", null, "D1", "x", true, false),
                new WorkbookEdit.ReplaceCells("Data", null, "d1", "whole", false, true),
                new WorkbookEdit.ReplaceCells(null, CellRange.parse("B1:C2"), "d", "$1\\", false, false),
                new WorkbookEdit.ReplaceCells("Data", CellRange.parse("A1"), "name", "", false, true))) {
            BothPaths.Edited out = BothPaths.edit(excel, edit);
            assertThat(out.streamed()).as(edit.toString()).isTrue();
        }
        BothPaths.Edited out = BothPaths.edit(excel, new WorkbookEdit.ReplaceCells("Data", null, "d1", "É", false,
                false));
        assertThat(out.summary()).isEqualTo("replaced 'd1' with 'É' in 4 cell(s)");
        assertThat(RawSheet.cells(out.bytes(), "Data")).containsEntry("A2", "s:É").containsEntry("B1", "s:É")
                .containsEntry("C1", "s: É é").containsEntry("A4", "s:É").containsEntry("B2", "s:d2");
    }

    @Test
    void replacesTheUserModelMustFollowUpDoNotStream() {
        // formulas (recomputed after the edit), every sheet of several, a table met, rules on the sheet
        assertThat(BothPaths.edit(ExcelLikeWorkbook.bytes(), new WorkbookEdit.ReplaceCells("Data", null, "d", "e",
                false, false)).streamed()).isFalse();
        assertThat(BothPaths.edit(userModel(), new WorkbookEdit.ReplaceCells(null, null, "o", "0", false, false))
                .streamed()).isFalse();
        assertThat(BothPaths.edit(excelLike(), new WorkbookEdit.ReplaceCells("Data", null, "d", "e", false, false))
                .streamed()).isFalse();
        Map<String, String> parts = ExcelLikeWorkbook.parts("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>",
                "A1");
        parts.put("xl/worksheets/sheet1.xml", parts.get("xl/worksheets/sheet1.xml").replace("</sheetData>",
                "</sheetData><dataValidations count=\"1\"><dataValidation type=\"whole\" sqref=\"B1:B9\">"
                        + "<formula1>0</formula1></dataValidation></dataValidations>"));
        assertThat(BothPaths.edit(ExcelLikeWorkbook.zip(parts), new WorkbookEdit.ReplaceCells("Data", null, "Name",
                "N", false, false)).streamed()).isFalse();
    }

    @Test
    void aLargerSheetReplacesOverAColumnOnTheStream() {
        byte[] source = streamingWriter(20_000);
        BothPaths.Edited column = BothPaths.edit(source, new WorkbookEdit.ReplaceCells("Data", CellRange.parse("D1:D20001"),
                "n1", "N-one", true, false));
        assertThat(column.streamed()).isTrue();
        assertThat(column.summary()).isEqualTo("replaced 'n1' with 'N-one' in 11111 cell(s)");
    }

    // --- insert/delete_rows_or_columns, rows ---

    @ParameterizedTest
    @ValueSource(strings = {"streaming", "user-model", "libreoffice", "excel-like"})
    void rowsInsertedAndDeletedStreamWhereNothingElseRefersToRows(String writer) {
        byte[] source = source(writer);
        // the user model's and LibreOffice's workbooks have a merged region, the excel-like one a table: those
        // go through the user model, which moves them
        boolean streams = writer.equals("streaming");
        for (WorkbookEdit edit : List.of(
                new WorkbookEdit.ShiftLines("Data", true, true, 1, 2),
                new WorkbookEdit.ShiftLines("Data", true, true, 0, 1),
                new WorkbookEdit.ShiftLines("data", true, false, 2, 1),
                new WorkbookEdit.ShiftLines("Data", true, false, 0, 2),
                new WorkbookEdit.ShiftLines("Data", true, true, 50, 3),
                new WorkbookEdit.ShiftLines("Data", true, false, 50, 3))) {
            BothPaths.Edited out = BothPaths.edit(source, edit);
            assertThat(out.streamed()).as(writer + " " + edit.describe()).isEqualTo(streams);
        }
        BothPaths.Edited inserted = BothPaths.edit(source, new WorkbookEdit.ShiftLines("Data", true, true, 1, 2));
        assertThat(inserted.summary()).isEqualTo("inserted 2 row(s) at 2 on sheet 'Data'; formulas that referred to"
                + " moved cells follow" + (writer.equals("excel-like") ? "; check tables, charts and pivot tables on"
                + " this sheet with describe_sheet, their ranges may still point at the old cells" : ""));
        Map<String, String> cells = RawSheet.cells(inserted.bytes(), "Data");
        assertThat(cells).containsEntry("A1", "s:Name").doesNotContainKey("A2").doesNotContainKey("A3");
        assertThat(cells.get("A4")).isIn("s:d0", "s:d1");
    }

    /** As Excel writes a sheet with only cells: heights, row styles, spans, an empty row, page settings. */
    private static byte[] plainExcelSheet() {
        Map<String, String> parts = ExcelLikeWorkbook.parts("""
                <row r="1" spans="1:3" ht="20" customHeight="1"><c r="A1" t="s" s="2"><v>0</v></c>                <c r="B1" t="s"><v>4</v></c><c r="C1" t="inlineStr"><is><t>x</t></is></c></row>                <row r="2" spans="2:2"><c r="B2" s="1"><v>2.5</v></c></row><row r="3" ht="30" customHeight="1"/>                <row r="4" s="1" customFormat="1"><c r="A4" t="b"><v>1</v></c><c r="E4" t="s"><v>5</v></c></row>                <row r="9"><c r="D9" s="1"/></row>""", "A1:E9");
        parts.put("xl/worksheets/sheet1.xml", parts.get("xl/worksheets/sheet1.xml").replace("</sheetData>",
                "</sheetData><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\""
                        + " footer=\"0.3\"/><headerFooter><oddHeader>&amp;P</oddHeader></headerFooter>"));
        return ExcelLikeWorkbook.zip(parts);
    }

    @Test
    void rowsMoveWithTheirHeightsStylesAndCellsAndTheDimensionFollows() {
        byte[] source = plainExcelSheet();
        for (WorkbookEdit edit : List.of(
                new WorkbookEdit.ShiftLines("Data", true, true, 0, 1),
                new WorkbookEdit.ShiftLines("Data", true, true, 2, 10_000),
                new WorkbookEdit.ShiftLines("Data", true, false, 0, 1),
                new WorkbookEdit.ShiftLines("Data", true, false, 2, 1),
                new WorkbookEdit.ShiftLines("Data", true, false, 3, 1),
                new WorkbookEdit.ShiftLines("Data", true, false, 3, 6),
                new WorkbookEdit.ShiftLines("Data", true, false, 0, 9),
                new WorkbookEdit.ShiftLines("Data", true, true, 8, 1),
                new WorkbookEdit.ShiftLines(null, true, true, 9, 1))) {
            BothPaths.Edited out = BothPaths.edit(source, edit);
            assertThat(out.streamed()).as(edit.describe()).isTrue();
        }
        BothPaths.Edited out = BothPaths.edit(source, new WorkbookEdit.ShiftLines("Data", true, true, 1, 3));
        String sheet = LibreOffice.entries(out.bytes()).get("xl/worksheets/sheet1.xml");
        assertThat(sheet).contains("<dimension ref=\"A1:E12\"/>").contains("<row r=\"6\" ht=\"30\" customHeight=\"1\"/>")
                .contains("<row r=\"7\" s=\"1\" customFormat=\"1\"><c r=\"A7\" t=\"b\"><v>1</v></c><c r=\"E7\"")
                .contains("<oddHeader>&amp;P</oddHeader>");
        assertThat(RawSheet.cells(out.bytes(), "Data")).containsEntry("B5", "n:2.5").containsEntry("C1", "s:x");
    }

    /**
     * Rows and cells moved and replaced at the byte level, written as a hand-made sheet may write
     * them: single quotes, spaces around '=', a lower-case column letter, line breaks between cells
     * and inside a cell, an empty cell, text with entities.
     */
    @Test
    void handWrittenRowsMoveAndReplaceAtTheByteLevelAsTheUserModelDoes() {
        byte[] source = ExcelLikeWorkbook.zip(ExcelLikeWorkbook.parts("""
                <row r="1" spans="1:3">
                  <c r='A1' t='inlineStr'><is><t>name one</t></is></c>
                  <c  r = "B1" s="1"><v>2</v></c>
                  <c r="c1"/>
                </row>
                <row r="2"><c r="B2" t="inlineStr">
                <is><t>a &amp; name</t></is>
                </c></row>
                <row r='4'><c r="A4" t="s"><v>0</v></c><c r="C4" t="b"><v>1</v></c></row>""", "A1:C4"));
        for (WorkbookEdit edit : List.of(
                new WorkbookEdit.ShiftLines("Data", true, true, 0, 2),
                new WorkbookEdit.ShiftLines("Data", true, true, 1, 1),
                new WorkbookEdit.ShiftLines("Data", true, false, 0, 1),
                new WorkbookEdit.ShiftLines("Data", true, false, 1, 2),
                new WorkbookEdit.ReplaceCells("Data", CellRange.parse("A1:A9"), "name", "label", false, false),
                new WorkbookEdit.ReplaceCells("Data", CellRange.parse("B1:B9"), "name", "x<y", false, false))) {
            BothPaths.Edited out = BothPaths.edit(source, edit);
            assertThat(out.streamed()).as(edit.describe()).isTrue();
        }
        BothPaths.Edited moved = BothPaths.edit(source, new WorkbookEdit.ShiftLines("Data", true, true, 1, 3));
        assertThat(RawSheet.cells(moved.bytes(), "Data")).containsEntry("A1", "s:name one").containsEntry("B5",
                "s:a & name").containsEntry("C7", "b:1");
        BothPaths.Edited replaced = BothPaths.edit(source, new WorkbookEdit.ReplaceCells("Data",
                CellRange.parse("B1:B9"), "name", "x<y", false, false));
        assertThat(replaced.summary()).isEqualTo("replaced 'name' with 'x<y' in 1 cell(s)");
        assertThat(RawSheet.cells(replaced.bytes(), "Data")).containsEntry("B2", "s:a & x<y")
                .containsEntry("A1", "s:name one");
    }

    @Test
    void rowsPushedPastExcelsLastRowAreRefusedAsTheUserModelRefusesThem() {
        byte[] far = ExcelLikeWorkbook.zip(ExcelLikeWorkbook.parts(
                "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"1048570\"><c r=\"A1048570\"><v>2</v></c></row>",
                "A1:A1048570"));
        String sha = sha256(far);
        assertThatThrownBy(() -> BothPaths.edit(far, new WorkbookEdit.ShiftLines("Data", true, true, 5, 7)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("inserting 7 rows pushes data past Excel's last row");
        assertThat(sha256(far)).isEqualTo(sha);
        assertThat(BothPaths.edit(far, new WorkbookEdit.ShiftLines("Data", true, true, 5, 6)).streamed()).isTrue();
    }

    @Test
    void rowsMoveThroughTheUserModelWhenAnythingElseRefersToThem() {
        String row = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row><row r=\"2\"><c r=\"A2\"><v>2</v></c></row>";
        WorkbookEdit insert = new WorkbookEdit.ShiftLines("Data", true, true, 0, 1);
        // formulas anywhere, a table, a merged region, a defined name, a link, a rule, columns
        assertThat(BothPaths.edit(ExcelLikeWorkbook.bytes(), insert).streamed()).isFalse();
        assertThat(BothPaths.edit(excelLike(), insert).streamed()).isFalse();
        assertThat(BothPaths.edit(userModel(), insert).streamed()).isFalse();
        for (String tail : List.of("<mergeCells count=\"1\"><mergeCell ref=\"A2:B2\"/></mergeCells>",
                "<hyperlinks><hyperlink ref=\"A2\" location=\"Data!A1\"/></hyperlinks>",
                "<conditionalFormatting sqref=\"A1:A2\"><cfRule type=\"expression\" priority=\"1\"><formula>A1&gt;0"
                        + "</formula></cfRule></conditionalFormatting>",
                "<rowBreaks count=\"1\" manualBreakCount=\"1\"><brk id=\"1\" max=\"16383\" man=\"1\"/></rowBreaks>")) {
            Map<String, String> parts = ExcelLikeWorkbook.parts(row, "A1:A2");
            parts.put("xl/worksheets/sheet1.xml", parts.get("xl/worksheets/sheet1.xml").replace("</sheetData>",
                    "</sheetData>" + tail));
            assertThat(BothPaths.edit(ExcelLikeWorkbook.zip(parts), insert).streamed()).as(tail).isFalse();
        }
        Map<String, String> named = ExcelLikeWorkbook.parts(row, "A1:A2");
        named.put("xl/workbook.xml", named.get("xl/workbook.xml").replace("</sheets>",
                "</sheets><definedNames><definedName name=\"Two\">Data!$A$2</definedName></definedNames>"));
        assertThat(BothPaths.edit(ExcelLikeWorkbook.zip(named), insert).streamed()).isFalse();
        byte[] plain = ExcelLikeWorkbook.zip(ExcelLikeWorkbook.parts(row, "A1:A2"));
        assertThat(BothPaths.edit(plain, insert).streamed()).isTrue();
        assertThat(BothPaths.edit(plain, new WorkbookEdit.ShiftLines("Data", false, true, 0, 1)).streamed()).isTrue();
    }

    @Test
    void aLargerSheetInsertsAndDeletesRowsOnTheStream() {
        byte[] source = streamingWriter(20_000);
        BothPaths.Edited insert = BothPaths.edit(source, new WorkbookEdit.ShiftLines("Data", true, true, 10, 100));
        assertThat(insert.streamed()).isTrue();
        assertThat(RawSheet.cells(insert.bytes(), "Data")).containsEntry("A111", "s:d9").containsEntry("D20101", "s:n19999");
        BothPaths.Edited delete = BothPaths.edit(source, new WorkbookEdit.ShiftLines("Data", true, false, 10, 100));
        assertThat(delete.streamed()).isTrue();
    }

    // --- insert/delete_rows_or_columns, columns ---

    @ParameterizedTest
    @ValueSource(strings = {"streaming", "user-model", "libreoffice", "excel-like"})
    void columnsInsertedAndDeletedStreamWhereNothingElseRefersToColumns(String writer) {
        byte[] source = source(writer);
        // as for rows: the merged region and the table go through the user model
        boolean streams = writer.equals("streaming");
        for (WorkbookEdit edit : List.of(
                new WorkbookEdit.ShiftLines("Data", false, true, 1, 2),
                new WorkbookEdit.ShiftLines("Data", false, true, 0, 1),
                new WorkbookEdit.ShiftLines("data", false, false, 2, 1),
                new WorkbookEdit.ShiftLines("Data", false, false, 0, 2),
                new WorkbookEdit.ShiftLines("Data", false, false, 1, 3),
                new WorkbookEdit.ShiftLines("Data", false, true, 50, 3),
                new WorkbookEdit.ShiftLines("Data", false, false, 50, 3))) {
            BothPaths.Edited out = BothPaths.edit(source, edit);
            assertThat(out.streamed()).as(writer + " " + edit.describe()).isEqualTo(streams);
        }
        BothPaths.Edited inserted = BothPaths.edit(source, new WorkbookEdit.ShiftLines("Data", false, true, 1, 2));
        assertThat(inserted.summary()).startsWith("inserted 2 column(s) at B on sheet 'Data'; formulas that referred to"
                + " moved cells follow");
        Map<String, String> cells = RawSheet.cells(inserted.bytes(), "Data");
        assertThat(cells).containsEntry("A1", "s:Name").containsEntry("D1", "s:Qty").containsEntry("F1", "s:Note")
                .doesNotContainKey("B1").doesNotContainKey("C1");
    }

    /** As Excel writes a sheet with only cells: widths (one range the edits cut), a hidden column, a selection, spans. */
    private static byte[] plainExcelSheetWithColumns() {
        Map<String, String> parts = ExcelLikeWorkbook.parts("""
                <row r="1" spans="1:5" ht="20" customHeight="1"><c r="A1" t="s" s="2"><v>0</v></c>\
                <c r="B1" t="s"><v>4</v></c><c r="C1" t="inlineStr"><is><t>x</t></is></c></row>\
                <row r="2" spans="2:2"><c r="B2" s="1"><v>2.5</v></c></row><row r="3" ht="30" customHeight="1"/>\
                <row r="4" s="1" customFormat="1"><c r="A4" t="b"><v>1</v></c><c r="E4" t="s"><v>5</v></c></row>\
                <row r="9" spans="4:4"><c r="D9" s="1"/></row>""", "A1:E9");
        parts.put("xl/worksheets/sheet1.xml", parts.get("xl/worksheets/sheet1.xml").replace("<sheetData>",
                "<sheetViews><sheetView workbookViewId=\"0\"><selection activeCell=\"D2\" sqref=\"D2\"/></sheetView>"
                        + "</sheetViews><sheetFormatPr defaultRowHeight=\"15\"/><cols>"
                        + "<col min=\"1\" max=\"1\" width=\"20\" customWidth=\"1\"/>"
                        + "<col min=\"2\" max=\"4\" width=\"12.5\" customWidth=\"1\"/>"
                        + "<col min=\"6\" max=\"6\" width=\"30\" hidden=\"1\" customWidth=\"1\"/></cols><sheetData>")
                .replace("</sheetData>", "</sheetData><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\""
                        + " bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"));
        return ExcelLikeWorkbook.zip(parts);
    }

    @Test
    void columnsMoveWithTheirCellsAndWidthsAndTheDimensionFollows() {
        byte[] source = plainExcelSheetWithColumns();
        for (WorkbookEdit edit : List.of(
                new WorkbookEdit.ShiftLines("Data", false, true, 0, 1),
                new WorkbookEdit.ShiftLines("Data", false, true, 2, 2),
                new WorkbookEdit.ShiftLines("Data", false, true, 4, 1),
                new WorkbookEdit.ShiftLines("Data", false, true, 5, 10_000),
                new WorkbookEdit.ShiftLines("Data", false, false, 0, 1),
                new WorkbookEdit.ShiftLines("Data", false, false, 1, 2),
                new WorkbookEdit.ShiftLines("Data", false, false, 3, 3),
                new WorkbookEdit.ShiftLines("Data", false, false, 0, 5),
                new WorkbookEdit.ShiftLines("Data", false, false, 0, 10_000),
                new WorkbookEdit.ShiftLines("Data", false, false, 5, 1),
                new WorkbookEdit.ShiftLines(null, false, true, 16_383, 1))) {
            BothPaths.Edited out = BothPaths.edit(source, edit);
            assertThat(out.streamed()).as(edit.describe()).isTrue();
        }
        BothPaths.Edited inserted = BothPaths.edit(source, new WorkbookEdit.ShiftLines("Data", false, true, 2, 2));
        String sheet = LibreOffice.entries(inserted.bytes()).get("xl/worksheets/sheet1.xml");
        assertThat(sheet).contains("<dimension ref=\"A1:G9\"/>")
                .contains("<row r=\"1\" ht=\"20\" customHeight=\"1\"><c r=\"A1\" t=\"s\" s=\"2\"><v>0</v></c>"
                        + "<c r=\"B1\" t=\"s\"><v>4</v></c><c r=\"E1\" t=\"inlineStr\"><is><t>x</t></is></c></row>")
                .contains("<row r=\"9\"><c r=\"F9\" s=\"1\"/></row>")
                .contains("<selection activeCell=\"D2\" sqref=\"D2\"/>").doesNotContain("spans=");
        // the inserted columns fall inside B:D, which grows by them; F moves to H
        assertThat(BothPaths.columns(inserted.bytes())).containsEntry("Data!cols",
                "1:1 w=20 hidden=false s=0; 2:6 w=12.5 hidden=false s=0; 8:8 w=30 hidden=true s=0; ");
        assertThat(RawSheet.cells(inserted.bytes(), "Data")).containsEntry("G4", "s:d2")
                .containsEntry("A4", "b:1");
        BothPaths.Edited deleted = BothPaths.edit(source, new WorkbookEdit.ShiftLines("Data", false, false, 1, 4));
        assertThat(LibreOffice.entries(deleted.bytes()).get("xl/worksheets/sheet1.xml"))
                .contains("<dimension ref=\"A1:A9\"/>").contains("<row r=\"2\"></row>");
        assertThat(BothPaths.columns(deleted.bytes())).containsEntry("Data!cols",
                "1:1 w=20 hidden=false s=0; 2:2 w=30 hidden=true s=0; ");
        BothPaths.Edited all = BothPaths.edit(source, new WorkbookEdit.ShiftLines("Data", false, false, 0, 10_000));
        assertThat(LibreOffice.entries(all.bytes()).get("xl/worksheets/sheet1.xml")).doesNotContain("<cols")
                .doesNotContain("<c ");
    }

    @Test
    void handWrittenCellsMoveAcrossColumnsAtTheByteLevelAsTheUserModelDoes() {
        byte[] source = ExcelLikeWorkbook.zip(ExcelLikeWorkbook.parts("""
                <row r="1" spans="1:3">
                  <c r='A1' t='inlineStr'><is><t>name one</t></is></c>
                  <c  r = "B1" s="1"><v>2</v></c>
                  <c r="c1"/>
                </row>
                <row r="2"><c r="B2" t="inlineStr">
                <is><t>a &amp; name</t></is>
                </c></row>
                <row r='4'><c r="A4" t="s"><v>0</v></c><c r="zz4" t="b"><v>1</v></c></row>""", "A1:ZZ4"));
        for (WorkbookEdit edit : List.of(
                new WorkbookEdit.ShiftLines("Data", false, true, 0, 2),
                new WorkbookEdit.ShiftLines("Data", false, true, 1, 1),
                new WorkbookEdit.ShiftLines("Data", false, true, 25, 700),
                new WorkbookEdit.ShiftLines("Data", false, false, 0, 1),
                new WorkbookEdit.ShiftLines("Data", false, false, 1, 2),
                new WorkbookEdit.ShiftLines("Data", false, false, 2, 700))) {
            BothPaths.Edited out = BothPaths.edit(source, edit);
            assertThat(out.streamed()).as(edit.describe()).isTrue();
        }
        BothPaths.Edited moved = BothPaths.edit(source, new WorkbookEdit.ShiftLines("Data", false, true, 1, 26));
        assertThat(RawSheet.cells(moved.bytes(), "Data")).containsEntry("A1", "s:name one").containsEntry("AB2",
                "s:a & name").containsEntry("AAZ4", "b:1").containsEntry("AB1", "n:2");
    }

    @Test
    void columnsPushedPastExcelsLastColumnAreRefusedAsTheUserModelRefusesThem() {
        byte[] far = ExcelLikeWorkbook.zip(ExcelLikeWorkbook.parts(
                "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"3\"><c r=\"XFA3\"><v>2</v></c></row>", "A1:XFA3"));
        String sha = sha256(far);
        assertThatThrownBy(() -> BothPaths.edit(far, new WorkbookEdit.ShiftLines("Data", false, true, 5, 4)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("inserting 4 columns pushes data past Excel's last column");
        assertThat(sha256(far)).isEqualTo(sha);
        BothPaths.Edited fits = BothPaths.edit(far, new WorkbookEdit.ShiftLines("Data", false, true, 5, 3));
        assertThat(fits.streamed()).isTrue();
        assertThat(RawSheet.cells(fits.bytes(), "Data")).containsEntry("XFD3", "n:2");
    }

    @Test
    void columnsMoveThroughTheUserModelWhenAnythingElseRefersToThem() {
        String row = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"C1\"><v>3</v></c></row>"
                + "<row r=\"2\"><c r=\"B2\"><v>2</v></c><c r=\"D2\"><v>4</v></c></row>";
        WorkbookEdit insert = new WorkbookEdit.ShiftLines("Data", false, true, 1, 1);
        WorkbookEdit delete = new WorkbookEdit.ShiftLines("Data", false, false, 1, 1);
        // formulas anywhere, a table, a merged region
        for (WorkbookEdit edit : List.of(insert, delete)) {
            assertThat(BothPaths.edit(ExcelLikeWorkbook.bytes(), edit).streamed()).isFalse();
            assertThat(BothPaths.edit(excelLike(), edit).streamed()).isFalse();
            assertThat(BothPaths.edit(userModel(), edit).streamed()).isFalse();
        }
        for (String tail : List.of("<mergeCells count=\"1\"><mergeCell ref=\"A2:C2\"/></mergeCells>",
                "<mergeCells count=\"1\"><mergeCell ref=\"B1:B2\"/></mergeCells>",
                "<hyperlinks><hyperlink ref=\"C1\" location=\"Data!A1\"/></hyperlinks>",
                "<autoFilter ref=\"A1:D2\"/>",
                "<dataValidations count=\"1\"><dataValidation type=\"whole\" sqref=\"C1:C2\"><formula1>1</formula1>"
                        + "</dataValidation></dataValidations>",
                "<conditionalFormatting sqref=\"C1:C2\"><cfRule type=\"expression\" priority=\"1\"><formula>C1&gt;0"
                        + "</formula></cfRule></conditionalFormatting>",
                "<colBreaks count=\"1\" manualBreakCount=\"1\"><brk id=\"2\" max=\"1048575\" man=\"1\"/></colBreaks>")) {
            Map<String, String> parts = ExcelLikeWorkbook.parts(row, "A1:D2");
            parts.put("xl/worksheets/sheet1.xml", parts.get("xl/worksheets/sheet1.xml").replace("</sheetData>",
                    "</sheetData>" + tail));
            for (WorkbookEdit edit : List.of(insert, delete)) {
                assertThat(BothPaths.edit(ExcelLikeWorkbook.zip(parts), edit).streamed()).as(tail).isFalse();
            }
        }
        Map<String, String> named = ExcelLikeWorkbook.parts(row, "A1:D2");
        named.put("xl/workbook.xml", named.get("xl/workbook.xml").replace("</sheets>",
                "</sheets><definedNames><definedName name=\"Three\">Data!$C$1</definedName></definedNames>"));
        assertThat(BothPaths.edit(ExcelLikeWorkbook.zip(named), insert).streamed()).isFalse();
        Map<String, String> formula = ExcelLikeWorkbook.parts(row.replace("<c r=\"D2\"><v>4</v></c>",
                "<c r=\"D2\"><f>C1+1</f><v>4</v></c>"), "A1:D2");
        assertThat(BothPaths.edit(ExcelLikeWorkbook.zip(formula), insert).streamed()).isFalse();
        BothPaths.Edited followed = BothPaths.edit(ExcelLikeWorkbook.zip(formula), insert);
        assertThat(RawSheet.cells(followed.bytes(), "Data").get("E2")).startsWith("=D1+1");
        byte[] plain = ExcelLikeWorkbook.zip(ExcelLikeWorkbook.parts(row, "A1:D2"));
        assertThat(BothPaths.edit(plain, insert).streamed()).isTrue();
        assertThat(BothPaths.edit(plain, delete).streamed()).isTrue();
    }

    /**
     * A column style: POI's user model, when it writes, gives every cell without a style in that
     * column the column's style, so no edit streams on such a sheet (the result is the user model's).
     */
    @Test
    void aColumnStyleSendsEveryCellEditToTheUserModel() {
        Map<String, String> parts = ExcelLikeWorkbook.parts(
                "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\"><v>3</v></c></row>"
                        + "<row r=\"2\"><c r=\"B2\"><v>2</v></c><c r=\"C2\" s=\"2\"><v>4</v></c></row>", "A1:C2");
        parts.put("xl/worksheets/sheet1.xml", parts.get("xl/worksheets/sheet1.xml").replace("<sheetData>",
                "<cols><col min=\"2\" max=\"3\" width=\"12\" style=\"1\" customWidth=\"1\"/></cols><sheetData>"));
        byte[] styled = ExcelLikeWorkbook.zip(parts);
        for (WorkbookEdit edit : List.of(
                new WorkbookEdit.ShiftLines("Data", false, true, 0, 1),
                new WorkbookEdit.ShiftLines("Data", false, false, 1, 1),
                new WorkbookEdit.ShiftLines("Data", true, true, 0, 1),
                new WorkbookEdit.WriteRange("Data", CellRange.cell("D4"), List.of(List.of(text("x")))),
                new WorkbookEdit.ClearRange("Data", CellRange.parse("A1")))) {
            BothPaths.Edited out = BothPaths.edit(styled, edit);
            assertThat(out.streamed()).as(edit.describe()).isFalse();
        }
        BothPaths.Edited inserted = BothPaths.edit(styled, new WorkbookEdit.ShiftLines("Data", false, true, 0, 1));
        assertThat(BothPaths.columns(inserted.bytes())).containsEntry("Data!cols", "3:4 w=12 hidden=false s=1; ");
    }

    @Test
    void aLargerSheetInsertsAndDeletesColumnsOnTheStream() {
        byte[] source = streamingWriter(20_000);
        BothPaths.Edited insert = BothPaths.edit(source, new WorkbookEdit.ShiftLines("Data", false, true, 1, 2));
        assertThat(insert.streamed()).isTrue();
        assertThat(RawSheet.cells(insert.bytes(), "Data")).containsEntry("A101", "s:d99").containsEntry("F20001",
                "s:n19999").doesNotContainKey("B5");
        BothPaths.Edited delete = BothPaths.edit(source, new WorkbookEdit.ShiftLines("Data", false, false, 0, 2));
        assertThat(delete.streamed()).isTrue();
        assertThat(RawSheet.cells(delete.bytes(), "Data")).containsEntry("B20001", "s:n19999");
    }

    @Test
    void badColumnArgumentsAreRefusedBeforeEitherPathReadsTheFile() {
        byte[] source = plainExcelSheetWithColumns();
        String sha = sha256(source);
        assertThatThrownBy(() -> new WorkbookEdit.ShiftLines("Data", false, true, 1, 0))
                .isInstanceOf(InvalidInputException.class).hasMessage("'count' must be between 1 and 10000");
        assertThatThrownBy(() -> new WorkbookEdit.ShiftLines("Data", false, false, 1, -2))
                .isInstanceOf(InvalidInputException.class).hasMessage("'count' must be between 1 and 10000");
        assertThatThrownBy(() -> new WorkbookEdit.ShiftLines("Data", false, true, 1, 10_001))
                .isInstanceOf(InvalidInputException.class).hasMessage("'count' must be between 1 and 10000");
        assertThatThrownBy(() -> new WorkbookEdit.ShiftLines("Data", false, true, 16_384, 1))
                .isInstanceOf(InvalidInputException.class).hasMessage("position XFD is outside the sheet");
        assertThatThrownBy(() -> new WorkbookEdit.ShiftLines("Data", false, false, 16_380, 5))
                .isInstanceOf(InvalidInputException.class).hasMessage("position XFA is outside the sheet");
        assertThatThrownBy(() -> BothPaths.edit(source, new WorkbookEdit.ShiftLines("Nope", false, true, 0, 1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("sheet 'Nope' does not exist");
        assertThatThrownBy(() -> BothPaths.edit(source, new WorkbookEdit.ShiftLines("Nope", false, false, 0, 1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("sheet 'Nope' does not exist");
        assertThat(sha256(source)).isEqualTo(sha);
    }

    // --- refusals: the same error, nothing written ---

    @ParameterizedTest
    @ValueSource(strings = {"streaming", "excel-like"})
    void badInputIsRefusedAsTheUserModelRefusesIt(String writer) {
        byte[] source = source(writer);
        String sha = sha256(source);
        List<WorkbookEdit> bad = List.of(
                new WorkbookEdit.WriteRange("Data", CellRange.cell("B3"), List.of(List.of(text("ok"), text("a\u0000b")))),
                new WorkbookEdit.WriteRange("Data", CellRange.cell("C2"), List.of(List.of(text("x\uD800")))),
                new WorkbookEdit.WriteRange("Data", CellRange.cell("A9"), List.of(List.of(text("z".repeat(32_768))))),
                new WorkbookEdit.WriteRange("Nope", CellRange.cell("A1"), List.of(List.of(text("z")))),
                new WorkbookEdit.AppendRows("Data", new SheetData("Data", List.of(), List.of(List.of(text("ok")),
                        List.of(CellValue.EMPTY, text("bell\u0007"))))),
                new WorkbookEdit.AppendRows("Data", new SheetData("Data", List.of("Name", "Missing"),
                        List.of(List.of(text("a"), text("b"))))),
                new WorkbookEdit.AppendRows("Nope", new SheetData("Data", List.of(), List.of(List.of(text("a"))))),
                new WorkbookEdit.ClearRange("Nope", CellRange.parse("A1")),
                new WorkbookEdit.ReplaceCells("Nope", null, "d", "e", false, false),
                new WorkbookEdit.ReplaceCells("Data", CellRange.parse("A1:A9"), "d", "z".repeat(32_767), false, false),
                new WorkbookEdit.ShiftLines("Nope", true, true, 0, 1));
        for (WorkbookEdit edit : bad) {
            assertThatThrownBy(() -> BothPaths.edit(source, edit)).as(edit.describe())
                    .isInstanceOf(InvalidInputException.class);
        }
        assertThat(sha256(source)).isEqualTo(sha);
    }

    @Test
    void rowsPastTheServersLimitAreRefusedAsTheUserModelRefusesThem() throws IOException {
        byte[] source = streamingWriter(3);
        WorkbookEdit append = new WorkbookEdit.AppendRows("Data", new SheetData("Data", List.of(),
                List.of(List.of(text("a")), List.of(text("b")))));
        XlsxWorkbookEditor limited = new XlsxWorkbookEditor(5);
        long before = StreamedEdits.streamedCount();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> limited.apply(new ByteArrayInputStream(source), append, out))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("sheet 'Data' has 4 rows; 2 more do not fit in 5 rows, this server's limit (limits.maxRows)");
        assertThatThrownBy(() -> limited.applyLoaded(new ByteArrayInputStream(source), append, new ByteArrayOutputStream()))
                .hasMessage("sheet 'Data' has 4 rows; 2 more do not fit in 5 rows, this server's limit (limits.maxRows)");
        assertThat(out.size()).isZero();
        assertThat(StreamedEdits.streamedCount()).isEqualTo(before);
    }

    // --- LibreOffice as a third reader of a streamed result ---

    @Test
    void libreOfficeReadsTheStreamedResult() {
        byte[] source = excelLike();
        BothPaths.Edited write = BothPaths.edit(source, new WorkbookEdit.WriteRange("Data", CellRange.cell("A4"),
                List.of(List.of(text("X"), new CellValue.Number(2.5), new CellValue.Bool(true), text("V_x0041_")))));
        assertThat(write.streamed()).isTrue();
        BothPaths.Edited append = BothPaths.edit(write.bytes(), new WorkbookEdit.AppendRows("Data", new SheetData(
                "Data", List.of(), List.of(List.of(text("last"), new CellValue.Number(3))))));
        assertThat(append.streamed()).isTrue();
        List<String> lines = LibreOffice.sheetCsv(LibreOffice.convert(append.bytes(), "csv", work), "Data").lines()
                .toList();
        assertThat(lines.get(3)).isEqualTo("X,2.5,TRUE,V_x0041_");
        assertThat(lines.get(5)).startsWith("1.5");
        assertThat(lines.get(6)).startsWith("last,3");
        assertThat(lines.get(1)).startsWith("d1,5.00,TRUE");
    }

    private static CellValue text(String s) {
        return new CellValue.Text(s);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
