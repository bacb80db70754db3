package dev.sheetsmith.engine.xlsx.edit.pivot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The grid against Excel's refreshed grids, cell for cell. The shared subset runs always; the
 * full recorded set (downloaded outside the project) runs with -Dpivot.golden.full=/path.json and
 * prints cases run and matched per option set.
 */
class PivotGridGoldenTest {

    @Test
    void theSharedSubsetMatchesExcelCellForCell() {
        PivotGoldens.Set2 set = PivotGoldens.read(PivotGoldens.peerFixture("pivot_golden_subset.json"));
        assertThat(set.cases()).hasSize(5);
        List<String> failures = new ArrayList<>();
        for (PivotGoldens.Case c : set.cases()) {
            assertThat(c.unsupported()).as(c.name()).isNull();
            var grid = PivotGrid.compute(PivotGoldens.model(set.headers(), c), set.records());
            String difference = PivotGoldens.difference(c.expected(), grid.cells());
            if (difference != null) {
                failures.add(c.name() + ": " + difference);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    @EnabledIfSystemProperty(named = "pivot.golden.full", matches = ".+")
    void theFullRecordedSetMatchesExcelWhereItsOptionsAreOffered() {
        PivotGoldens.Set2 set = PivotGoldens.read(Path.of(System.getProperty("pivot.golden.full")));
        Map<String, int[]> perSet = new TreeMap<>();
        Map<String, Integer> notRun = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (PivotGoldens.Case c : set.cases()) {
            if (c.unsupported() != null) {
                notRun.merge(c.unsupported(), 1, Integer::sum);
                continue;
            }
            int[] counts = perSet.computeIfAbsent(c.optionSet(), k -> new int[2]);
            counts[0]++;
            var grid = PivotGrid.compute(PivotGoldens.model(set.headers(), c), set.records());
            String difference = PivotGoldens.difference(c.expected(), grid.cells());
            if (difference == null) {
                counts[1]++;
            } else {
                failures.add(c.name() + " (" + c.optionSet() + "): " + difference);
            }
        }
        StringBuilder report = new StringBuilder("pivot golden full set: " + set.cases().size() + " cases\n");
        perSet.forEach((k, v) -> report.append(String.format("  %-45s run %3d matched %3d%n", k, v[0], v[1])));
        notRun.forEach((k, v) -> report.append(String.format("  not run (%s): %d%n", k, v)));
        failures.forEach(f -> report.append("  MISMATCH ").append(f).append('\n'));
        System.out.println(report);
        assertThat(failures).isEmpty();
    }
}
