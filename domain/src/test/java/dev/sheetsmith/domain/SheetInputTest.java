package dev.sheetsmith.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SheetInputTest {

    private static final String SHEET = "Data";

    // ---- test data builders: the shapes Jackson produces from JSON ----

    /** A JSON object: keys and values alternate, insertion order kept. */
    private static Map<String, Object> record(Object... kv) {
        if (kv.length % 2 != 0) {
            throw new IllegalArgumentException("record needs key/value pairs");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            map.put((String) kv[i], kv[i + 1]);
        }
        return map;
    }

    /** A JSON array; may hold null. */
    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    private static CellValue text(String s) {
        return new CellValue.Text(s);
    }

    private static CellValue num(double d) {
        return new CellValue.Number(d);
    }

    private static CellValue bool(boolean b) {
        return new CellValue.Bool(b);
    }

    private static CellValue date(int y, int m, int d) {
        return new CellValue.Date(LocalDate.of(y, m, d));
    }

    private static CellValue dateTime(int y, int mo, int d, int h, int mi) {
        return new CellValue.DateTime(LocalDateTime.of(y, mo, d, h, mi));
    }

    private static final CellValue EMPTY = CellValue.EMPTY;

    private static SheetData parse(Object data, Object headers) {
        return SheetInput.parse(SHEET, data, headers);
    }

    /** The single cell of a one-column, one-row rows-with-headers sheet holding {@code value}. */
    private static CellValue single(Object value) {
        SheetData sheet = parse(List.of(row(value)), List.of("V"));
        assertThat(sheet.rows()).hasSize(1);
        assertThat(sheet.rows().get(0)).hasSize(1);
        return sheet.rows().get(0).get(0);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(Object data, Object headers) {
        return assertThatThrownBy(() -> parse(data, headers))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("sheet '" + SHEET + "'");
    }

    @Nested
    class Shapes {

        @Test
        void columnsObjectGivesHeadersInKeyOrderAndOneRowPerIndex() {
            SheetData sheet = parse(record("Name", row("Ann", "Bob"), "Age", row(30, 41)), null);

            assertThat(sheet.name()).isEqualTo(SHEET);
            assertThat(sheet.headers()).containsExactly("Name", "Age");
            assertThat(sheet.rows()).containsExactly(
                    List.of(text("Ann"), num(30)),
                    List.of(text("Bob"), num(41)));
            assertThat(sheet.rowCount()).isEqualTo(3);
        }

        @Test
        void columnsWithHeadersFollowHeaderOrderAndLeaveAbsentColumnsEmpty() {
            SheetData sheet = parse(record("Name", row("Ann", "Bob"), "Age", row(30, 41)),
                    List.of("Age", "City", "Name"));

            assertThat(sheet.headers()).containsExactly("Age", "City", "Name");
            assertThat(sheet.rows()).containsExactly(
                    List.of(num(30), EMPTY, text("Ann")),
                    List.of(num(41), EMPTY, text("Bob")));
        }

        @Test
        void columnsOfNoValuesGiveHeaderRowOnly() {
            SheetData sheet = parse(record("Name", row(), "Age", row()), null);

            assertThat(sheet.headers()).containsExactly("Name", "Age");
            assertThat(sheet.rows()).isEmpty();
            assertThat(sheet.rowCount()).isEqualTo(1);
        }

        @Test
        void recordsKeepFirstSeenKeyOrder() {
            SheetData sheet = parse(List.of(
                    record("b", 1, "a", 2),
                    record("c", 3, "a", 4),
                    record("d", 5)), null);

            assertThat(sheet.headers()).containsExactly("b", "a", "c", "d");
        }

        @Test
        void recordsMissingKeysBecomeEmptyCells() {
            SheetData sheet = parse(List.of(
                    record("Name", "Ann", "Age", 30),
                    record("Name", "Bob", "City", "Oslo"),
                    record("Age", 7)), null);

            assertThat(sheet.headers()).containsExactly("Name", "Age", "City");
            assertThat(sheet.rows()).containsExactly(
                    List.of(text("Ann"), num(30), EMPTY),
                    List.of(text("Bob"), EMPTY, text("Oslo")),
                    List.of(EMPTY, num(7), EMPTY));
        }

        @Test
        void recordsWithHeadersUseHeaderOrder() {
            SheetData sheet = parse(List.of(record("Name", "Ann", "Age", 30)), List.of("Age", "Name", "Note"));

            assertThat(sheet.headers()).containsExactly("Age", "Name", "Note");
            assertThat(sheet.rows()).containsExactly(List.of(num(30), text("Ann"), EMPTY));
        }

        @Test
        void rowsWithHeadersAreAllData() {
            SheetData sheet = parse(List.of(row("Name", "Age"), row("Ann", 30)), List.of("H1", "H2"));

            assertThat(sheet.headers()).containsExactly("H1", "H2");
            assertThat(sheet.rows()).containsExactly(
                    List.of(text("Name"), text("Age")),
                    List.of(text("Ann"), num(30)));
            assertThat(sheet.rowCount()).isEqualTo(3);
        }

        @Test
        void rowsWithoutHeadersUseFirstRowAsHeaderRow() {
            SheetData sheet = parse(List.of(row("Name", "Age"), row("Ann", 30), row("Bob", 41)), null);

            assertThat(sheet.headers()).containsExactly("Name", "Age");
            assertThat(sheet.rows()).containsExactly(
                    List.of(text("Ann"), num(30)),
                    List.of(text("Bob"), num(41)));
        }

        @Test
        void headerRowScalarsBecomeHeaderText() {
            SheetData sheet = parse(List.of(row(2024, 1.0, 2.5, true, null)), null);

            assertThat(sheet.headers()).containsExactly("2024", "1", "2.5", "true", "");
            assertThat(sheet.rows()).isEmpty();
        }

        @Test
        void rowsShorterThanHeadersStayShort() {
            SheetData sheet = parse(List.of(row("Ann")), List.of("Name", "Age"));

            assertThat(sheet.rows()).containsExactly(List.of(text("Ann")));
            assertThat(sheet.columnCount()).isEqualTo(2);
        }

        @Test
        void headersOnlyWithDataAbsentGiveHeaderRowAndNoDataRows() {
            SheetData sheet = parse(null, List.of("Name", "Age"));

            assertThat(sheet.headers()).containsExactly("Name", "Age");
            assertThat(sheet.rows()).isEmpty();
            assertThat(sheet.hasHeaderRow()).isTrue();
            assertThat(sheet.rowCount()).isEqualTo(1);
        }

        @Test
        void emptyDataListGivesEmptySheet() {
            SheetData sheet = parse(List.of(), null);

            assertThat(sheet.headers()).isEmpty();
            assertThat(sheet.rows()).isEmpty();
            assertThat(sheet.rowCount()).isZero();
        }

        @Test
        void emptyDataListWithHeadersKeepsHeaderRow() {
            SheetData sheet = parse(List.of(), List.of("A", "B"));

            assertThat(sheet.headers()).containsExactly("A", "B");
            assertThat(sheet.rows()).isEmpty();
        }

        @Test
        void appendTreatsEveryRowAsDataAndHasNoHeaderRow() {
            SheetData sheet = SheetInput.parseAppend(SHEET, List.of(row("Name", "Age"), row("Ann", 30, true)), null);

            assertThat(sheet.headers()).isEmpty();
            assertThat(sheet.rows()).containsExactly(
                    List.of(text("Name"), text("Age")),
                    List.of(text("Ann"), num(30), bool(true)));
            assertThat(sheet.columnCount()).isEqualTo(3);
        }
    }

    @Nested
    class Types {

        @Test
        void integersLongsAndDecimalsBecomeNumbers() {
            SheetData sheet = parse(List.of(row(42, 2.5, -7L, 123_456_789_012_345L, new BigDecimal("1.25"),
                    BigInteger.valueOf(99))), List.of("A", "B", "C", "D", "E", "F"));

            assertThat(sheet.rows().get(0)).containsExactly(num(42), num(2.5), num(-7), num(123_456_789_012_345d),
                    num(1.25), num(99));
        }

        @Test
        void booleansBecomeBool() {
            assertThat(single(true)).isEqualTo(bool(true));
            assertThat(single(false)).isEqualTo(bool(false));
        }

        @Test
        void nullBecomesEmpty() {
            assertThat(single(null)).isSameAs(CellValue.EMPTY);
        }

        @Test
        void isoDateBecomesDate() {
            assertThat(single("2024-03-01")).isEqualTo(date(2024, 3, 1));
        }

        @Test
        void leapDayIsARealDate() {
            assertThat(single("2024-02-29")).isEqualTo(date(2024, 2, 29));
        }

        @Test
        void isoDateTimeWithoutOffsetBecomesDateTimeAsGiven() {
            assertThat(single("2024-03-01T09:30:00")).isEqualTo(dateTime(2024, 3, 1, 9, 30));
            assertThat(single("2024-03-01 09:30")).isEqualTo(dateTime(2024, 3, 1, 9, 30));
        }

        @Test
        void dateTimeWithFractionKeepsFraction() {
            assertThat(single("2024-03-01T09:30:15.250"))
                    .isEqualTo(new CellValue.DateTime(LocalDateTime.of(2024, 3, 1, 9, 30, 15, 250_000_000)));
        }

        @Test
        void utcDateTimeKeepsItsClockTime() {
            assertThat(single("2024-03-01T09:30:00Z")).isEqualTo(dateTime(2024, 3, 1, 9, 30));
        }

        @Test
        void positiveOffsetIsConvertedToUtc() {
            assertThat(single("2024-03-01T09:30:00+02:00")).isEqualTo(dateTime(2024, 3, 1, 7, 30));
        }

        @Test
        void negativeOffsetIsConvertedToUtc() {
            assertThat(single("2024-03-01T09:30:00-05:00")).isEqualTo(dateTime(2024, 3, 1, 14, 30));
        }

        @Test
        void offsetConversionCanMoveToThePreviousDay() {
            assertThat(single("2024-03-01T00:30:00+02:00")).isEqualTo(dateTime(2024, 2, 29, 22, 30));
        }

        @ParameterizedTest
        @ValueSource(strings = {"hello", "", "2024-03", "12:30", "2024-03-01 is a Friday", "1.5", "true",
                "20240301", "2024/03/01", "=", "00123"})
        void ordinaryTextStaysText(String s) {
            assertThat(single(s)).isEqualTo(text(s));
        }

        @Test
        void seventeenDigitLongStaysTextWithExactDigits() {
            assertThat(single(12_345_678_901_234_567L)).isEqualTo(text("12345678901234567"));
            assertThat(single(-12_345_678_901_234_567L)).isEqualTo(text("-12345678901234567"));
        }

        @Test
        void seventeenDigitBigIntegerStaysTextWithExactDigits() {
            assertThat(single(new BigInteger("98765432109876543"))).isEqualTo(text("98765432109876543"));
            assertThat(single(new BigInteger("123456789012345678901234567890")))
                    .isEqualTo(text("123456789012345678901234567890"));
        }

        @Test
        void fifteenDigitLongIsStillANumber() {
            assertThat(single(999_999_999_999_999L)).isEqualTo(num(999_999_999_999_999d));
        }

        @Test
        void textStartingWithEqualsIsAFormulaAndApostropheEqualsKeepsText() {
            assertThat(single("=SUM(A1:A3)")).isEqualTo(new CellValue.Formula("SUM(A1:A3)"));
            assertThat(single("'=not a formula")).isEqualTo(text("=not a formula"));
        }

        @Test
        void textOfExactlyTheLimitIsAccepted() {
            String longest = "x".repeat(SheetInput.MAX_TEXT);
            assertThat(single(longest)).isEqualTo(text(longest));
        }

        @Test
        void impossibleDateIsAnErrorNamingRowAndColumn() {
            assertRejected(List.of(record("Id", 1, "When", "2024-03-01"), record("Id", 2, "When", "2024-02-30")), null)
                    .hasMessageContaining("data[1]")
                    .hasMessageContaining("data row 2")
                    .hasMessageContaining("column 'When' (B)")
                    .hasMessageContaining("'2024-02-30'")
                    .hasMessageContaining("not a real one");
        }

        @Test
        void impossibleDateTimeIsAnErrorNamingRowAndColumn() {
            assertRejected(List.of(row("2024-03-01T25:00:00")), List.of("At"))
                    .hasMessageContaining("data[0] (data row 1)")
                    .hasMessageContaining("column 'At' (A)")
                    .hasMessageContaining("2024-03-01T25:00:00");
        }
    }

    @Nested
    class BadInput {

        @Test
        void raggedColumnsNameBothColumnsAndCounts() {
            assertRejected(record("Name", row("Ann", "Bob", "Cy"), "Age", row(30, 41)), null)
                    .hasMessageContaining("column 'Age' has 2 values")
                    .hasMessageContaining("column 'Name' has 3");
        }

        @Test
        void columnThatIsNotAListIsRejected() {
            assertRejected(record("Name", "Ann"), null)
                    .hasMessageContaining("column 'Name' must be a list of values")
                    .hasMessageContaining("not text");
        }

        @Test
        void columnNotAmongGivenHeadersIsRejected() {
            assertRejected(record("Name", row("Ann"), "Age", row(3)), List.of("Name"))
                    .hasMessageContaining("column 'Age'")
                    .hasMessageContaining("not one of the headers [Name]");
        }

        @Test
        void recordThatIsNotAnObjectNamesItsPosition() {
            assertRejected(List.of(record("Name", "Ann"), "not a record"), null)
                    .hasMessageContaining("data[1]")
                    .hasMessageContaining("data row 2")
                    .hasMessageContaining("is text")
                    .hasMessageContaining("record");
        }

        @Test
        void firstItemThatIsNeitherRecordNorRowIsRejected() {
            assertRejected(List.of(1, 2), null)
                    .hasMessageContaining("data[0] (data row 1) is a number");
        }

        @Test
        void rowThatIsNotAListNamesItsPosition() {
            assertRejected(List.of(row("Name"), row("Ann"), record("Name", "Bob")), null)
                    .hasMessageContaining("data[2] (data row 3) is an object")
                    .hasMessageContaining("must be a row");
        }

        @Test
        void rowThatIsNotAListIsRejectedWithHeadersToo() {
            assertRejected(List.of(row("Ann"), "Bob"), List.of("Name"))
                    .hasMessageContaining("data[1] (data row 2) is text");
        }

        @Test
        void rowLongerThanHeadersNamesCounts() {
            assertRejected(List.of(row("Ann", 30), row("Bob", 41, "extra")), List.of("Name", "Age"))
                    .hasMessageContaining("data[1] (data row 2) has 3 values")
                    .hasMessageContaining("2 headers");
        }

        @Test
        void rowLongerThanHeaderRowIsRejected() {
            assertRejected(List.of(row("Name"), row("Ann", 30)), null)
                    .hasMessageContaining("data[1] (data row 2) has 2 values")
                    .hasMessageContaining("1 headers");
        }

        @Test
        void nestedObjectAsCellNamesColumnLetterAndHeader() {
            assertRejected(List.of(row("Ann", record("x", 1))), List.of("Name", "Info"))
                    .hasMessageContaining("data[0] (data row 1)")
                    .hasMessageContaining("column 'Info' (B)")
                    .hasMessageContaining("an object");
        }

        @Test
        void nestedListInRecordNamesColumnLetterAndHeader() {
            assertRejected(List.of(record("Name", "Ann", "Tags", row("a", "b"))), null)
                    .hasMessageContaining("column 'Tags' (B)")
                    .hasMessageContaining("a list");
        }

        @Test
        void neitherDataNorHeadersIsRejected() {
            assertRejected(null, null)
                    .hasMessageContaining("'data'")
                    .hasMessageContaining("'headers'");
        }

        @Test
        void dataBeingAStringIsRejected() {
            assertRejected("Name,Age\nAnn,30", null)
                    .hasMessageContaining("'data' must be")
                    .hasMessageContaining("not text");
        }

        @Test
        void headersNotAListAreRejected() {
            assertRejected(List.of(row("Ann")), "Name")
                    .hasMessageContaining("'headers' must be a list of column names")
                    .hasMessageContaining("not text");
        }

        @Test
        void headerThatIsAnObjectNamesItsColumn() {
            assertRejected(null, List.of("Name", record("x", 1)))
                    .hasMessageContaining("'headers' item 2 (column B) is an object");
        }

        @Test
        void headerRowItemThatIsAListNamesItsColumn() {
            assertRejected(List.of(row("Name", row("nested"))), null)
                    .hasMessageContaining("data[0] (the header row) item 2 (column B) is a list");
        }

        @Test
        void recordKeyNotInGivenHeadersIsRejected() {
            assertRejected(List.of(record("Name", "Ann"), record("Name", "Bob", "Age", 41)), List.of("Name"))
                    .hasMessageContaining("data[1] (data row 2)")
                    .hasMessageContaining("key 'Age'")
                    .hasMessageContaining("[Name]");
        }

        @Test
        void textLongerThanExcelAllowsIsRejected() {
            String tooLong = "x".repeat(SheetInput.MAX_TEXT + 1);
            assertRejected(List.of(record("Id", 1, "Note", tooLong)), null)
                    .hasMessageContaining("data[0] (data row 1)")
                    .hasMessageContaining("column 'Note' (B)")
                    .hasMessageContaining("32768 characters")
                    .hasMessageContaining("32767");
        }

        @Test
        void unsafeFormulaIsRejectedNamingSheetAndCell() {
            assertRejected(List.of(row("=WEBSERVICE(\"http://x\")")), List.of("F"))
                    .hasMessageContaining("data[0] (data row 1), column 'F' (A)")
                    .hasMessageContaining("WEBSERVICE");
        }

        @Test
        void invalidSheetNameIsRejectedBeforeData() {
            assertThatThrownBy(() -> SheetInput.parse("a/b", List.of(), null))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("'a/b'");
        }
    }

    @Nested
    class Values {

        @Test
        void valuesAreReadAsRowsOfCells() {
            List<List<CellValue>> rows = SheetInput.parseValues(SHEET, CellRange.cell("B2"),
                    List.of(row(1, "a"), row(null, "2024-03-01")));

            assertThat(rows).containsExactly(List.of(num(1), text("a")), List.of(EMPTY, date(2024, 3, 1)));
        }

        @Test
        void badValueNamesTheSheetAndTheCellCountedFromStart() {
            assertThatThrownBy(() -> SheetInput.parseValues(SHEET, CellRange.cell("B2"),
                    List.of(row(1, 2), row(3, record("x", 1)))))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("sheet '" + SHEET + "'")
                    .hasMessageContaining("cell C3");
        }

        @Test
        void valuesMustBeANonEmptyListOfRows() {
            assertThatThrownBy(() -> SheetInput.parseValues(SHEET, CellRange.cell("A1"), List.of()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("'values'");
            assertThatThrownBy(() -> SheetInput.parseValues(SHEET, CellRange.cell("A1"), List.of(row(1), "x")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("values[1]");
        }
    }

    @Test
    void columnLettersFollowExcel() {
        assertThat(SheetInput.columnLetter(0)).isEqualTo("A");
        assertThat(SheetInput.columnLetter(25)).isEqualTo("Z");
        assertThat(SheetInput.columnLetter(26)).isEqualTo("AA");
        assertThat(SheetInput.columnLetter(701)).isEqualTo("ZZ");
        assertThat(SheetInput.columnLetter(702)).isEqualTo("AAA");
        assertThat(SheetInput.columnLetter(SheetInput.MAX_COLUMNS - 1)).isEqualTo("XFD");
    }

    /** Found by review: the "'=" escape skipped the length check, and huge numbers escaped as a bare exception. */
    @Test
    void escapedFormulaTextAndHugeNumbersGetTheUsualChecks() {
        assertThatThrownBy(() -> SheetInput.parse("Data", List.of(List.of("'=" + "x".repeat(40_000))), List.of("V")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("32767").hasMessageContaining("column 'V'");
        assertThatThrownBy(() -> SheetInput.parse("Data", List.of(List.of(new BigDecimal("1e400"))), List.of("V")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("too large")
                .hasMessageContaining("sheet 'Data'").hasMessageContaining("column 'V' (A)");
        assertThatThrownBy(() -> SheetInput.parse("Data", List.of(List.of(Double.POSITIVE_INFINITY)), List.of("V")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("data[0]");
    }

    /** Excel counts days from 1900; an earlier date would be written as a wrong number (seen: -1), so it stays text. */
    @Test
    void datesBeforeExcelsFirstDayStayText() {
        SheetData sheet = SheetInput.parse("S", List.of(List.of("1850-01-01", "1899-12-31T10:00:00", "1900-01-01")),
                List.of("a", "b", "c"));
        assertThat(sheet.rows().get(0)).containsExactly(new CellValue.Text("1850-01-01"),
                new CellValue.Text("1899-12-31T10:00:00"), new CellValue.Date(LocalDate.of(1900, 1, 1)));
    }
}
