package dev.sheetsmith.engine.xlsx.poi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.RangeRead;
import dev.sheetsmith.domain.TableSpec;
import dev.sheetsmith.domain.WorkbookEdit;
import dev.sheetsmith.engine.xlsx.LibreOffice;
import dev.sheetsmith.engine.xlsx.RawSheet;
import dev.sheetsmith.engine.xlsx.XlsxFiles;
import dev.sheetsmith.engine.xlsx.edit.XlsxWorkbookEditor;
import dev.sheetsmith.engine.xlsx.read.XlsxWorkbookReader;
import dev.sheetsmith.ports.out.SpiCells;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Formulas go into the file as Excel stores them (read back with java.util.zip, and recomputed by
 * LibreOffice), come back as Excel shows them, and are computed within bounds.
 */
class ExcelFormulasStoredTest {

    @TempDir
    Path work;

    private final XlsxWorkbookReader reader = new XlsxWorkbookReader();
    private String summary;

    @Test
    void newerFunctionsAreStoredWithExcelsPrefixesReadBackPlainAndLibreOfficeComputesThem() throws IOException {
        byte[] book = write("Data", List.of(List.of(num(1), text("a")), List.of(num(2), text("b")), List.of(num(3), text("c"))));
        String[][] formulas = {
            {"C2", "TEXTJOIN(\"-\",TRUE,B2:B4)", "_xlfn.TEXTJOIN(\"-\",TRUE,B2:B4)"},
            {"C3", "STDEV.S(A2:A4)", "_xlfn.STDEV.S(A2:A4)"},
            {"C4", "IFS(A2>1,\"big\",TRUE,\"small\")", "_xlfn.IFS(A2>1,\"big\",TRUE,\"small\")"},
            {"C5", "MAXIFS(A2:A4,A2:A4,\"<3\")", "_xlfn.MAXIFS(A2:A4,A2:A4,\"<3\")"},
            {"C6", "CONCAT(B2:B4)&\"!\"", "_xlfn.CONCAT(B2:B4)&\"!\""},
            {"C7", "XLOOKUP(2,A2:A4,B2:B4)", "_xlfn.XLOOKUP(2,A2:A4,B2:B4)"},
            {"C8", "SORT(A2:A4,1,-1)", "_xlfn._xlws.SORT(A2:A4,1,-1)"},
            {"C9", "LET(x,A2,x*10)", "_xlfn.LET(_xlpm.x,A2,_xlpm.x*10)"},
            {"C10", "SUM(C8#)", "SUM(_xlfn.ANCHORARRAY(C8))"},
            {"C11", "SUM(A2:A4)", "SUM(A2:A4)"},
            {"C12", "SUM(A2:A4*2)", "SUM(A2:A4*2)"},
        };
        List<List<CellValue>> rows = new ArrayList<>();
        for (String[] f : formulas) {
            rows.add(List.of(new CellValue.Formula(f[1])));
        }
        byte[] out = edit(book, new WorkbookEdit.WriteRange("Data", CellRange.cell("C2"), rows));

        Map<String, String> raw = RawSheet.cells(out, "Data");
        for (String[] f : formulas) {
            assertThat(raw.get(f[0])).as(f[1]).startsWith("=" + f[2] + " ");
        }
        // formulas Excel 365 computes as arrays: one-cell array formulas with its dynamic-array mark
        Map<String, String> parts = LibreOffice.entries(out);
        String sheetXml = parts.get(LibreOffice.named(parts, "xl/worksheets/sheet").get(0));
        assertThat(sheetXml).containsPattern("<c r=\"C8\"[^>]* cm=\"1\"[^>]*><f t=\"array\" ref=\"C8\"")
                .containsPattern("<c r=\"C12\"[^>]* cm=\"1\"[^>]*><f t=\"array\" ref=\"C12\"")
                .containsPattern("<c r=\"C11\"[^>]*><f>SUM\\(A2:A4\\)</f>").doesNotContainPattern("<c r=\"C11\"[^>]*cm=");
        assertThat(parts.get("xl/metadata.xml")).contains("name=\"XLDAPR\"").contains("fDynamic=\"1\"");
        assertThat(parts.get("xl/_rels/workbook.xml.rels")).contains("relationships/sheetMetadata");
        assertThat(parts.get("[Content_Types].xml")).contains("/xl/metadata.xml");
        RangeRead shown = reader.read(new ByteArrayInputStream(out), "Data", CellRange.parse("C2:C12"), true, 100);
        for (int i = 0; i < formulas.length; i++) {
            assertThat(shown.rows().get(i).get(0)).isEqualTo(new CellValue.Text("=" + formulas[i][1]));
        }
        RangeRead values = reader.read(new ByteArrayInputStream(out), "Data", CellRange.parse("C2:C11"), false, 100);
        assertThat(values.rows().get(0).get(0)).isEqualTo(new CellValue.Text("a-b-c"));
        assertThat(values.rows().get(5).get(0)).isEqualTo(new CellValue.Text("b")); // XLOOKUP, by POI
        assertThat(values.rows().get(9).get(0)).isEqualTo(new CellValue.Number(6));
        RangeRead array = reader.read(new ByteArrayInputStream(out), "Data", CellRange.parse("C12"), false, 10);
        assertThat(array.rows().get(0).get(0)).isEqualTo(new CellValue.Number(12));
        // SORT, LET and A1# compute as in Excel (before: listed as not computable)
        assertThat(values.rows().get(6).get(0)).isEqualTo(new CellValue.Number(3));
        assertThat(values.rows().get(7).get(0)).isEqualTo(new CellValue.Number(10));
        assertThat(values.rows().get(8).get(0)).isEqualTo(new CellValue.Number(6));
        assertThat(values.unevaluated()).isEmpty();

        String csv = LibreOffice.sheetCsv(LibreOffice.convert(out, "csv", work), "Data");
        // LibreOffice 7.4 knows TEXTJOIN, STDEV.S, IFS, MAXIFS and CONCAT only with their _xlfn. prefix
        // (without it: #NAME?); XLOOKUP, SORT and LET came in later versions.
        assertThat(csv.lines().limit(6).toList()).containsExactly("N,T,", "1,a,a-b-c", "2,b,1", "3,c,small", ",,2",
                ",,abc!");
        assertThat(csv.lines().skip(11).findFirst().orElseThrow()).isEqualTo(",,12"); // SUM(A2:A4*2) as an array
    }

