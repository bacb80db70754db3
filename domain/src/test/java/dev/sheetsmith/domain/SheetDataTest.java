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
}
