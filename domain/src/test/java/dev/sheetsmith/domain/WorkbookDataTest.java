package dev.sheetsmith.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkbookDataTest {

    private static List<CellValue> row(Object... values) {
        List<CellValue> cells = new ArrayList<>();
        for (Object v : values) {
            cells.add(v == null ? CellValue.EMPTY
                    : v instanceof String s ? new CellValue.Text(s)
                    : new CellValue.Number(((Number) v).doubleValue()));
        }
        return cells;
    }

    @SafeVarargs
    private static SheetData sheet(String name, List<String> headers, List<CellValue>... rows) {
        return new SheetData(name, headers, Arrays.asList(rows));
    }

    @Test
    void keepsSheetsInGivenOrder() {
        WorkbookData workbook = new WorkbookData(List.of(sheet("B", List.of()), sheet("A", List.of())));

        assertThat(workbook.sheets()).extracting(SheetData::name).containsExactly("B", "A");
    }

    @Test
    void rejectsDuplicateSheetNamesIgnoringCase() {
        List<SheetData> sheets = List.of(sheet("Sales", List.of("A")), sheet("Other", List.of()),
                sheet("SALES", List.of("B")));

        assertThatThrownBy(() -> new WorkbookData(sheets))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'SALES'")
                .hasMessageContaining("used twice");
    }

    @Test
    void rejectsExactDuplicateSheetNames() {
        assertThatThrownBy(() -> new WorkbookData(List.of(sheet("Data", List.of()), sheet("Data", List.of()))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'Data'");
    }

    @Test
    void rejectsEmptySheetList() {
        assertThatThrownBy(() -> new WorkbookData(List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at least one sheet");
    }

    @Test
    void cellCountAddsHeaderCellsAndRowCellsOfEverySheet() {
        SheetData people = sheet("People", List.of("Name", "Age"), row("Ann", 30), row("Bob"));
        SheetData notes = sheet("Notes", List.of(), row("x", null, "z"));

        assertThat(people.cellCount()).isEqualTo(5);
        assertThat(notes.cellCount()).isEqualTo(3);
        assertThat(new WorkbookData(List.of(people, notes)).cellCount()).isEqualTo(8);
    }

    @Test
    void isNotChangedByLaterChangesToTheGivenList() {
        List<SheetData> sheets = new ArrayList<>(List.of(sheet("One", List.of())));
        WorkbookData workbook = new WorkbookData(sheets);
        sheets.add(sheet("Two", List.of()));

        assertThat(workbook.sheets()).hasSize(1);
    }
}
