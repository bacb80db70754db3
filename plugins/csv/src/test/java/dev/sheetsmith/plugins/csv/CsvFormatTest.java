package dev.sheetsmith.plugins.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sheetsmith.spi.CellValue;
import dev.sheetsmith.spi.FormatPlugin;
import dev.sheetsmith.spi.ReadLimits;
import dev.sheetsmith.spi.SheetView;
import dev.sheetsmith.spi.WorkbookView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class CsvFormatTest {

    private static final List<List<CellValue>> ROWS = List.of(
            List.of(new CellValue.Text("Ada, \"the first\""), new CellValue.Number(36), new CellValue.Number(-2.5),
                    new CellValue.Bool(true), new CellValue.Date(LocalDate.of(2024, 3, 1)),
                    new CellValue.DateTime(LocalDateTime.of(2024, 3, 1, 9, 30)), CellValue.EMPTY),
            List.of(new CellValue.Text("line\nbreak"), new CellValue.Number(1e20)));

    @Test
    void everyCellTypeIsWrittenAsPlainCsvThatAPlainParserReads() throws IOException {
        CsvFormat csv = new CsvFormat();
        csv.configure(Map.of("bom", "false"));
        String text = write(csv, List.of("Name", "Age", "Delta", "Active", "Joined", "At", "Note"), ROWS);
        List<List<String>> parsed = parse(text);
        assertThat(parsed.get(0)).containsExactly("Name", "Age", "Delta", "Active", "Joined", "At", "Note");
        assertThat(parsed.get(1)).containsExactly("Ada, \"the first\"", "36", "-2.5", "TRUE", "2024-03-01",
                "2024-03-01 09:30:00", "");
        assertThat(parsed.get(2)).containsExactly("line\nbreak", "100000000000000000000", "", "", "", "", "");
    }

    @Test
    void aByteOrderMarkIsWrittenByDefaultForExcel() throws IOException {
        byte[] bytes = writeBytes(new CsvFormat(), List.of("a"), List.of(List.of(new CellValue.Text("é"))));
        assertThat(bytes[0]).isEqualTo((byte) 0xEF);
        assertThat(bytes[1]).isEqualTo((byte) 0xBB);
        assertThat(bytes[2]).isEqualTo((byte) 0xBF);
    }

    @Test
    void formulaLikeTextIsNeutralisedButNegativeNumbersStayNumbers() throws IOException {
        CsvFormat csv = new CsvFormat();
        csv.configure(Map.of("bom", "false"));
        List<List<CellValue>> rows = new ArrayList<>();
        for (String attack : List.of("=HYPERLINK(\"http://x\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1",
                "\r=1", "safe")) {
            rows.add(List.of(new CellValue.Text(attack)));
        }
        rows.add(List.of(new CellValue.Number(-5)));
        rows.add(List.of(new CellValue.Formula("SUM(A1:A2)")));
        List<List<String>> parsed = parse(write(csv, List.of("=header"), rows));
        assertThat(parsed.get(0)).containsExactly("'=header");
        assertThat(parsed.subList(1, parsed.size())).extracting(r -> r.get(0)).containsExactly(
                "'=HYPERLINK(\"http://x\")", "'+1+cmd|' /C calc'!A0", "'-2+3", "'@SUM(A1)", "'\t=1", "'\r=1", "safe",
                "-5", "'=SUM(A1:A2)");

        CsvFormat raw = new CsvFormat();
        raw.configure(Map.of("bom", "false", "neutralizeFormulas", "false"));
        assertThat(parse(write(raw, List.of("a"), List.of(List.of(new CellValue.Text("=1+1"))))).get(1))
                .containsExactly("=1+1");
    }

    @Test
    void readingCountsWhileItParsesAndStopsAtTheLimit() {
        // an endless CSV: reading must stop at the limit rather than read (or hold) the rest
        java.io.InputStream endless = new java.io.InputStream() {
            private final byte[] line = "1,2,3,4,5\n".getBytes(StandardCharsets.US_ASCII);
            private long at;

            @Override
            public int read() {
                return line[(int) (at++ % line.length)];
            }
        };
        ReadLimits limits = new ReadLimits(100_000, 1_048_576, 16_384, 1L << 30, 1L << 30);
        assertThatThrownBy(() -> new CsvFormat().read(endless, limits))
                .isInstanceOf(dev.sheetsmith.spi.InvalidFileException.class)
                .hasMessageContaining("limits.maxCellsPerCall").hasMessageContaining("100000")
                .hasMessageContaining("record 20001");
        ReadLimits narrow = new ReadLimits(100_000, 1_048_576, 3, 1L << 30, 1L << 30);
        assertThatThrownBy(() -> new CsvFormat().read(new ByteArrayInputStream("a,b,c,d\n".getBytes(
                StandardCharsets.UTF_8)), narrow)).hasMessageContaining("limits.maxColumns");
    }

    @Test
    void readingInfersTypesAndSkipsTheBom() throws IOException {
        byte[] bytes = "\uFEFFName,Age,Active,Joined,At\nAda,36,true,2024-03-01,2024-03-01 09:30\n\"x, y\",007x,no,2024-02-30,\n"
                .getBytes(StandardCharsets.UTF_8);
        SheetView sheet = new CsvFormat().read(new ByteArrayInputStream(bytes)).sheets().get(0);
        assertThat(sheet.headers()).containsExactly("Name", "Age", "Active", "Joined", "At");
        List<List<CellValue>> rows = sheet.rows().toList();
        assertThat(rows.get(0)).containsExactly(new CellValue.Text("Ada"), new CellValue.Number(36),
                new CellValue.Bool(true), new CellValue.Date(LocalDate.of(2024, 3, 1)),
                new CellValue.DateTime(LocalDateTime.of(2024, 3, 1, 9, 30)));
        assertThat(rows.get(1)).containsExactly(new CellValue.Text("x, y"), new CellValue.Text("007x"),
                new CellValue.Text("no"), new CellValue.Text("2024-02-30"), CellValue.EMPTY);
    }

    @Test
    void oneSheetPerFileAndUnknownSettingsAreRefused() {
        CsvFormat csv = new CsvFormat();
        assertThat(csv.maxSheets()).isEqualTo(1);
        assertThat(csv.canRead()).isTrue();
        assertThatThrownBy(() -> csv.configure(Map.of("bomb", "true"))).hasMessageContaining("formats.csv.bomb");
        assertThat(ServiceLoader.load(FormatPlugin.class).stream().map(ServiceLoader.Provider::type))
                .contains(CsvFormat.class);
    }

    private static String write(CsvFormat csv, List<String> headers, List<List<CellValue>> rows) throws IOException {
        return new String(writeBytes(csv, headers, rows), StandardCharsets.UTF_8);
    }

    private static byte[] writeBytes(CsvFormat csv, List<String> headers, List<List<CellValue>> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        csv.write(WorkbookView.of(List.of(SheetView.of("S", headers, rows))), out);
        return out.toByteArray();
    }

    /** A plain RFC 4180 parser, independent of Commons CSV: quotes, doubled quotes, CRLF records. */
    private static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        return records;
    }
}