    @Test
    void structuredReferencesAndTableNamesGoInAndCompute() throws IOException {
        byte[] book = write("Orders", List.of(List.of(text("a"), num(2), num(1.5), CellValue.EMPTY),
                List.of(text("b"), num(3), num(2.5), CellValue.EMPTY)), "Item", "Qty", "Price", "Total");
        byte[] withTable = edit(book, new WorkbookEdit.CreateTable("Orders",
                new TableSpec(CellRange.parse("A1:D3"), "Orders", null, Map.of(), true)));
        byte[] out = edit(withTable, new WorkbookEdit.WriteRange("Orders", CellRange.cell("D2"),
                List.of(List.of(new CellValue.Formula("[@Qty]*[@Price]")), List.of(new CellValue.Formula("[@Qty]*[@Price]")))));
        out = edit(out, new WorkbookEdit.WriteRange("Orders", CellRange.cell("F1"), List.of(
                List.of(new CellValue.Formula("SUM(Orders[Total])")),
                List.of(new CellValue.Formula("SUMPRODUCT(Orders[Qty],Orders[Price])")),
                List.of(new CellValue.Formula("Orders[[#Headers],[Qty]]")),
                List.of(new CellValue.Formula("ROWS(Orders)")))));
        Map<String, String> raw = RawSheet.cells(out, "Orders");
        assertThat(raw.get("D2")).startsWith("=Orders[[#This Row],[Qty]]*Orders[[#This Row],[Price]] n:3");
        assertThat(raw.get("F1")).isEqualTo("=SUM(Orders[Total]) n:10.5");
        assertThat(raw.get("F2")).isEqualTo("=SUMPRODUCT(Orders[Qty],Orders[Price]) n:10.5");
        assertThat(raw.get("F3")).isEqualTo("=Orders[[#Headers],[Qty]] s:Qty");
        assertThat(raw.get("F4")).startsWith("=ROWS(Orders)");
        // the same formula in every data row of a column: a calculated column, as Excel saves it
        Map<String, String> parts = LibreOffice.entries(out);
        assertThat(parts.get(LibreOffice.named(parts, "xl/tables/").get(0))).containsPattern("<(\\w+:)?tableColumn [^>]*name=\"Total\"[^>]*>"
                + "<(\\w+:)?calculatedColumnFormula>Orders\\[\\[#This Row\\],\\[Qty\\]\\]\\*Orders\\[\\[#This Row\\],\\[Price\\]\\]</");
    }

