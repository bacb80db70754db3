package dev.sheetsmith.engine.xlsx.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.RangeRead;
import dev.sheetsmith.domain.SheetData;
import dev.sheetsmith.domain.WorkbookEdit;
import dev.sheetsmith.engine.xlsx.ExcelLikeWorkbook;
import dev.sheetsmith.engine.xlsx.LibreOffice;
import dev.sheetsmith.engine.xlsx.RawSheet;
import dev.sheetsmith.engine.xlsx.XlsxFiles;
import dev.sheetsmith.engine.xlsx.read.XlsxWorkbookReader;
import dev.sheetsmith.ports.out.SpiCells;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every edit that writes or moves cell values, over every kind of cell the writers Sheetsmith
 * meets produce: POI's streaming writer (inline strings), POI's user model (shared strings,
 * formulas with saved values), LibreOffice (its own shared strings and formulas) and an
 * Excel-like package written here as raw XML (rich-text shared strings with a phonetic run,
 * t="str" formula text, booleans, number formats). The result is read back with a second reader,
 * the package XML itself ({@link RawSheet}), and for the text-heavy cases with LibreOffice too:
 * each cell holds exactly what was written or what it held, nothing more.
 */
class EveryEditKeepsCellsExactTest {

    private static final Map<String, byte[]> LIBRE_OFFICE = new ConcurrentHashMap<>();
    private static final CellRange TABLE = CellRange.parse("A1:D3");

    @TempDir
    Path work;

    // --- the four writers' workbooks: sheet "Data", headers Name Qty Ok Note, two data rows ---

    private byte[] source(String writer) {
        return switch (writer) {
            case "streaming" -> write(List.of(
                    List.of(text("d1"), new CellValue.Number(5), new CellValue.Bool(true), text("n1")),
                    List.of(text("d2"), new CellValue.Number(7), new CellValue.Bool(false), text("n2"))));
            case "user-model" -> userModel();
            case "libreoffice" -> LIBRE_OFFICE.computeIfAbsent("book", k -> LibreOffice.toXlsx(userModel(), work));
            case "excel-like" -> ExcelLikeWorkbook.bytes();
            default -> throw new IllegalArgumentException(writer);
        };
    }

