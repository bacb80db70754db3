package dev.sheetsmith.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CellValueTest {

    @Test
    void emptyDisplaysAsNothing() {
        assertThat(CellValue.EMPTY.display()).isEmpty();
    }

    @Test
    void textDisplaysAsItself() {
        assertThat(new CellValue.Text("héllo world").display()).isEqualTo("héllo world");
    }

    @Test
    void wholeNumbersDisplayWithoutFraction() {
        assertThat(new CellValue.Number(42).display()).isEqualTo("42");
        assertThat(new CellValue.Number(-3).display()).isEqualTo("-3");
        assertThat(new CellValue.Number(0).display()).isEqualTo("0");
        assertThat(new CellValue.Number(123_456_789_012_345d).display()).isEqualTo("123456789012345");
    }

    @Test
    void fractionalNumbersDisplayTheirFraction() {
        assertThat(new CellValue.Number(2.5).display()).isEqualTo("2.5");
        assertThat(new CellValue.Number(-0.125).display()).isEqualTo("-0.125");
    }

    @Test
    void booleansDisplayAsExcelDoes() {
        assertThat(new CellValue.Bool(true).display()).isEqualTo("TRUE");
        assertThat(new CellValue.Bool(false).display()).isEqualTo("FALSE");
    }

    @Test
    void dateDisplaysAsIso() {
        assertThat(new CellValue.Date(LocalDate.of(2024, 3, 1)).display()).isEqualTo("2024-03-01");
    }

    @Test
    void dateTimeDisplaysWithSpaceInsteadOfT() {
        assertThat(new CellValue.DateTime(LocalDateTime.of(2024, 3, 1, 9, 30, 15)).display())
                .isEqualTo("2024-03-01 09:30:15");
    }

    @Test
    void formulaDisplaysWithLeadingEquals() {
        assertThat(new CellValue.Formula("SUM(A1:A3)").display()).isEqualTo("=SUM(A1:A3)");
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void numberRejectsNonFiniteValues(double value) {
        assertThatThrownBy(() -> new CellValue.Number(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
    }

    @Test
    void valuesWithContentRejectNull() {
        assertThatThrownBy(() -> new CellValue.Text(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new CellValue.Date(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new CellValue.DateTime(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new CellValue.Formula(null)).isInstanceOf(NullPointerException.class);
    }
}
