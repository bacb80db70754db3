package dev.sheetsmith.plugins.xlsx;

import dev.sheetsmith.ports.out.SpiCells;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.RangeRead;
import dev.sheetsmith.domain.WorkbookDescription;
import dev.sheetsmith.engine.xlsx.read.XlsxWorkbookReader;
import dev.sheetsmith.ports.out.WorkbookReader;
import dev.sheetsmith.spi.InvalidFileException;
import dev.sheetsmith.spi.ReadLimits;
import dev.sheetsmith.spi.SheetView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * Files written as raw XML in the test. ECMA-376 makes the {@code r} of {@code <row>} and
 * {@code <c>} optional; without it a position is implied by order. Every reader that walks sheet
 * XML (import, read_range, describe_workbook, find_cells) reads such files, and an import counts
 * while it streams and stops at the limit.
 */
class ImplicitPositionsAndImportLimitsTest {

    private static final ReadLimits LIMITS = new ReadLimits(100_000, 1_048_576, 16_384, 256L << 20, 20L << 20);

    /** Rows 1-3 without any r; row 5 named, its second cell named D5, the others implied (A5, E5). */
    private static final String ROWS = "<row><c t=\"inlineStr\"><is><t>Name</t></is></c><c t=\"inlineStr\"><is>"
            + "<t>Age</t></is></c></row>"
            + "<row><c t=\"s\"><v>0</v></c><c><v>36</v></c></row>"
            + "<row><c t=\"s\"><v>1</v></c><c><v>54</v></c><c t=\"b\"><v>1</v></c></row>"
            + "<row r=\"5\"><c><v>1</v></c><c r=\"D5\"><v>2</v></c><c><v>3</v></c></row>";

    private final byte[] file = RawXlsx.workbook(ROWS, "Ada", "Linus");
    private final XlsxWorkbookReader reader = new XlsxWorkbookReader();

