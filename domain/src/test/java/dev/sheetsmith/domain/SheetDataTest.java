package dev.sheetsmith.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SheetDataTest {

    private static List<CellValue> row(String... values) {
        List<CellValue> cells = new ArrayList<>();
        for (String v : values) {
            cells.add(new CellValue.Text(v));
        }
        return cells;
    }

    @Test
    void rowCountIncludesHeaderRowOnlyWhenThereIsOne() {
        assertThat(new SheetData("S", List.of("A"), List.of(row("1"), row("2"))).rowCount()).isEqualTo(3);
        assertThat(new SheetData("S", List.of(), List.of(row("1"), row("2"))).rowCount()).isEqualTo(2);
    }

    @Test
    void columnCountIsTheWidestOfHeadersAndRows() {
        assertThat(new SheetData("S", List.of("A", "B"), List.of(row("1"))).columnCount()).isEqualTo(2);
        assertThat(new SheetData("S", List.of("A"), List.of(row("1"), row("1", "2", "3"))).columnCount()).isEqualTo(3);
    }

    @Test
    void rejectsInvalidSheetName() {
        assertThatThrownBy(() -> new SheetData("bad?name", List.of(), List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'bad?name'");
    }

    @Test
    void copiesRowsSoLaterChangesDoNotLeakIn() {
        List<CellValue> first = row("a");
        List<List<CellValue>> rows = new ArrayList<>(List.of(first));
        SheetData sheet = new SheetData("S", List.of(), rows);
        first.add(new CellValue.Text("b"));
        rows.add(row("c"));

        assertThat(sheet.rows()).containsExactly(List.of(new CellValue.Text("a")));
    }

    /** Items read afresh on each pass, counting the passes, as a large request's spilled rows are. */
    private static final class Streamed extends java.util.AbstractList<Object> implements StreamedList {
        private final List<Object> items;
        int passes;

        Streamed(List<Object> items) {
            this.items = items;
        }

        @Override
        public Object get(int index) {
            return items.get(index);
        }

        @Override
        public int size() {
            return items.size();
        }

        @Override
        public java.util.Iterator<Object> iterator() {
            passes++;
            return items.iterator();
        }
    }

    @Test
    void columnKindsAndFormulasOfStreamedRowsComeFromTheCheckingPassAndMatchHeldRows() {
        List<Object> data = List.of(
                java.util.Arrays.asList(1, "a", "2024-02-29", null, "x"),
                java.util.Arrays.asList(2.5, "b", 3, true, "=A2*2"),
                java.util.Arrays.asList(null, 7, "2024-03-01T10:00:00", "c"));
        List<String> headers = List.of("n", "t", "d", "m", "f");
        Streamed streamed = new Streamed(data);
        SheetData fromStream = SheetInput.parse("S", streamed, headers);
        SheetData held = SheetInput.parse("S", data, headers);
        assertThat(fromStream.streamed()).isTrue();
        assertThat(streamed.passes).as("the checking pass").isEqualTo(1);
        SheetData.ColumnKinds a = fromStream.columnKinds();
        assertThat(fromStream.hasFormulas()).isTrue();
        assertThat(streamed.passes).as("kinds and formulas without another pass").isEqualTo(1);
        SheetData.ColumnKinds b = held.columnKinds();
        for (int c = 0; c < 6; c++) {
            assertThat(a.number(c)).as("number in column " + c).isEqualTo(b.number(c));
            assertThat(a.date(c)).as("date in column " + c).isEqualTo(b.date(c));
        }
        assertThat(List.of(b.number(0), b.number(1), b.number(2), b.number(3), b.number(4)))
                .containsExactly(true, true, true, false, false);
        assertThat(List.of(b.date(0), b.date(1), b.date(2), b.date(3), b.date(4)))
                .containsExactly(false, false, true, false, false);
        assertThat(held.hasFormulas()).isTrue();
    }
}
