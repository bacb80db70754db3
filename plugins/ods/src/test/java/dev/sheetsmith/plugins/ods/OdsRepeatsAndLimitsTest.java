package dev.sheetsmith.plugins.ods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sheetsmith.spi.CellValue;
import dev.sheetsmith.spi.InvalidFileException;
import dev.sheetsmith.spi.ReadLimits;
import dev.sheetsmith.spi.SheetView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenDocument's repeat attributes (table:number-rows-repeated, table:number-columns-repeated),
 * in content.xml written raw in the test and in a file LibreOffice saved: repeats of content are
 * data and expand; the empty rows and columns that fill a sheet to its end are not; a file beyond
 * a limit is refused naming it.
 */
class OdsRepeatsAndLimitsTest {

    private static final ReadLimits LIMITS = new ReadLimits(100_000, 1_048_576, 16_384, 256L << 20, 20L << 20);

    @Test
    void twentyThousandRepeatedRowsAreTwentyThousandRows() throws IOException {
        byte[] ods = ods(row(text("Name") + text("Score")) + "<table:table-row table:number-rows-repeated=\"20000\">"
                + text("same") + number(7) + "</table:table-row>" + emptyTail());
        SheetView sheet = read(ods, LIMITS);
        assertThat(sheet.headers()).containsExactly("Name", "Score");
        List<List<CellValue>> rows = sheet.rows().toList();
        assertThat(rows).hasSize(20_000).allMatch(r -> r.equals(List.of(new CellValue.Text("same"),
                new CellValue.Number(7))));
        assertThat(sheet.columnCount()).isEqualTo(2);
    }

    @Test
    void aCellRepeatedOverAllColumnsIsThatManyCells() throws IOException {
        byte[] ods = ods(row("<table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"string\">"
                + "<text:p>x</text:p></table:table-cell>") + row(number(1)) + emptyTail());
        SheetView sheet = read(ods, LIMITS);
        assertThat(sheet.headers()).hasSize(16_384).containsOnly("x");
        assertThat(sheet.rows().toList()).containsExactly(List.of(new CellValue.Number(1)));
    }

    @Test
    void emptyRowsAndCellsBetweenContentStayAndTrailingOnesAreNotData() throws IOException {
        byte[] ods = ods(row(text("a") + "<table:table-cell table:number-columns-repeated=\"2\"/>" + text("b")
                + "<table:table-cell table:number-columns-repeated=\"16380\"/>")
                + "<table:table-row table:number-rows-repeated=\"3\"><table:table-cell table:number-columns-repeated="
                + "\"16384\"/></table:table-row>" + row(number(2)) + emptyTail());
        SheetView sheet = read(ods, LIMITS);
        assertThat(sheet.headers()).containsExactly("a", "", "", "b");
        List<List<CellValue>> rows = sheet.rows().toList();
        assertThat(rows).hasSize(4);
        assertThat(rows.subList(0, 3)).allMatch(List::isEmpty);
        assertThat(rows.get(3)).containsExactly(new CellValue.Number(2));
    }

    @Test
    void typesFormulasParagraphsSpacesAndNotesAreReadAsTheCellShowsThem() throws IOException {
        byte[] ods = ods(row(text("h")) + row("<table:table-cell office:value-type=\"date\" office:date-value="
                + "\"2024-03-01\"><text:p>01/03/24</text:p></table:table-cell>"
                + "<table:table-cell office:value-type=\"date\" office:date-value=\"2024-03-01T09:30:00\"/>"
                + "<table:table-cell office:value-type=\"boolean\" office:boolean-value=\"true\"/>"
                + "<table:table-cell office:value-type=\"percentage\" office:value=\"0.25\"/>"
                + "<table:table-cell table:formula=\"of:=1+1\" office:value-type=\"float\" office:value=\"2\"/>"
                + "<table:table-cell table:formula=\"of:=[.A1]~[.B1]\" office:value-type=\"float\" office:value=\"3\"/>"
                + "<table:table-cell office:value-type=\"string\"><office:annotation><text:p>a note</text:p>"
                + "</office:annotation><text:p>two<text:s text:c=\"3\"/>spaces</text:p><text:p>and a "
                + "<text:span>line</text:span></text:p></table:table-cell>"));
        List<CellValue> row = read(ods, LIMITS).rows().toList().get(0);
        assertThat(row).containsExactly(new CellValue.Date(java.time.LocalDate.of(2024, 3, 1)),
                new CellValue.DateTime(java.time.LocalDateTime.of(2024, 3, 1, 9, 30)), new CellValue.Bool(true),
                new CellValue.Number(0.25), new CellValue.Formula("1+1"), new CellValue.Number(3),
                new CellValue.Text("two   spaces\nand a line"));
    }

    @Test
    void repeatsBeyondTheLimitsAreRefusedNamingTheLimit() {
        byte[] manyRows = ods(row(text("h") + text("i")) + "<table:table-row table:number-rows-repeated=\"60000\">"
                + number(1) + number(2) + "</table:table-row>");
        assertThatThrownBy(() -> read(manyRows, LIMITS)).isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("limits.maxCellsPerCall").hasMessageContaining("100000")
                .hasMessageContaining("sheet 'Data', row 50001");
        byte[] pastLastRow = ods(row(text("h")) + "<table:table-row table:number-rows-repeated=\"1048576\">"
                + number(1) + "</table:table-row>");
        assertThatThrownBy(() -> read(pastLastRow, new ReadLimits(10_000_000, 1_048_576, 16_384, 256L << 20, 1000)))
                .isInstanceOf(InvalidFileException.class).hasMessageContaining("limits.maxRows");
        byte[] wide = ods(row("<table:table-cell table:number-columns-repeated=\"20000\" office:value-type=\"float\""
                + " office:value=\"1\"/>"));
        assertThatThrownBy(() -> read(wide, LIMITS)).isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("limits.maxColumns");
        byte[] bigPart = ods(row(text("x".repeat(5000))));
        assertThatThrownBy(() -> read(bigPart, new ReadLimits(100, 1_048_576, 16_384, 4096, 1_000_000)))
                .isInstanceOf(InvalidFileException.class).hasMessageContaining("content.xml")
                .hasMessageContaining("limits.maxUnpackedBytes");
    }