    /** With formulas the plugin writes through POI's user model, so strings are shared. */
    private static byte[] userModel() {
        return write(List.of(
                List.of(text("d1"), new CellValue.Number(5), new CellValue.Bool(true), new CellValue.Formula("A2&\"x\"")),
                List.of(text("d2"), new CellValue.Number(7), new CellValue.Bool(false), new CellValue.Formula("B3*2"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"streaming", "user-model", "libreoffice", "excel-like"})
    void theWritersWorkbooksHoldWhatTheTestsExpect(String writer) {
        Map<String, String> cells = RawSheet.cells(source(writer), "Data");
        assertThat(cells.get("A1")).isEqualTo("s:Name");
        assertThat(cells.get("A2")).isEqualTo("s:d1");
        assertThat(cells.get("A3")).isEqualTo("s:d2");
        assertThat(number(cells.get("B2"))).isEqualTo("n:5");
        assertThat(valueOf(cells.get("D2"))).isIn("s:n1", "s:d1x");
        if (writer.equals("streaming")) {
            assertThat(LibreOffice.entries(source(writer)).get("xl/worksheets/sheet1.xml")).contains("t=\"inlineStr\"");
        }
    }

    // --- write_range over each kind of cell ---

    @ParameterizedTest
    @ValueSource(strings = {"streaming", "user-model", "libreoffice", "excel-like"})
    void textWrittenOverAnyCellIsExactlyThatText(String writer) {
        Map<String, String> expected = new LinkedHashMap<>();
        List<List<CellValue>> rows = grid((r, c) -> {
            String ref = ref(r, c);
            expected.put(ref, "s:X" + ref);
            return text("X" + ref);
        });
        byte[] out = edit(source(writer), new WorkbookEdit.WriteRange("Data", CellRange.cell("A1"), rows));
        assertThat(RawSheet.cells(out, "Data")).isEqualTo(expected);
        assertThat(readBack(out, "A1:D3")).isEqualTo(rows);
    }

    @ParameterizedTest
    @ValueSource(strings = {"streaming", "user-model", "libreoffice", "excel-like"})
    void numbersWrittenOverAnyCellAreOnlyNumbers(String writer) {
        Map<String, String> expected = new LinkedHashMap<>();
        List<List<CellValue>> rows = grid((r, c) -> {
            expected.put(ref(r, c), "n:" + (r * 10 + c));
            return new CellValue.Number(r * 10 + c);
        });
        byte[] out = edit(source(writer), new WorkbookEdit.WriteRange("Data", CellRange.cell("A1"), rows));
        Map<String, String> cells = new LinkedHashMap<>();
        RawSheet.cells(out, "Data").forEach((ref, value) -> cells.put(ref, number(value)));
        assertThat(cells).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"streaming", "user-model", "libreoffice", "excel-like"})
    void formulasWrittenOverAnyCellAreOnlyFormulas(String writer) {
        Map<String, String> expected = new LinkedHashMap<>();
        List<List<CellValue>> rows = grid((r, c) -> {
            expected.put(ref(r, c), "=ROW()*10+COLUMN() n:" + ((r + 1) * 10 + c + 1));
            return new CellValue.Formula("ROW()*10+COLUMN()");
        });
        byte[] out = edit(source(writer), new WorkbookEdit.WriteRange("Data", CellRange.cell("A1"), rows));
        Map<String, String> cells = new LinkedHashMap<>();
        RawSheet.cells(out, "Data").forEach((ref, value) -> cells.put(ref, formulaOf(value) + number(valueOf(value))));
        assertThat(cells).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"streaming", "user-model", "libreoffice", "excel-like"})
    void booleansAndBlanksWrittenOverAnyCellReplaceIt(String writer) {
        Map<String, String> expected = new LinkedHashMap<>();
        List<List<CellValue>> rows = grid((r, c) -> {
            if (r == 2) {
                return CellValue.EMPTY;
            }
            expected.put(ref(r, c), "b:1");
            return new CellValue.Bool(true);
        });
        byte[] out = edit(source(writer), new WorkbookEdit.WriteRange("Data", CellRange.cell("A1"), rows));
        assertThat(RawSheet.cells(out, "Data")).isEqualTo(expected);
    }

    // --- the other edits that write or move values ---

    @ParameterizedTest
    @ValueSource(strings = {"streaming", "user-model", "libreoffice", "excel-like"})
    void appendedRowsAreExactAndTheRestUntouched(String writer) {
        byte[] source = source(writer);
        String tricky = "_x0041_ tab\there, line\nbreak, \uD83D\uDE00";
        byte[] out = edit(source, new WorkbookEdit.AppendRows("Data", new SheetData("Data", List.of(), List.of(
                List.of(text("e1"), new CellValue.Number(9), new CellValue.Bool(true), text(tricky))))));
        Map<String, String> expected = values(RawSheet.cells(source, "Data"));
        expected.put("A4", "s:e1");
        expected.put("B4", "n:9");
        expected.put("C4", "b:1");
        expected.put("D4", "s:" + tricky);
        Map<String, String> cells = values(RawSheet.cells(out, "Data"));
        cells.replaceAll((ref, value) -> number(value));
        expected.replaceAll((ref, value) -> number(value));
        assertThat(cells).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"streaming", "user-model", "libreoffice", "excel-like"})
    void clearedCellsHoldNothing(String writer) {
        byte[] out = edit(source(writer), new WorkbookEdit.ClearRange("Data", TABLE));
        assertThat(RawSheet.cells(out, "Data")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"streaming", "user-model", "libreoffice", "excel-like"})
    void copiedCellsMatchTheirSourceAndOverwriteWhatWasThere(String writer) {
        byte[] source = source(writer);
        // First copy onto cells of every kind (the table itself, one row down), then beside it.
        byte[] out = edit(source, new WorkbookEdit.CopyRange("Data", CellRange.parse("A1:D2"), null,
                CellRange.cell("A2")), new WorkbookEdit.CopyRange("Data", TABLE, null, CellRange.cell("F1")));
        Map<String, String> before = values(RawSheet.cells(source, "Data"));
        Map<String, String> after = values(RawSheet.cells(out, "Data"));
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                String from = r == 0 ? ref(0, c) : ref(r - 1, c);
                if (!before.get(from).startsWith("s:") || isFormula(RawSheet.cells(source, "Data").get(from))) {
                    continue; // numbers and formula results are compared below
                }
                assertThat(after.get(ref(r, c))).as(ref(r, c)).isEqualTo(before.get(from));
                assertThat(after.get(ref(r, c + 5))).as(ref(r, c + 5)).isEqualTo(after.get(ref(r, c)));
            }
        }
        assertThat(number(after.get("B3"))).isEqualTo("n:5");
        assertThat(number(after.get("G3"))).isEqualTo("n:5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"streaming", "user-model", "libreoffice", "excel-like"})
    void sortedRowsKeepEveryValueExactly(String writer) {
        byte[] source = source(writer);
        byte[] out = edit(source, new WorkbookEdit.SortRange("Data", TABLE, List.of(new WorkbookEdit.SortKey(0, false)),
                true));
        Map<String, String> before = values(RawSheet.cells(source, "Data"));
        Map<String, String> after = values(RawSheet.cells(out, "Data"));
        for (int c = 0; c < 4; c++) {
            assertThat(number(after.get(ref(0, c)))).isEqualTo(number(before.get(ref(0, c))));
            assertThat(number(after.get(ref(1, c)))).as(ref(1, c)).isEqualTo(number(before.get(ref(2, c))));
            assertThat(number(after.get(ref(2, c)))).as(ref(2, c)).isEqualTo(number(before.get(ref(1, c))));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"streaming", "user-model", "libreoffice", "excel-like"})
    void replacedTextIsExactlyTheReplacement(String writer) {
        byte[] source = source(writer);
        byte[] out = edit(source, new WorkbookEdit.ReplaceCells("Data", null, "d", "Z", false, false));
        Map<String, String> raw = RawSheet.cells(out, "Data");
        assertThat(raw.get("A2")).isEqualTo("s:Z1");
        assertThat(raw.get("A3")).isEqualTo("s:Z2");
        Map<String, String> before = RawSheet.cells(source, "Data");
        for (String ref : List.of("A1", "B1", "C1", "D1", "B2", "C2", "B3", "C3")) {
            assertThat(number(raw.get(ref))).as(ref).isEqualTo(number(before.get(ref)));
        }
        if (isFormula(before.get("D2"))) {
            assertThat(valueOf(raw.get("D2"))).isEqualTo("s:Z1x"); // recomputed from the new A2
        } else {
            assertThat(raw.get("D2")).isEqualTo(before.get("D2"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"streaming", "user-model", "libreoffice", "excel-like"})
    void insertedAndDeletedLinesMoveValuesExactly(String writer) {
        byte[] source = source(writer);
        Map<String, String> before = values(RawSheet.cells(source, "Data"));
        byte[] inserted = edit(source, new WorkbookEdit.ShiftLines("Data", true, true, 1, 1));
        Map<String, String> down = values(RawSheet.cells(inserted, "Data"));
        for (int c = 0; c < 4; c++) {
            assertThat(number(down.get(ref(0, c)))).isEqualTo(number(before.get(ref(0, c))));
            assertThat(down).doesNotContainKey(ref(1, c));
            assertThat(number(down.get(ref(2, c)))).as(ref(2, c)).isEqualTo(number(before.get(ref(1, c))));
            assertThat(number(down.get(ref(3, c)))).as(ref(3, c)).isEqualTo(number(before.get(ref(2, c))));
        }
        byte[] deleted = edit(source, new WorkbookEdit.ShiftLines("Data", false, false, 0, 1));
        Map<String, String> left = values(RawSheet.cells(deleted, "Data"));
        for (int r = 0; r < 3; r++) {
            assertThat(number(left.get(ref(r, 0)))).isEqualTo(number(before.get(ref(r, 1))));
            assertThat(number(left.get(ref(r, 1)))).isEqualTo(number(before.get(ref(r, 2))));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"streaming", "user-model", "libreoffice", "excel-like"})
    void renamedAndCopiedSheetsHoldTheSameCells(String writer) {
        byte[] source = source(writer);
        Map<String, String> before = RawSheet.cells(source, "Data");
        byte[] out = edit(source, new WorkbookEdit.CopySheet("Data", "Copy"), new WorkbookEdit.RenameSheet("Data",
                "Renamed"));
        assertThat(normalised(RawSheet.cells(out, "Renamed"))).isEqualTo(normalised(before));
        assertThat(normalised(RawSheet.cells(out, "Copy"))).isEqualTo(normalised(before));
    }

    /** Text that looks like Excel's own escapes, tabs, line breaks and the longest text a cell holds. */
    @ParameterizedTest
    @ValueSource(strings = {"streaming", "user-model", "libreoffice", "excel-like"})
    void trickyTextIsKeptExactlyByEveryReader(String writer) throws IOException {
        List<CellValue> tricky = List.of(text("_x0041_"), text("a_x005F_b_x0041_x0042_"), text("tab\tand\nline"),
                text("y".repeat(32_767)));
        byte[] out = edit(source(writer), new WorkbookEdit.WriteRange("Data", CellRange.cell("A2"), List.of(tricky)));
        Map<String, String> raw = RawSheet.cells(out, "Data");
        for (int c = 0; c < tricky.size(); c++) {
            assertThat(raw.get(ref(1, c))).as(ref(1, c)).isEqualTo("s:" + tricky.get(c).display());
        }
        assertThat(readBack(out, "A2:D2")).isEqualTo(List.of(tricky));
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out))) {
            for (int c = 0; c < tricky.size(); c++) {
                assertThat(wb.getSheet("Data").getRow(1).getCell(c).getStringCellValue()).isEqualTo(tricky.get(c).display());
            }
        }
    }

    /** LibreOffice as the second reader: what it shows is what was written, over every writer's cells. */
    @ParameterizedTest
    @ValueSource(strings = {"streaming", "user-model", "libreoffice", "excel-like"})
    void libreOfficeShowsExactlyWhatWasWritten(String writer) {
        byte[] out = edit(source(writer),
                new WorkbookEdit.WriteRange("Data", CellRange.cell("A2"), List.of(List.of(text("X"), text("Y"),
                        text("W"), text("V_x0041_")))),
                new WorkbookEdit.ReplaceCells("Data", CellRange.parse("A3"), "d2", "Zd", true, true),
                new WorkbookEdit.CopyRange("Data", CellRange.parse("A2:D2"), null, CellRange.cell("A5")));
        String csv = LibreOffice.sheetCsv(LibreOffice.convert(out, "csv", work), "Data");
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(1)).isEqualTo("X,Y,W,V_x0041_");
        assertThat(lines.get(2)).startsWith("Zd,7"); // "7.00" with the Excel-like number format
        assertThat(lines.get(4)).isEqualTo("X,Y,W,V_x0041_");
    }

    @Test
    void aNoteKeepsTextThatLooksLikeAnEscape() throws IOException {
        String text = "see _x0041_ and\ttab";
        byte[] out = edit(edit(source("excel-like"), new WorkbookEdit.SetNote("Data", CellRange.cell("B2"), "first",
                null)), new WorkbookEdit.SetNote("Data", CellRange.cell("B2"), text, null));
        String comments = LibreOffice.entries(out).entrySet().stream().filter(e -> e.getKey().contains("comments"))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
        assertThat(comments).contains("_x005F_x0041_").doesNotContain(">first<");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out))) {
            assertThat(wb.getSheet("Data").getCellComment(new org.apache.poi.ss.util.CellAddress("B2")).getString()
                    .getString()).isEqualTo(text);
        }
    }

    // --- refusals: nothing Excel cannot hold gets in, whichever way it comes ---

    @Test
    void textExcelCannotHoldIsRefusedNamingTheCellEvenPastTheDomainChecks() {
        byte[] source = source("streaming");
        assertThatThrownBy(() -> edit(source, new WorkbookEdit.WriteRange("Data", CellRange.cell("B3"),
                List.of(List.of(text("a\u0000b"))))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("sheet 'Data', cell B3: text contains the control character U+0000, which Excel cannot"
                        + " store; remove it (tab, line feed and carriage return are fine)");
        assertThatThrownBy(() -> edit(source, new WorkbookEdit.WriteRange("Data", CellRange.cell("C2"),
                List.of(List.of(text("x\uD800"))))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("sheet 'Data', cell C2")
                .hasMessageContaining("U+D800");
        assertThatThrownBy(() -> edit(source, new WorkbookEdit.WriteRange("Data", CellRange.cell("A9"),
                List.of(List.of(text("z".repeat(32_768)))))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("sheet 'Data', cell A9: text of 32768 characters is longer than Excel's 32767");
    }

    @ParameterizedTest
    @ValueSource(strings = {"streaming", "excel-like"})
    void aReplacementThatOutgrowsACellIsRefusedNamingTheCell(String writer) {
        assertThatThrownBy(() -> edit(source(writer), new WorkbookEdit.ReplaceCells("Data", null, "2",
                "y".repeat(32_767), false, false)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("sheet 'Data', cell A3: text of 32768 characters is longer than Excel's 32767");
    }

    @Test
    void partOfAnArrayFormulaIsChangedOnlyWithTheWholeArray() {
        byte[] source = ExcelLikeWorkbook.zip(ExcelLikeWorkbook.parts("""
                <row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>\
                <row r="2"><c r="A2"><f t="array" ref="A2:B2">A1:B1*10</f><v>10</v></c><c r="B2"><v>20</v></c>\
                </row>""", "A1:B2"));
        for (WorkbookEdit edit : List.<WorkbookEdit>of(
                new WorkbookEdit.WriteRange("Data", CellRange.cell("B2"), List.of(List.of(text("x")))),
                new WorkbookEdit.ClearRange("Data", CellRange.parse("B2")),
                new WorkbookEdit.SortRange("Data", CellRange.parse("A1:B2"), List.of(new WorkbookEdit.SortKey(0, false)),
                        false))) {
            assertThatThrownBy(() -> edit(source, edit)).as(edit.describe())
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("A2")
                    .hasMessageContaining("array");
        }
        byte[] cleared = edit(source, new WorkbookEdit.ClearRange("Data", CellRange.parse("A2:B2")));
        assertThat(RawSheet.cells(cleared, "Data")).containsOnlyKeys("A1", "B1");
        byte[] rewritten = edit(cleared, new WorkbookEdit.WriteRange("Data", CellRange.cell("B2"),
                List.of(List.of(text("x")))));
        assertThat(RawSheet.cells(rewritten, "Data").get("B2")).isEqualTo("s:x");
    }

    // --- helpers ---

    private interface Cells {
        CellValue at(int row, int column);
    }

    private static List<List<CellValue>> grid(Cells cells) {
        List<List<CellValue>> rows = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            List<CellValue> row = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                row.add(cells.at(r, c));
            }
            rows.add(row);
        }
        return rows;
    }

    private static byte[] write(List<List<CellValue>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XlsxFiles.write(() -> List.of(SpiCells.sheet("Data", List.of("Name", "Qty", "Ok", "Note"), rows)), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** One edit goes through both of the editor's paths, streamed and user model, checked equal (BothPaths). */
    private static byte[] edit(byte[] xlsx, WorkbookEdit... edits) {
        if (edits.length == 1) {
            return BothPaths.edit(xlsx, edits[0]).bytes();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new XlsxWorkbookEditor().applyAll(new ByteArrayInputStream(xlsx), List.of(edits), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The cells as Sheetsmith's own event reader (read_range) returns them. */
    private static List<List<CellValue>> readBack(byte[] xlsx, String range) {
        try {
            RangeRead read = new XlsxWorkbookReader().read(new ByteArrayInputStream(xlsx), "Data", CellRange.parse(range),
                    false, 1000);
            return read.rows();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CellValue text(String s) {
        return new CellValue.Text(s);
    }

    private static String ref(int row, int column) {
        return new CellReference(row, column).formatAsString(false);
    }

    private static boolean isFormula(String raw) {
        return raw != null && raw.startsWith("=");
    }

    /** The value part of a raw cell, without its formula. */
    private static String valueOf(String raw) {
        return isFormula(raw) ? raw.substring(raw.indexOf(' ') + 1) : raw;
    }

    private static String formulaOf(String raw) {
        return isFormula(raw) ? raw.substring(0, raw.indexOf(' ') + 1) : "";
    }

    private static Map<String, String> values(Map<String, String> raw) {
        Map<String, String> out = new LinkedHashMap<>();
        raw.forEach((ref, value) -> out.put(ref, valueOf(value)));
        return out;
    }

    /** Numbers compared as numbers: one writer saves "5", another "5.0". */
    private static String number(String value) {
        if (value == null || !value.startsWith("n:")) {
            return value;
        }
        return "n:" + new BigDecimal(value.substring(2)).stripTrailingZeros().toPlainString();
    }

    private static Map<String, String> normalised(Map<String, String> raw) {
        Map<String, String> out = new LinkedHashMap<>();
        raw.forEach((ref, value) -> out.put(ref, formulaOf(value) + number(valueOf(value))));
        return out;
    }
}
