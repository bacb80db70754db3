package dev.sheetsmith.engine.xlsx.edit.pivot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PivotGridTest {

    /**
     * A row field with a distinct item per record (order ids) under a column field: the grid is
     * filled in one pass per row over its own records, not one pass over the source per cell.
     */
    @Test
    @Timeout(120) // a guard against a pass per cell (hours at this size); speed itself is for bench/
    void aHundredThousandDistinctItemsAreComputedInOnePassPerRow() {
        List<Object[]> records = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            records.add(new Object[] {"order " + i, i % 2 == 0 ? "Web" : "Shop", (double) (i % 7)});
        }
        PivotModel model = new PivotModel(List.of("Order", "Channel", "Units"), List.of(0), List.of(1),
                List.of(new PivotModel.DataField(2, "sum", "Sum of Units", null)), PivotModel.Layout.TABULAR, true,
                true, true);
        PivotGrid.Grid grid = PivotGrid.compute(model, records);
        assertThat(grid.height()).isEqualTo(2 + 100_000 + 1);
        assertThat(grid.width()).isEqualTo(1 + 2 + 1);
        Object[] total = grid.cells()[grid.height() - 1];
        assertThat(total[0]).isEqualTo("Grand Total");
        double all = 0;
        for (int i = 0; i < 100_000; i++) {
            all += i % 7;
        }
        assertThat((Double) total[3]).isEqualTo(all);
    }

    @Test
    void errorsInTheSourceShowInTheCellsTheyReachAndCountIgnoresNothing() {
        List<Object[]> records = List.of(new Object[] {"a", 1.0}, new Object[] {"a", new PivotGrid.ErrorValue(
                "#N/A")}, new Object[] {"b", "text"}, new Object[] {"b", 2.0}, new Object[] {"c", 5.0});
        PivotModel sum = new PivotModel(List.of("K", "V"), List.of(0), List.of(),
                List.of(new PivotModel.DataField(1, "sum", "Sum of V", null),
                        new PivotModel.DataField(1, "count", "Count of V", null),
                        new PivotModel.DataField(1, "stdDev", "StdDev of V", null)),
                PivotModel.Layout.COMPACT, true, true, true);
        sum = new PivotModel(sum.fieldNames(), sum.rowFields(), List.of(PivotModel.VALUES), sum.dataFields(),
                sum.layout(), true, true, true);
        Object[][] cells = PivotGrid.compute(sum, records).cells();
        assertThat(cells[0]).containsExactly("Row Labels", "Sum of V", "Count of V", "StdDev of V");
        assertThat(cells[1]).containsExactly("a", new PivotGrid.ErrorValue("#N/A"), 2.0,
                new PivotGrid.ErrorValue("#N/A"));
        assertThat(cells[2]).containsExactly("b", 2.0, 2.0, new PivotGrid.ErrorValue("#DIV/0!"));
        assertThat(cells[3]).containsExactly("c", 5.0, 1.0, new PivotGrid.ErrorValue("#DIV/0!"));
        assertThat(cells[4][0]).isEqualTo("Grand Total");
        assertThat(cells[4][2]).isEqualTo(5.0);
    }
}
