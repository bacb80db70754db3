package dev.sheetsmith.plugins.xlsx;

import dev.sheetsmith.ports.out.SpiCells;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.SheetData;
import dev.sheetsmith.spi.FormatPlugin;
import dev.sheetsmith.spi.SheetView;
import dev.sheetsmith.spi.WorkbookView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Written by the plugin (streaming SXSSF, or XSSF with formulas) and read back with POI's user
 * model, a different reader than the writer.
 */
class XlsxFormatTest {

    private static final LocalDate JOINED = LocalDate.of(2024, 3, 1);
    private static final LocalDateTime SEEN = LocalDateTime.of(2024, 3, 1, 9, 30, 15);

    private final XlsxFormat format = new XlsxFormat();

    // --- one workbook with every cell type over two sheets ---

    private static SheetData people() {
        return new SheetData("People", List.of("Name", "Age", "Active", "Joined", "Seen", "Note"), List.of(
                row("Ada", 36, true, JOINED, SEEN, null),
                row("Grace", 2.5, false, LocalDate.of(1999, 12, 31), LocalDateTime.of(2000, 1, 1, 0, 0), "x"),
                row("Linus")));
    }

    private static SheetData totals() {
        return new SheetData("Totals", List.of("Total"), List.of(row(-1234.5)));
    }