    @Test
    void aFileLibreOfficeSavedKeepsItsTwentyThousandRowsAndDropsTheFillerRows(@TempDir Path work) throws Exception {
        // a styled column makes LibreOffice fill the sheet to its last row with repeated empty rows
        byte[] source = ods("<office:automatic-styles><style:style style:name=\"ce1\" style:family=\"table-cell\">"
                + "<style:text-properties fo:font-weight=\"bold\"/></style:style></office:automatic-styles>",
                "<table:table-column table:number-columns-repeated=\"3\" table:default-cell-style-name=\"ce1\"/>",
                row(text("Name") + text("Score")) + "<table:table-row table:number-rows-repeated=\"20000\">"
                        + text("same") + number(7) + "</table:table-row><table:table-row table:number-rows-repeated="
                        + "\"1028575\"><table:table-cell table:number-columns-repeated=\"3\" table:style-name=\"ce1\"/>"
                        + "</table:table-row>");
        byte[] ods = libreOffice(source, work);
        boolean filler = java.util.regex.Pattern.compile("table:number-rows-repeated=\"10[0-9]{5}\"")
                .matcher(content(ods)).find();
        assertThat(filler).as("LibreOffice wrote empty rows repeated to the sheet's end").isTrue();
        SheetView sheet = read(ods, LIMITS);
        assertThat(sheet.headers()).containsExactly("Name", "Score");
        assertThat(sheet.columnCount()).isEqualTo(2);
        assertThat(sheet.rows().toList()).hasSize(20_000)
                .allMatch(r -> r.equals(List.of(new CellValue.Text("same"), new CellValue.Number(7))));
    }

    private static SheetView read(byte[] ods, ReadLimits limits) throws IOException {
        return new OdsFormat().read(new ByteArrayInputStream(ods), limits).sheets().get(0);
    }

    private static String row(String cells) {
        return "<table:table-row>" + cells + "</table:table-row>";
    }

    private static String text(String text) {
        return "<table:table-cell office:value-type=\"string\"><text:p>" + text + "</text:p></table:table-cell>";
    }

    private static String number(double value) {
        return "<table:table-cell office:value-type=\"float\" office:value=\"" + value + "\"><text:p>" + value
                + "</text:p></table:table-cell>";
    }

    /** What LibreOffice writes after the last row: empty rows and columns to the sheet's end. */
    private static String emptyTail() {
        return "<table:table-row table:number-rows-repeated=\"1048550\"><table:table-cell table:number-columns-"
                + "repeated=\"16384\"/></table:table-row>";
    }

    /** An .ods package (mimetype first, stored) around one sheet "Data" with these rows. */
    static byte[] ods(String rows) {
        return ods("", "<table:table-column table:number-columns-repeated=\"16384\"/>", rows);
    }

    static byte[] ods(String styles, String columns, String rows) {
        String content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content xmlns:office=\"urn:"
                + "oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:"
                + "table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" xmlns:style=\"urn:oasis:"
                + "names:tc:opendocument:xmlns:style:1.0\" xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-"
                + "compatible:1.0\" office:version=\"1.3\">" + styles + "<office:body><office:spreadsheet><table:table"
                + " table:name=\"Data\">" + columns + rows + "</table:table></office:spreadsheet></office:body>"
                + "</office:document-content>";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            byte[] mimetype = "application/vnd.oasis.opendocument.spreadsheet".getBytes(StandardCharsets.US_ASCII);
            ZipEntry first = new ZipEntry("mimetype");
            first.setMethod(ZipEntry.STORED);
            first.setSize(mimetype.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(mimetype);
            first.setCrc(crc.getValue());
            zip.putNextEntry(first);
            zip.write(mimetype);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("content.xml"));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("META-INF/manifest.xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest:manifest xmlns:manifest=\"urn:oasis:"
                    + "names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\"><manifest:file-entry "
                    + "manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>"
                    + "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
                    + "</manifest:manifest>").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String content(byte[] ods) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(ods))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals("content.xml")) {
                    return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no content.xml");
    }

    /** LibreOffice headless opens the .ods and saves it again (.ci/run installs it; skipped elsewhere unless required). */
    private static byte[] libreOffice(byte[] ods, Path work) throws Exception {
        String soffice = null;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "soffice"))) {
                soffice = Path.of(dir, "soffice").toString();
            }
        }
        if (soffice == null) {
            if ("1".equals(System.getenv("SHEETSMITH_REQUIRE_LIBREOFFICE"))) {
                fail("LibreOffice (soffice) is required here but not on the PATH");
            }
            Assumptions.abort("LibreOffice (soffice) is not installed");
        }
        Path in = work.resolve("book.ods");
        Files.write(in, ods);
        Path out = Files.createDirectories(work.resolve("out"));
        Process p = new ProcessBuilder(soffice, "-env:UserInstallation=" + work.resolve("profile").toUri(),
                "--headless", "--norestore", "--convert-to", "ods", "--outdir", out.toString(), in.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            fail("LibreOffice failed: " + log);
        }
        return Files.readAllBytes(out.resolve("book.ods"));
    }
}