    @Test
    void rulesValidationsAndNamesStoreTheirFormulasAsExcelDoes() {
        byte[] book = write("Data", List.of(List.of(num(1)), List.of(num(2))));
        byte[] out = edit(book, new WorkbookEdit.AddConditionalFormat("Data", CellRange.parse("A2:A3"),
                new dev.sheetsmith.domain.ConditionalFormat("formula", null, null, null, null, dev.sheetsmith.domain.Operand.formula("XOR(A2>1,A2<0)", "formula"), null,
                        null, false, false, new dev.sheetsmith.domain.ConditionalFormat.Style(null, "FFC7CE", null, null))));
        out = edit(out, new WorkbookEdit.AddValidation("Data", CellRange.parse("B2:B3"), new dev.sheetsmith.domain.ValidationRule(
                "custom", null, null, null, null, null, "ISFORMULA(A2)=FALSE", true, false, null, null, null, null, null)));
        out = edit(out, new WorkbookEdit.SetDefinedName("Spread", "STDEV.S(Data!$A$2:$A$3)", null, null));
        Map<String, String> parts = LibreOffice.entries(out);
        String sheetXml = parts.get(LibreOffice.named(parts, "xl/worksheets/sheet").get(0));
        assertThat(sheetXml).contains(">_xlfn.XOR(A2>1,A2&lt;0)</").contains(">_xlfn.ISFORMULA(A2)=FALSE</");
        assertThat(parts.get("xl/workbook.xml")).contains(">_xlfn.STDEV.S(Data!$A$2:$A$3)</");
    }

