package dev.sheetsmith.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Table references and newer syntax are formulas of this workbook; other workbooks stay refused. */
class FormulasStructuredReferencesTest {

    @ParameterizedTest
    @ValueSource(strings = {"=SUM(Orders[Qty])", "=[@Qty]*[@Price]", "=Orders[[#Totals],[Qty]]",
        "=Orders[[#This Row],[Qty]]", "=SUM(Orders[[Qty]:[Price]])", "=COUNTA(Orders[#All])", "=SUM(A1#)",
        "=SUM(Spill!A1#)", "=LET(x,5,x*2)", "=LAMBDA(x,x+1)(2)", "=VAR.S(A1:A3)", "=SORT(FILTER(A1:A9,A1:A9>5))",
        "=XLOOKUP(1,A:A,B:B)", "=Orders[Qty] Sheet1!A1:A9", "=[@[Unit Price]]*2"})
    void acceptsWhatExcelAccepts(String formula) {
        assertThat(Formulas.requireSafe(formula, "sheet 'S', cell A1").expression()).isEqualTo(formula.substring(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"=[Book.xlsx]Sheet1!A1", "=SUM([1]Data!A1:A3)", "='[Book.xlsx]My Sheet'!A1",
        "='C:\\x\\[b.xlsx]S'!A1", "=SUM('[b.xlsx]S'!A1:A2)"})
    void refusesOtherWorkbooksSayingWhere(String formula) {
        assertThatThrownBy(() -> Formulas.requireSafe(formula, "sheet 'S', cell A1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("sheet 'S', cell A1: references to other workbooks or files are not allowed");
    }
}
