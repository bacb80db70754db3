package dev.sheetsmith.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SheetInputTest {

    @Test
    void columnsBecomeRowsInKeyOrder() {
        SheetData sheet = SheetInput.parse("S", record("Name", List.of("Ada", "Linus"), "Age", List.of(36, 54)), null);
        assertThat(sheet.headers()).containsExactly("Name", "Age");
        assertThat(sheet.rows()).containsExactly(List.of(text("Ada"), num(36)), List.of(text("Linus"), num(54)));
    }

    @Test
    void recordsKeepFirstSeenKeyOrderAndMissingKeysAreEmpty() {
        SheetData sheet = SheetInput.parse("S", List.of(record("Name", "Ada", "Age", 36),
                record("City", "Oslo", "Name", "Linus")), null);
        assertThat(sheet.headers()).containsExactly("Name", "Age", "City");
        assertThat(sheet.rows().get(1)).containsExactly(text("Linus"), CellValue.EMPTY, text("Oslo"));
    }

    @Test
    void rowsWithoutHeadersTakeTheFirstRowAsHeaderRow() {
        SheetData sheet = SheetInput.parse("S", List.of(List.of("City", "Population"), List.of("Oslo", 709000)), null);
        assertThat(sheet.headers()).containsExactly("City", "Population");
        assertThat(sheet.rows()).containsExactly(List.of(text("Oslo"), num(709000)));
    }

    @Test
    void rowsWithHeadersAreAllDataAndShortRowsArePadded() {
        SheetData sheet = SheetInput.parse("S", List.of(List.of(1, 2), List.of(3)), List.of("A", "B"));
        assertThat(sheet.rows()).hasSize(2);
        assertThat(sheet.rows().get(1)).containsExactly(num(3));
        assertThat(sheet.columnCount()).isEqualTo(2);
    }

    @Test
    void headersAloneMakeOneHeaderRowAndNoData() {
        SheetData sheet = SheetInput.parse("S", null, List.of("Name", "Email"));
        assertThat(sheet.headers()).containsExactly("Name", "Email");
        assertThat(sheet.rows()).isEmpty();
        assertThat(sheet.rowCount()).isEqualTo(1);
    }

    @Test
    void anEmptyListMakesAnEmptySheet() {
        assertThat(SheetInput.parse("S", List.of(), null).rowCount()).isZero();
    }

    @Test
    void valuesKeepTheirTypes() {
        SheetData sheet = SheetInput.parse("S", List.of(Arrays.asList(1, 2.5, true, null, "text", "2024-03-01",
                "2024-03-01T09:30:00", "2024-03-01T09:30:00Z", "2024-03-01T09:30:00+02:00", 12345678901234567L,
                new BigInteger("123456789012345678901"), "=SUM(A1:B1)", "'=not a formula")), List.of(
                        "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m"));
        assertThat(sheet.rows().get(0)).containsExactly(num(1), num(2.5), new CellValue.Bool(true), CellValue.EMPTY,
                text("text"), new CellValue.Date(LocalDate.of(2024, 3, 1)),
                new CellValue.DateTime(LocalDateTime.of(2024, 3, 1, 9, 30)),
                new CellValue.DateTime(LocalDateTime.of(2024, 3, 1, 9, 30)),
                new CellValue.DateTime(LocalDateTime.of(2024, 3, 1, 7, 30)),
                text("12345678901234567"), text("123456789012345678901"), new CellValue.Formula("SUM(A1:B1)"),
                text("=not a formula"));
    }

    @Test
    void aRecordThatIsNotAnObjectNamesItsRow() {
        assertThatThrownBy(() -> SheetInput.parse("People", List.of(record("a", 1), "not a record"), null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("sheet 'People'").hasMessageContaining("data[1]").hasMessageContaining("data row 2");
    }

    @Test
    void raggedColumnsNameBothColumnsAndCounts() {
        assertThatThrownBy(() -> SheetInput.parse("S", record("Name", List.of("a", "b"), "Age", List.of(1)), null))
                .hasMessageContaining("column 'Age' has 1 values").hasMessageContaining("column 'Name' has 2");
    }

    @Test
    void aNestedValueNamesRowColumnAndHeader() {
        assertThatThrownBy(() -> SheetInput.parse("S", List.of(record("Name", "a", "Tags", List.of("x"))), null))
                .hasMessageContaining("data[0] (data row 1), column 'Tags' (B)").hasMessageContaining("a list");
    }

    @Test
    void otherBadShapesAreNamed() {
        assertThatThrownBy(() -> SheetInput.parse("S", null, null)).hasMessageContaining("give 'data'");
        assertThatThrownBy(() -> SheetInput.parse("S", "text", null)).hasMessageContaining("not text");
        assertThatThrownBy(() -> SheetInput.parse("S", List.of(List.of(1), "x"), List.of("a")))
                .hasMessageContaining("data[1]").hasMessageContaining("must be a row");
        assertThatThrownBy(() -> SheetInput.parse("S", List.of(List.of(1, 2, 3)), List.of("a", "b")))
                .hasMessageContaining("data[0]").hasMessageContaining("3 values but there are 2 headers");
        assertThatThrownBy(() -> SheetInput.parse("S", List.of(42), null)).hasMessageContaining("data[0]");
        assertThatThrownBy(() -> SheetInput.parse("S", null, "Name")).hasMessageContaining("'headers' must be a list");
        assertThatThrownBy(() -> SheetInput.parse("S", List.of(record("Nick", "x")), List.of("Name")))
                .hasMessageContaining("key 'Nick'");
        assertThatThrownBy(() -> SheetInput.parse("S", List.of(List.of("x".repeat(32_768))), List.of("a")))
                .hasMessageContaining("32767");
        assertThatThrownBy(() -> SheetInput.parse("S", List.of(List.of("2024-02-30")), List.of("When")))
                .hasMessageContaining("column 'When' (A)").hasMessageContaining("not a real one");
        assertThatThrownBy(() -> SheetInput.parse("S", List.of(List.of("=WEBSERVICE(\"http://x\")")), List.of("a")))
                .hasMessageContaining("WEBSERVICE").hasMessageContaining("data[0]");
    }

    @Test
    void appendedRowsAreAllDataAndValuesForWriteRangeNameTheirCell() {
        SheetData rows = SheetInput.parseAppend("S", List.of(List.of("a", 1), List.of("b", 2)), null);
        assertThat(rows.hasHeaderRow()).isFalse();
        assertThat(rows.rows()).hasSize(2);
        assertThatThrownBy(() -> SheetInput.parseValues("S", CellRange.cell("C3"), List.of(List.of(1, Map.of()))))
                .hasMessageContaining("cell D3");
        assertThat(SheetInput.parseValues("S", CellRange.cell("A1"), List.of(List.of("=A2")))
                .get(0)).containsExactly(new CellValue.Formula("A2"));
    }

    @Test
    void columnLettersFollowExcel() {
        assertThat(SheetInput.columnLetter(0)).isEqualTo("A");
        assertThat(SheetInput.columnLetter(25)).isEqualTo("Z");
        assertThat(SheetInput.columnLetter(26)).isEqualTo("AA");
        assertThat(SheetInput.columnLetter(16_383)).isEqualTo("XFD");
    }

    private static CellValue text(String s) {
        return new CellValue.Text(s);
    }

    private static CellValue num(double d) {
        return new CellValue.Number(d);
    }

    /** A JSON object with keys in the order given. */
    static Map<String, Object> record(Object... kv) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            map.put((String) kv[i], kv[i + 1]);
        }
        return map;
    }
}