    @Test
    void realSyntaxErrorsAndPolicyCasesAreStillRefusedSayingWhich() {
        byte[] book = write("Data", List.of(List.of(num(1))));
        assertThatThrownBy(() -> edit(book, new WorkbookEdit.WriteRange("Data", CellRange.cell("B2"),
                List.of(List.of(new CellValue.Formula("SUM(A1:A3")))))).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("sheet 'Data', cell B2: '=SUM(A1:A3' is not a formula Excel accepts");
        assertThatThrownBy(() -> edit(book, new WorkbookEdit.WriteRange("Data", CellRange.cell("B2"),
                List.of(List.of(new CellValue.Formula("LET(x,IMAGE(\"https://x/p.png\"),x)"))))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("IMAGE() is not allowed");
        assertThatThrownBy(() -> edit(book, new WorkbookEdit.WriteRange("Data", CellRange.cell("B2"),
                List.of(List.of(new CellValue.Formula("SUM([1]Data!A1:A3)")))))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("other workbooks");
    }

    @Test
    @Timeout(120)
    void aTwoThousandDeepChainComputesAndACircularReferenceIsReportedAsSuch() throws IOException {
        List<List<CellValue>> rows = new ArrayList<>();
        for (int r = 1; r <= 2000; r++) {
            rows.add(List.of(num(r % 7 + 1), new CellValue.Formula(r == 1 ? "A1" : "B" + (r - 1) + "+A" + r)));
        }
        byte[] book = write("Front", List.of(List.of(num(0))));
        book = edit(book, new WorkbookEdit.CreateSheet(new dev.sheetsmith.domain.SheetData("Chain", List.of(), List.of())));
        book = edit(book, new WorkbookEdit.WriteRange("Chain", CellRange.cell("A1"), rows));
        // evaluated first (the sheet before), so POI recurses 2,000 cells deep
        byte[] out = edit(book, new WorkbookEdit.WriteRange("Front", CellRange.cell("B1"),
                List.of(List.of(new CellValue.Formula("Chain!B2000")))));
        double expected = 0;
        for (int r = 1; r <= 2000; r++) {
            expected += r % 7 + 1;
        }
        assertThat(RawSheet.cells(out, "Front").get("B1")).matches("=Chain!B2000 n:" + (long) expected + "(\\.0)?");

        byte[] circular = edit(out, new WorkbookEdit.WriteRange("Front", CellRange.cell("C1"),
                List.of(List.of(new CellValue.Formula("D1+1"), new CellValue.Formula("C1*2")))));
        assertThat(summary).contains("circular reference").contains("'Front'!C1").contains("'Front'!D1");
        Map<String, String> raw = RawSheet.cells(circular, "Front");
        assertThat(raw.get("C1")).isEqualTo("=D1+1 ");
        assertThat(String.join(" ", raw.values())).doesNotContain("CIRCULAR");
        RangeRead read = reader.read(new ByteArrayInputStream(circular), "Front", CellRange.parse("C1:D1"), false, 100);
        assertThat(read.unevaluated()).containsExactly("C1", "D1");
    }

    @Test
    @Timeout(60)
    void anEvaluationOverItsBudgetIsLeftBehindOnADaemonThreadAndTheRestIsListed() {
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
            var sheet = wb.createSheet("S");
            List<org.apache.poi.ss.usermodel.Cell> cells = new ArrayList<>();
            for (int r = 0; r < 3000; r++) {
                var row = sheet.createRow(r);
                row.createCell(0).setCellValue(r);
                var cell = row.createCell(1);
                // each one multiplies two 3,000-cell columns: 9 million products in all, far past a 1 ms budget on
                // any machine (the test must not hang on how fast this one is)
                cell.setCellFormula("SUMPRODUCT(A$1:A$3000,A$1:A$3000+" + r + ")");
                cells.add(cell);
            }
            long start = System.nanoTime();
            var results = Evaluation.evaluate(wb, cells, 1);
            assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds the caller waited").isLessThan(5_000);
            assertThat(results.values()).anySatisfy(r -> assertThat(r).isInstanceOfSatisfying(Evaluation.NotComputed.class,
                    n -> assertThat(n.reason()).contains("budget")));
            assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().startsWith("formula-evaluation-"))
                    .allSatisfy(t -> assertThat(t.isDaemon()).isTrue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aWholeColumnOfIndexSpillsAndLetComputesWhenWritten() {
        byte[] book = write("S", List.of(List.of(num(1), num(10)), List.of(num(2), num(20))), "N", "M");
        byte[] out = edit(book, new WorkbookEdit.WriteRange("S", CellRange.cell("D1"), List.of(
                List.of(new CellValue.Formula("INDEX(A2:B3,0,2)")),
                List.of(new CellValue.Formula("SUM(INDEX(A2:B3,0,1))")),
                List.of(new CellValue.Formula("LET(x,A2:A3,SUM(x)*2)")))));
        Map<String, String> raw = RawSheet.cells(out, "S");
        // Excel 365 spills INDEX's whole column: the cell shows its first value (a dynamic array formula)
        assertThat(raw.get("D1")).startsWith("=INDEX(A2:B3,0,2)").endsWith("n:10.0");
        assertThat(raw.get("D2")).startsWith("=SUM(INDEX(A2:B3,0,1))").endsWith("n:3.0");
        assertThat(raw.get("D3")).startsWith("=_xlfn.LET(_xlpm.x,A2:A3,SUM(_xlpm.x)*2)").endsWith("n:6.0");
    }

    private static CellValue num(double v) {
        return new CellValue.Number(v);
    }

    private static CellValue text(String v) {
        return new CellValue.Text(v);
    }

    private static byte[] write(String sheet, List<List<CellValue>> rows, String... headers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> names = headers.length > 0 ? List.of(headers) : List.of("N", "T");
        try {
            XlsxFiles.write(() -> List.of(SpiCells.sheet(sheet, names, rows)), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private byte[] edit(byte[] xlsx, WorkbookEdit edit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            summary = new XlsxWorkbookEditor().applyAll(new ByteArrayInputStream(xlsx), List.of(edit), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