    @Test
    void sheetsKeepTheirNamesAndOrder() throws IOException {
        try (XSSFWorkbook wb = write(people(), totals())) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(2);
            assertThat(wb.getSheetName(0)).isEqualTo("People");
            assertThat(wb.getSheetName(1)).isEqualTo("Totals");
        }
    }

    @Test
    void theHeaderRowHoldsTheLabelsInBold() throws IOException {
        try (XSSFWorkbook wb = write(people(), totals())) {
            Row header = wb.getSheet("People").getRow(0);
            assertThat(texts(header)).containsExactly("Name", "Age", "Active", "Joined", "Seen", "Note");
            for (Cell cell : header) {
                assertThat(wb.getFontAt(cell.getCellStyle().getFontIndex()).getBold()).as(cell.getAddress().toString())
                        .isTrue();
            }
        }
    }

    @Test
    void dataCellsAreNotBold() throws IOException {
        try (XSSFWorkbook wb = write(people())) {
            Cell name = wb.getSheet("People").getRow(1).getCell(0);
            assertThat(wb.getFontAt(name.getCellStyle().getFontIndex()).getBold()).isFalse();
        }
    }

    @Test
    void theHeaderRowIsFrozen() throws IOException {
        try (XSSFWorkbook wb = write(people(), totals())) {
            for (String name : List.of("People", "Totals")) {
                PaneInformation pane = wb.getSheet(name).getPaneInformation();
                assertThat(pane).as(name).isNotNull();
                assertThat(pane.isFreezePane()).isTrue();
                assertThat(pane.getHorizontalSplitPosition()).isEqualTo((short) 1);
                assertThat(pane.getVerticalSplitPosition()).isZero();
            }
        }
    }

    @Test
    void numbersAreNumericCellsWithTheirValue() throws IOException {
        try (XSSFWorkbook wb = write(people(), totals())) {
            XSSFSheet people = wb.getSheet("People");
            assertNumber(people.getRow(1).getCell(1), 36);
            assertNumber(people.getRow(2).getCell(1), 2.5);
            assertNumber(wb.getSheet("Totals").getRow(1).getCell(0), -1234.5);
            assertThat(DateUtil.isCellDateFormatted(people.getRow(1).getCell(1))).isFalse();
        }
    }

    @Test
    void booleansAreBooleanCells() throws IOException {
        try (XSSFWorkbook wb = write(people())) {
            Cell yes = wb.getSheet("People").getRow(1).getCell(2);
            Cell no = wb.getSheet("People").getRow(2).getCell(2);
            assertThat(yes.getCellType()).isEqualTo(CellType.BOOLEAN);
            assertThat(yes.getBooleanCellValue()).isTrue();
            assertThat(no.getCellType()).isEqualTo(CellType.BOOLEAN);
            assertThat(no.getBooleanCellValue()).isFalse();
        }
    }

    @Test
    void textsAreStringCells() throws IOException {
        try (XSSFWorkbook wb = write(people())) {
            Cell ada = wb.getSheet("People").getRow(1).getCell(0);
            assertThat(ada.getCellType()).isEqualTo(CellType.STRING);
            assertThat(ada.getStringCellValue()).isEqualTo("Ada");
        }
    }

    @Test
    void datesAreDateFormattedNumbersAtMidnight() throws IOException {
        try (XSSFWorkbook wb = write(people())) {
            XSSFSheet people = wb.getSheet("People");
            assertDate(people.getRow(1).getCell(3), JOINED.atStartOfDay());
            assertDate(people.getRow(2).getCell(3), LocalDateTime.of(1999, 12, 31, 0, 0));
        }
    }

    @Test
    void dateTimesAreDateFormattedNumbersWithTheirTime() throws IOException {
        try (XSSFWorkbook wb = write(people())) {
            XSSFSheet people = wb.getSheet("People");
            assertDate(people.getRow(1).getCell(4), SEEN);
            assertDate(people.getRow(2).getCell(4), LocalDateTime.of(2000, 1, 1, 0, 0));
            assertThat(people.getRow(1).getCell(4).getCellStyle().getDataFormatString()).contains("hh:mm");
        }
    }

    @Test
    void emptyAndMissingCellsAreNotWritten() throws IOException {
        try (XSSFWorkbook wb = write(people())) {
            XSSFSheet people = wb.getSheet("People");
            // Row of Ada: Note is EMPTY.
            assertBlank(people.getRow(1).getCell(5));
            // Row of Linus: only a name, every later cell missing.
            Row linus = people.getRow(3);
            assertThat(linus.getCell(0).getStringCellValue()).isEqualTo("Linus");
            for (int c = 1; c < 6; c++) {
                assertBlank(linus.getCell(c));
            }
        }
    }

    @Test
    void anEmptyCellBetweenValuesLeavesAGap() throws IOException {
        try (XSSFWorkbook wb = write(new SheetData("S", List.of(), List.of(row("a", null, "c"))))) {
            Row row = wb.getSheet("S").getRow(0);
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo("a");
            assertBlank(row.getCell(1));
            assertThat(row.getCell(2).getStringCellValue()).isEqualTo("c");
        }
    }

    // --- column widths ---

    @Test
    void aLongTextColumnIsWiderThanAShortOne() throws IOException {
        try (XSSFWorkbook wb = write(new SheetData("W", List.of("Long", "S"),
                List.of(row("a description that runs to well over thirty characters", "x"))))) {
            XSSFSheet sheet = wb.getSheet("W");
            assertThat(sheet.getColumnWidth(0)).isGreaterThan(sheet.getColumnWidth(1));
            assertThat(sheet.getColumnWidth(0)).isGreaterThan(30 * 256);
        }
    }

    @Test
    void aVeryLongTextColumnIsCappedAtSixtyCharacters() throws IOException {
        try (XSSFWorkbook wb = write(new SheetData("W", List.of("Huge"), List.of(row("w".repeat(5_000)))))) {
            int width = wb.getSheet("W").getColumnWidth(0);
            assertThat(width).isGreaterThan(50 * 256).isLessThanOrEqualTo(60 * 256 + 256);
        }
    }

    @Test
    void aColumnOfOneCharacterStillGetsAReadableWidth() throws IOException {
        try (XSSFWorkbook wb = write(new SheetData("W", List.of(), List.of(row("x", "y"))))) {
            assertThat(wb.getSheet("W").getColumnWidth(0)).isGreaterThanOrEqualTo(6 * 256);
        }
    }

    @Test
    void aMultiLineTextIsSizedByItsFirstLine() throws IOException {
        try (XSSFWorkbook wb = write(new SheetData("W", List.of(), List.of(
                row("the first line\n" + "a second line that is much, much longer than the first",
                        "the first line"))))) {
            XSSFSheet sheet = wb.getSheet("W");
            assertThat(sheet.getColumnWidth(0)).isEqualTo(sheet.getColumnWidth(1)).isGreaterThan(6 * 256);
        }
    }

    // --- sheet shapes ---

    @Test
    void aSheetWithoutHeadersHasNoFrozenPaneAndStartsWithData() throws IOException {
        try (XSSFWorkbook wb = write(new SheetData("Raw", List.of(), List.of(row(1, 2), row(3, 4))))) {
            XSSFSheet raw = wb.getSheet("Raw");
            assertThat(raw.getPaneInformation()).isNull();
            assertNumber(raw.getRow(0).getCell(0), 1);
            assertThat(raw.getLastRowNum()).isEqualTo(1);
        }
    }

    @Test
    void aHeadersOnlySheetHasExactlyOneRow() throws IOException {
        try (XSSFWorkbook wb = write(new SheetData("Empty", List.of("A", "B", "C"), List.of()))) {
            XSSFSheet sheet = wb.getSheet("Empty");
            assertThat(sheet.getPhysicalNumberOfRows()).isEqualTo(1);
            assertThat(sheet.getLastRowNum()).isZero();
            assertThat(texts(sheet.getRow(0))).containsExactly("A", "B", "C");
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
        }
    }

    @Test
    void aSheetWithNeitherHeadersNorRowsIsWrittenEmpty() throws IOException {
        try (XSSFWorkbook wb = write(new SheetData("Nothing", List.of(), List.of()), totals())) {
            assertThat(wb.getSheet("Nothing").getPhysicalNumberOfRows()).isZero();
            assertThat(wb.getSheetName(1)).isEqualTo("Totals");
        }
    }

    @Test
    void writingLeavesTheOutputStreamOpen() throws IOException {
        ClosingTracker out = new ClosingTracker();

        format.write(workbook(totals()), out);

        assertThat(out.closed).isFalse();
        assertThat(out.size()).isPositive();
    }

    // --- formulas (written through the whole-workbook path) ---

    @Test
    void formulasAreWrittenWithTheirComputedValues() throws IOException {
        SheetData sheet = new SheetData("S", List.of("a", "b", "sum"),
                List.of(List.of(new CellValue.Number(2), new CellValue.Number(3), new CellValue.Formula("A2+B2"))));
        try (XSSFWorkbook wb = write(sheet)) {
            Cell cell = wb.getSheetAt(0).getRow(1).getCell(2);
            assertThat(cell.getCellType()).isEqualTo(CellType.FORMULA);
            assertThat(cell.getCellFormula()).isEqualTo("A2+B2");
            assertThat(cell.getNumericCellValue()).isEqualTo(5.0);
            // The rest of the layout is the same as on the streaming path.
            assertThat(wb.getSheetAt(0).getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
        }
    }

    @Test
    void aFormulaExcelWouldRefuseIsAnErrorNamingItsCell() {
        SheetData sheet = new SheetData("S", List.of("a"), List.of(List.of(new CellValue.Formula("SUM(("))));

        assertThatThrownBy(() -> write(sheet)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("sheet 'S', cell A2");
    }

    // --- identity and discovery ---

    @Test
    void thePluginNamesItselfXlsxWithTheSpreadsheetMlMediaType() {
        assertThat(format.id()).isEqualTo("xlsx");
        assertThat(format.extension()).isEqualTo("xlsx");
        assertThat(format.mediaType()).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(format.spiVersion()).isEqualTo(FormatPlugin.SPI_VERSION);
        assertThat(format.canRead()).isTrue();
    }

    @Test
    void serviceLoaderFindsThePluginThroughItsRegistration() {
        List<FormatPlugin> plugins = ServiceLoader.load(FormatPlugin.class).stream().map(ServiceLoader.Provider::get)
                .toList();

        assertThat(plugins).filteredOn(XlsxFormat.class::isInstance).singleElement()
                .satisfies(p -> assertThat(p.id()).isEqualTo("xlsx"));
    }

    // --- size ---

    @Test
    @Timeout(300) // a guard against a hang only: speed is measured in bench/, not asserted here
    void aLargeSheetWritesAndItsLastRowReadsBack() throws IOException {
        int rows = 50_000;
        int columns = 10;
        SheetView big = generated("Big", columns, rows);

        try (XSSFWorkbook wb = write(() -> List.of(big))) {
            XSSFSheet sheet = wb.getSheet("Big");
            assertThat(sheet.getLastRowNum()).isEqualTo(rows);
            Row last = sheet.getRow(rows);
            assertThat(last.getCell(0).getStringCellValue()).isEqualTo("row " + (rows - 1));
            for (int c = 1; c < columns; c++) {
                assertNumber(last.getCell(c), (rows - 1) * 10.0 + c);
            }
            assertThat(texts(sheet.getRow(0))).hasSize(columns).startsWith("c0", "c1");
        }
    }

    // --- helpers ---

    private XSSFWorkbook write(SheetData... sheets) throws IOException {
        return write(workbook(sheets));
    }

    private XSSFWorkbook write(WorkbookView workbook) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.write(workbook, out);
        return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
    }

    private static WorkbookView workbook(SheetData... sheets) {
        List<SheetView> views = Arrays.stream(sheets).map(XlsxFormatTest::view).toList();
        return () -> views;
    }

    /** A view over a SheetData, as the host hands one to a plugin. */
    private static SheetView view(SheetData data) {
        return SpiCells.sheet(data.name(), data.headers(), data.rows());
    }

    /** A sheet whose rows are made as they are streamed: "row i", then i*10+1 .. i*10+(columns-1). */
    private static SheetView generated(String name, int columns, int rows) {
        List<String> headers = IntStream.range(0, columns).mapToObj(c -> "c" + c).toList();
        return new SheetView() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<String> headers() {
                return headers;
            }

            @Override
            public int columnCount() {
                return columns;
            }

            @Override
            public Stream<List<dev.sheetsmith.spi.CellValue>> rows() {
                return IntStream.range(0, rows).mapToObj(i -> {
                    List<dev.sheetsmith.spi.CellValue> row = new ArrayList<>(columns);
                    row.add(new dev.sheetsmith.spi.CellValue.Text("row " + i));
                    for (int c = 1; c < columns; c++) {
                        row.add(new dev.sheetsmith.spi.CellValue.Number(i * 10.0 + c));
                    }
                    return row;
                });
            }
        };
    }

    /** A row of typed cells from plain Java values; null is an empty cell. */
    private static List<CellValue> row(Object... values) {
        return Arrays.stream(values).map(XlsxFormatTest::cell).toList();
    }

    private static CellValue cell(Object value) {
        if (value == null) {
            return CellValue.EMPTY;
        }
        if (value instanceof String s) {
            return new CellValue.Text(s);
        }
        if (value instanceof Number n) {
            return new CellValue.Number(n.doubleValue());
        }
        if (value instanceof Boolean b) {
            return new CellValue.Bool(b);
        }
        if (value instanceof LocalDate d) {
            return new CellValue.Date(d);
        }
        if (value instanceof LocalDateTime dt) {
            return new CellValue.DateTime(dt);
        }
        throw new IllegalArgumentException("no cell type for " + value.getClass());
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        for (Cell cell : row) {
            texts.add(cell.getStringCellValue());
        }
        return texts;
    }

    private static void assertNumber(Cell cell, double expected) {
        assertThat(cell).isNotNull();
        assertThat(cell.getCellType()).as(cell.getAddress().toString()).isEqualTo(CellType.NUMERIC);
        assertThat(cell.getNumericCellValue()).as(cell.getAddress().toString()).isEqualTo(expected);
    }

    private static void assertDate(Cell cell, LocalDateTime expected) {
        assertThat(cell).isNotNull();
        assertThat(cell.getCellType()).as(cell.getAddress().toString()).isEqualTo(CellType.NUMERIC);
        assertThat(DateUtil.isCellDateFormatted(cell)).as(cell.getAddress() + " date formatted").isTrue();
        assertThat(cell.getLocalDateTimeCellValue()).as(cell.getAddress().toString()).isEqualTo(expected);
    }

    private static void assertBlank(Cell cell) {
        if (cell != null) {
            assertThat(cell.getCellType()).as(cell.getAddress().toString()).isEqualTo(CellType.BLANK);
        }
    }

    /** An in-memory output that remembers being closed. */
    private static final class ClosingTracker extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}
