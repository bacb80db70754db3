package dev.sheetsmith.engine.xlsx.edit.pivot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.PivotSpec;
import dev.sheetsmith.domain.WorkbookEdit;
import dev.sheetsmith.engine.xlsx.LibreOffice;
import dev.sheetsmith.engine.xlsx.RawSheet;
import dev.sheetsmith.engine.xlsx.edit.XlsxWorkbookEditor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * create_pivot_table through the workbook editor: the saved file's cells (read back as raw XML,
 * not POI) are Excel's refreshed grid for the shared golden cases, the cache records hold the
 * source, edits of the source recompute the pivot, and LibreOffice opens the file and refreshes it
 * to the same numbers.
 */
class PivotTableEditTest {

    private static final PivotGoldens.Set2 GOLDEN = PivotGoldens.read(
            PivotGoldens.peerFixture("pivot_golden_subset.json"));

    private final XlsxWorkbookEditor editor = new XlsxWorkbookEditor();
    private String summary;

    @TempDir
    Path work;

    static byte[] source() {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = wb.createSheet("Data");
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
            Row header = sheet.createRow(0);
            for (int c = 0; c < GOLDEN.headers().size(); c++) {
                header.createCell(c).setCellValue(GOLDEN.headers().get(c));
            }
            for (int r = 0; r < GOLDEN.records().size(); r++) {
                Row row = sheet.createRow(r + 1);
                Object[] record = GOLDEN.records().get(r);
                for (int c = 0; c < record.length; c++) {
                    if (record[c] instanceof Double d) {
                        Cell cell = row.createCell(c);
                        cell.setCellValue(d);
                        if (GOLDEN.headers().get(c).equals("Date")) {
                            cell.setCellStyle(date);
                        }
                    } else if (record[c] instanceof String s) {
                        row.createCell(c).setCellValue(s);
                    }
                }
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] apply(byte[] xlsx, WorkbookEdit edit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            summary = editor.apply(new ByteArrayInputStream(xlsx), edit, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static WorkbookEdit.CreatePivot create(PivotGoldens.Case c) {
        List<PivotSpec.Value> values = new ArrayList<>();
        for (PivotGoldens.Value v : c.values()) {
            values.add(new PivotSpec.Value(v.field(), v.function(), null, v.numberFormat()));
        }
        return new WorkbookEdit.CreatePivot("Data", new PivotSpec(null, c.rows(), c.columns(), values, null,
                "Pivot", null, null, new PivotSpec.Options(c.layout(), c.subtotals(), null, null, c.valuesIn())));
    }

    /** The pivot's cells from the raw sheet XML, as a grid from A3 over the given size. */
    static Object[][] grid(byte[] xlsx, int height, int width) {
        Map<String, String> cells = RawSheet.cells(xlsx, "Pivot");
        Object[][] grid = new Object[height][width];
        for (Map.Entry<String, String> cell : cells.entrySet()) {
            CellReference ref = new CellReference(cell.getKey());
            int r = ref.getRow() - 2;
            int c = ref.getCol();
            assertThat(r).as("cell " + cell.getKey() + " above or below the pivot").isBetween(0, height - 1);
            assertThat(c).as("cell " + cell.getKey() + " right of the pivot").isBetween(0, width - 1);
            String v = cell.getValue();
            grid[r][c] = v.startsWith("n:") ? (Object) Double.parseDouble(v.substring(2))
                    : v.startsWith("e:") ? new PivotGrid.ErrorValue(v.substring(2)) : v.substring(2);
        }
        return grid;
    }

    @Test
    void theSavedPivotHoldsExcelsRefreshedGridCellForCell() {
        byte[] data = source();
        List<String> failures = new ArrayList<>();
        for (PivotGoldens.Case c : GOLDEN.cases()) {
            byte[] x = apply(data, create(c));
            assertThat(summary).contains("its cells hold the computed numbers");
            int height = c.expected().size();
            int width = c.expected().get(0).size();
            String difference = PivotGoldens.difference(c.expected(), grid(x, height, width));
            if (difference != null) {
                failures.add(c.name() + ": " + difference);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void theCacheRecordsHoldTheSourceAndItsKinds() {
        byte[] x = apply(source(), create(GOLDEN.cases().get(0)));
        Map<String, String> parts = LibreOffice.entries(x);
        String records = parts.get(LibreOffice.named(parts, "xl/pivotCache/pivotCacheRecords").get(0));
        assertThat(records).contains("count=\"14\"");
        assertThat(count(records, "<r>")).isEqualTo(14);
        // North, Apples, Web, 2024-01-15, 10, 1.5, 11.5, 3: the first source row, as Excel caches it.
        assertThat(records).contains("<r><s v=\"North\"/><s v=\"Apples\"/><s v=\"Web\"/>"
                + "<d v=\"2024-01-15T00:00:00\"/><n v=\"10\"/><n v=\"1.5\"/><n v=\"11.5\"/><n v=\"3\"/></r>");
        // Region is empty in one row, Units in another: missing values, not zeros.
        assertThat(records).contains("<r><m/><s v=\"Pears\"/>").contains("<s v=\"Web\"/><d v=\"2025-07-20T00:00:00\"/>"
                + "<m/><n v=\"3\"/>");
        // Summing the cached Units gives the grand total the sheet shows.
        double units = 0;
        Matcher m = Pattern.compile("<r>(?:<[^>]+>){4}<n v=\"([^\"]+)\"/>").matcher(records);
        while (m.find()) {
            units += Double.parseDouble(m.group(1));
        }
        assertThat(units).isEqualTo(106.0);
        String definition = parts.get(LibreOffice.named(parts, "xl/pivotCache/pivotCacheDefinition").get(0));
        assertThat(definition).contains("recordCount=\"14\"").contains("refreshOnLoad=\"true\"")
                .contains("containsBlank=\"true\"").contains("containsDate=\"true\"");
        String table = parts.get(LibreOffice.named(parts, "xl/pivotTables/pivotTable").get(0));
        assertThat(table).contains("ref=\"A3:B9\"/>").contains("tag=\"sheetsmith\"");
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    @Test
    void everyEditOfTheSourceRecomputesThePivot() {
        // c1: Sum of Units by Region; North is 34 of 106.
        byte[] x = apply(source(), create(GOLDEN.cases().get(0)));
        assertThat(RawSheet.cells(x, "Pivot")).containsEntry("B5", "n:34.0").containsEntry("B9", "n:106.0");
        byte[] written = apply(x, new WorkbookEdit.WriteRange("Data", CellRange.cell("E2"),
                List.of(List.of(new CellValue.Number(110)))));
        assertThat(summary).contains("wrote E2");
        assertThat(RawSheet.cells(written, "Pivot")).containsEntry("B5", "n:134.0").containsEntry("B9", "n:206.0");
        byte[] cleared = apply(x, new WorkbookEdit.ClearRange("Data", CellRange.parse("E2:E3")));
        assertThat(RawSheet.cells(cleared, "Pivot")).containsEntry("B5", "n:24.0").containsEntry("B9", "n:91.0");
        byte[] replaced = apply(x, new WorkbookEdit.ReplaceCells("Data", null, "West", "North", true, true));
        assertThat(RawSheet.cells(replaced, "Pivot")).containsEntry("A5", "s:North").containsEntry("B5", "n:48.0")
                .containsEntry("A8", "s:Grand Total").doesNotContainKey("B9");
        byte[] copied = apply(x, new WorkbookEdit.CopyRange("Data", CellRange.parse("A3"), null,
                CellRange.parse("A2")));
        assertThat(RawSheet.cells(copied, "Pivot")).containsEntry("B5", "n:24.0").containsEntry("B6", "n:27.0");
        byte[] sorted = apply(x, new WorkbookEdit.SortRange("Data", CellRange.parse("A1:H15"),
                List.of(new WorkbookEdit.SortKey(4, false)), true));
        // Sorting moves rows, not numbers; "east" (20 units) now comes first, so its spelling names the item.
        Map<String, String> after = RawSheet.cells(sorted, "Pivot");
        Map<String, String> before = RawSheet.cells(x, "Pivot");
        for (String ref : before.keySet()) {
            if (ref.startsWith("B")) {
                assertThat(after).containsEntry(ref, before.get(ref));
            }
        }
        assertThat(after.get("A4")).isEqualTo("s:east");
    }

    @Test
    void theSourceFollowsARenameAndInsertedOrDeletedRowsAsInExcel() {
        byte[] x = apply(source(), create(GOLDEN.cases().get(0)));
        byte[] renamed = apply(apply(x, new WorkbookEdit.RenameSheet("Data", "Sales")), new WorkbookEdit.WriteRange(
                "Sales", CellRange.cell("E2"), List.of(List.of(new CellValue.Number(110)))));
        assertThat(RawSheet.cells(renamed, "Pivot")).containsEntry("B5", "n:134.0").containsEntry("B9", "n:206.0");
        assertThat(LibreOffice.entries(renamed).values().stream().filter(v -> v.contains("<worksheetSource")))
                .singleElement().satisfies(v -> assertThat(v).contains("sheet=\"Sales\""));
        // A row inserted inside the source stretches it: the last row (West, 14) is still counted.
        byte[] inserted = apply(apply(x, new WorkbookEdit.ShiftLines("Data", true, true, 2, 1)),
                new WorkbookEdit.WriteRange("Data", CellRange.cell("A3"), List.of(List.of(new CellValue.Text("North"),
                        new CellValue.Text("Pears"), new CellValue.Text("Web"), new CellValue.Empty(),
                        new CellValue.Number(100)))));
        assertThat(RawSheet.cells(inserted, "Pivot")).containsEntry("B5", "n:134.0").containsEntry("B7", "n:14.0")
                .containsEntry("B9", "n:206.0");
        byte[] deleted = apply(x, new WorkbookEdit.ShiftLines("Data", true, false, 1, 1));
        assertThat(RawSheet.cells(deleted, "Pivot")).containsEntry("B5", "n:24.0").containsEntry("B9", "n:96.0");
    }

    @Test
    void aDateFieldsItemsAreDatesInTheSourcesFormat() throws IOException {
        byte[] x = apply(source(), new WorkbookEdit.CreatePivot("Data", new PivotSpec(null, List.of("Date", "Region"),
                null, List.of(new PivotSpec.Value("Units", "sum", null)), null, "Pivot", null, null,
                new PivotSpec.Options("tabular", null, null, null, null))));
        Map<String, String> cells = RawSheet.cells(x, "Pivot");
        // 2024-01-15 is the earliest date (serial 45306): North, 10; then its subtotal row.
        assertThat(cells).containsEntry("A4", "n:45306.0").containsEntry("B4", "s:North").containsEntry("C4", "n:10.0")
                .containsEntry("A5", "s:2024-01-15 Total");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(x))) {
            assertThat(wb.getSheet("Pivot").getRow(3).getCell(0).getCellStyle().getDataFormatString())
                    .isEqualTo("yyyy-mm-dd");
        }
    }

    @Test
    void aReportFilterShowsAboveTheTableAsExcelShowsIt() {
        // The recorded c176: rows Region, filter Channel (all items), Sum of Units, tabular.
        byte[] x = apply(source(), new WorkbookEdit.CreatePivot("Data", new PivotSpec(null, List.of("Region"), null,
                List.of(new PivotSpec.Value("Units", "sum", null)), List.of("Channel"), "Pivot", null, null,
                new PivotSpec.Options("tabular", null, null, null, null))));
        assertThat(RawSheet.cells(x, "Pivot")).isEqualTo(Map.ofEntries(
                Map.entry("A1", "s:Channel"), Map.entry("B1", "s:(All)"), Map.entry("A3", "s:Region"),
                Map.entry("B3", "s:Sum of Units"), Map.entry("A4", "s:East"), Map.entry("B4", "n:40.0"),
                Map.entry("A5", "s:North"), Map.entry("B5", "n:34.0"), Map.entry("A6", "s:South"),
                Map.entry("B6", "n:17.0"), Map.entry("A7", "s:West"), Map.entry("B7", "n:14.0"),
                Map.entry("A8", "s:(blank)"), Map.entry("B8", "n:1.0"), Map.entry("A9", "s:Grand Total"),
                Map.entry("B9", "n:106.0")));
    }

    @Test
    void aPivotThatWouldCoverItsOwnSourceIsRefused() {
        assertThatThrownBy(() -> apply(source(), new WorkbookEdit.CreatePivot("Data", new PivotSpec(
                CellRange.parse("B1:H15"), List.of("Product"), null, List.of(new PivotSpec.Value("Units", "sum", null)),
                null, "Data", CellRange.cell("A1"), null)))).isInstanceOf(InvalidInputException.class)
                .hasMessage("pivot table 'PivotTable1' would need A1:B5 on sheet 'Data', over its own source B1:H15;"
                        + " put it elsewhere (target_sheet, target_cell)");
    }

    @Test
    void theAggregationsAndTheNumberFormatAreExcels() {
        // East's Units are 12, 8, (empty) and 20.
        List<String> functions = List.of("sum", "count", "average", "min", "max", "product", "count_numbers",
                "stddev", "stddevp", "var", "varp");
        double[] east = {40, 3, 40 / 3.0, 8, 20, 1920, 3, Math.sqrt(112 / 3.0), Math.sqrt(224 / 9.0), 112 / 3.0,
            224 / 9.0};
        List<PivotSpec.Value> values = new ArrayList<>();
        for (String f : functions) {
            values.add(new PivotSpec.Value("Units", f, null, f.equals("average") ? "0.00" : null));
        }
        byte[] x = apply(source(), new WorkbookEdit.CreatePivot("Data", new PivotSpec(null, List.of("Region"),
                null, values, null, "Pivot", null, null, new PivotSpec.Options("tabular", null, false, null, null))));
        Map<String, String> cells = RawSheet.cells(x, "Pivot");
        // Two header rows ("Values" over the captions), then East.
        assertThat(cells).containsEntry("B3", "s:Values").containsEntry("B4", "s:Sum of Units")
                .containsEntry("C4", "s:Count of Units").containsEntry("H4", "s:Count of Units2")
                .containsEntry("I4", "s:StdDev of Units").containsEntry("J4", "s:StdDevp of Units")
                .containsEntry("L4", "s:Varp of Units").containsEntry("A5", "s:East");
        for (int i = 0; i < east.length; i++) {
            String ref = CellReference.convertNumToColString(1 + i) + "5";
            assertThat(Double.parseDouble(cells.get(ref).substring(2))).as(functions.get(i)).isCloseTo(east[i],
                    within(1e-12));
        }
        // No grand total row (grand_total_row false): (blank) is the last row.
        assertThat(cells).containsEntry("A9", "s:(blank)").doesNotContainKey("A10");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(x))) {
            assertThat(wb.getSheet("Pivot").getRow(4).getCell(3).getCellStyle().getDataFormatString())
                    .isEqualTo("0.00");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "pivot.golden.full", matches = ".+")
    void theFullRecordedSetThroughTheEditorMatchesExcel() {
        PivotGoldens.Set2 full = PivotGoldens.read(Path.of(System.getProperty("pivot.golden.full")));
        byte[] data = source();
        int run = 0;
        List<String> failures = new ArrayList<>();
        for (PivotGoldens.Case c : full.cases()) {
            if (c.unsupported() != null) {
                continue;
            }
            run++;
            byte[] x = apply(data, create(c));
            String difference = PivotGoldens.difference(c.expected(), grid(x, c.expected().size(),
                    c.expected().get(0).size()));
            if (difference != null) {
                failures.add(c.name() + ": " + difference);
            }
        }
        System.out.println("pivot golden full set through the editor: run " + run + ", matched "
                + (run - failures.size()));
        assertThat(failures).isEmpty();
    }

    @Test
    void libreOfficeOpensThePivotAndRefreshesItToTheSameNumbers() {
        List<WorkbookEdit.CreatePivot> pivots = new ArrayList<>();
        GOLDEN.cases().subList(0, 4).forEach(c -> pivots.add(create(c)));
        // Other layouts and totals: the numbers are the same whatever the form; missing grand totals
        // must be missing in LibreOffice too. (LibreOffice 7.4 reads colGrandTotals as the column at
        // the right, Excel as the row at the bottom, so only both-off is compared.)
        PivotSpec.Value units = new PivotSpec.Value("Units", "sum", null);
        pivots.add(new WorkbookEdit.CreatePivot("Data", new PivotSpec(null, List.of("Region"), List.of("Product"),
                List.of(units), null, "Pivot", null, null, new PivotSpec.Options("tabular", null, false, false,
                        null))));
        pivots.add(new WorkbookEdit.CreatePivot("Data", new PivotSpec(null, List.of("Region"), List.of("Product"),
                List.of(units), null, "Pivot", null, null, new PivotSpec.Options("outline", null, null, null,
                        null))));
        pivots.add(new WorkbookEdit.CreatePivot("Data", new PivotSpec(null, List.of("Region", "Product"), null,
                List.of(units, new PivotSpec.Value("Price", "max", null)), null, "Pivot", null, null,
                new PivotSpec.Options("tabular", false, null, null, "rows"))));
        for (WorkbookEdit.CreatePivot pivot : pivots) {
            byte[] x = apply(source(), pivot);
            String name = pivot.pivot().options().toString();
            List<Double> ours = numbers(RawSheet.cells(x, "Pivot").values().stream()
                    .filter(v -> v.startsWith("n:")).map(v -> v.substring(2)).toList());
            String csv = LibreOffice.sheetCsv(LibreOffice.convert(x, "csv", work), "Pivot");
            List<Double> theirs = new ArrayList<>();
            for (String line : csv.split("\n")) {
                for (String field : line.split(",")) {
                    try {
                        theirs.add(Double.parseDouble(field.strip()));
                    } catch (NumberFormatException notANumber) {
                        // a label
                    }
                }
            }
            // LibreOffice lays subtotals out its own way; the numbers it computes are ours.
            assertThat(rounded(theirs)).as(name + " in LibreOffice:\n" + csv).isEqualTo(rounded(ours));
            assertThat(LibreOffice.named(LibreOffice.entries(LibreOffice.toXlsx(x, work)), "xl/pivotTables/"))
                    .as(name).isNotEmpty();
        }
    }

    private static List<String> rounded(List<Double> numbers) {
        return numbers.stream().sorted().map(d -> String.format(java.util.Locale.ROOT, "%.9f", d)).toList();
    }

    private static List<Double> numbers(List<String> texts) {
        List<Double> out = new ArrayList<>();
        texts.forEach(t -> out.add(Double.parseDouble(t)));
        return out;
    }
}