    @Test
    void anImportReadsCellsWithoutPositionsInOrder() throws IOException {
        SheetView sheet = new XlsxFormat().read(new ByteArrayInputStream(file), LIMITS).sheets().get(0);
        assertThat(sheet.headers()).containsExactly("Name", "Age", "", "", "");
        List<List<CellValue>> rows = sheet.rows().map(SpiCells::toDomain).toList();
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).subList(0, 2)).containsExactly(new CellValue.Text("Ada"), new CellValue.Number(36));
        assertThat(rows.get(1).subList(0, 3)).containsExactly(new CellValue.Text("Linus"), new CellValue.Number(54),
                new CellValue.Bool(true));
        assertThat(rows.get(2)).allMatch(CellValue.Empty.class::isInstance);
        assertThat(rows.get(3)).containsExactly(new CellValue.Number(1), CellValue.EMPTY, CellValue.EMPTY,
                new CellValue.Number(2), new CellValue.Number(3));
    }

    @Test
    void readRangeDescribeAndFindReadCellsWithoutPositions() throws IOException {
        WorkbookDescription described = reader.describe(new ByteArrayInputStream(file));
        assertThat(described.sheets().get(0).usedRange().toA1()).isEqualTo("A1:E5");
        assertThat(described.sheets().get(0).headerRow()).containsExactly("Name", "Age", "", "", "");

        RangeRead read = reader.read(new ByteArrayInputStream(file), "Data", CellRange.parse("A2:C3"), false, 100);
        assertThat(read.rows()).containsExactly(
                List.of(new CellValue.Text("Ada"), new CellValue.Number(36), CellValue.EMPTY),
                List.of(new CellValue.Text("Linus"), new CellValue.Number(54), new CellValue.Bool(true)));

        List<WorkbookReader.Match> found = reader.find(new ByteArrayInputStream(file),
                new WorkbookReader.Search(null, null, "3", false, true, 10));
        assertThat(found).extracting(WorkbookReader.Match::cell).containsExactly("E5");
        assertThat(reader.find(new ByteArrayInputStream(file), new WorkbookReader.Search("Data", null, "linus", false,
                false, 10))).extracting(WorkbookReader.Match::cell).containsExactly("A3");
    }

    @Test
    void twoMillionCellsWithoutPositionsAreRefusedAtTheLimitWhileStreaming() throws IOException {
        byte[] big = numbers(100_000, 20, false);
        long start = System.nanoTime();
        assertThatThrownBy(() -> new XlsxFormat().read(new ByteArrayInputStream(big), LIMITS))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("limits.maxCellsPerCall").hasMessageContaining("100000")
                .hasMessageContaining("sheet 'Data', row 5001");
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("2,000,000 cells without r (%d bytes): refused in %d ms%n", big.length, millis);
    }

    @Test
    void twoMillionCellsWithPositionsAreRefusedAtTheLimitWhileStreaming() throws IOException {
        byte[] big = numbers(100_000, 20, true);
        long start = System.nanoTime();
        assertThatThrownBy(() -> new XlsxFormat().read(new ByteArrayInputStream(big), LIMITS))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("limits.maxCellsPerCall").hasMessageContaining("row 5001");
        System.out.printf("2,000,000 cells with r (%d bytes): refused in %d ms%n", big.length,
                (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void aSparseSheetWhoseRowsWouldBeBillionsOfCellsIsRefusedBeforeTheyAreBuilt() {
        byte[] sparse = RawXlsx.workbook("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
                + "<row r=\"1048576\"><c r=\"XFD1048576\"><v>2</v></c></row>");
        assertThatThrownBy(() -> new XlsxFormat().read(new ByteArrayInputStream(sparse), LIMITS))
                .isInstanceOf(InvalidFileException.class).hasMessageContaining("limits.maxCellsPerCall")
                .hasMessageContaining("A1 to XFD1048576");
    }

    @Test
    void sharedStringsAndUnpackedPartsAreBoundedBeforeTheyAreHeld() {
        String[] many = new String[11];
        java.util.Arrays.fill(many, "x");
        ReadLimits ten = new ReadLimits(10, 1_048_576, 16_384, 256L << 20, 20L << 20);
        assertThatThrownBy(() -> new XlsxFormat().read(new ByteArrayInputStream(RawXlsx.workbook("", many)), ten))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("more than 10 strings")
                .hasMessageContaining("limits.maxCellsPerCall");
        ReadLimits fewChars = new ReadLimits(100, 1_048_576, 16_384, 256L << 20, 5);
        assertThatThrownBy(() -> new XlsxFormat().read(new ByteArrayInputStream(RawXlsx.workbook("", "abc", "def")),
                fewChars)).isInstanceOf(InvalidInputException.class).hasMessageContaining("more than 5 characters")
                .hasMessageContaining("limits.maxImportBytes");
        ReadLimits smallParts = new ReadLimits(100_000, 1_048_576, 16_384, 4096, 20L << 20);
        assertThatThrownBy(() -> new XlsxFormat().read(new ByteArrayInputStream(numbers(1000, 5, true)), smallParts))
                .isInstanceOf(InvalidFileException.class).hasMessageContaining("sheet1.xml")
                .hasMessageContaining("4096 bytes").hasMessageContaining("limits.maxUnpackedBytes");
    }

    @Test
    void theRawFilesAreWhatTheTestsSay() throws IOException {
        // the test data itself, read back with java.util.zip: no r attribute anywhere in the big sheet
        byte[] big = numbers(3, 2, false);
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(big))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals("xl/worksheets/sheet1.xml")) {
                    String xml = new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    assertThat(xml).contains("<row><c><v>31</v></c><c><v>32</v></c></row>").doesNotContain(" r=");
                }
            }
        }
    }

    private static byte[] numbers(int rows, int columns, boolean positions) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RawXlsx.numbers(out, rows, columns, positions);
        return out.toByteArray();
    }
}
