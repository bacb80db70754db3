package dev.sheetsmith.plugins.csv;

import dev.sheetsmith.spi.CellValue;
import dev.sheetsmith.spi.FormatPlugin;
import dev.sheetsmith.spi.ReadLimits;
import dev.sheetsmith.spi.SheetView;
import dev.sheetsmith.spi.WorkbookView;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Comma-separated values, one sheet per file, with Apache Commons CSV (RFC 4180 quoting).
 *
 * <p>Settings ({@code formats.csv.*}): {@code bom} (default true: a UTF-8 byte order mark, so Excel
 * opens accents correctly), {@code neutralizeFormulas} (default true: text starting with = + - @ tab
 * or carriage return gets a leading apostrophe, so a spreadsheet program does not run it; OWASP's
 * advice against CSV injection), {@code delimiter} (default {@code ,}).
 */
public final class CsvFormat implements FormatPlugin {

    private static final String SHEET = "Sheet1";
    private static final Set<String> SETTINGS = Set.of("bom", "neutralizeFormulas", "delimiter");
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9]\\d{0,14})(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2})?");
    private static final DateTimeFormatter DATE_TIME_OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private volatile boolean bom = true;
    private volatile boolean neutralize = true;
    private volatile char delimiter = ',';

    @Override
    public String id() {
        return "csv";
    }

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public String extension() {
        return "csv";
    }

    @Override
    public String mediaType() {
        return "text/csv; charset=utf-8";
    }

    @Override
    public String description() {
        return "Comma-separated values, UTF-8, one sheet per file";
    }

    @Override
    public int maxSheets() {
        return 1;
    }

    @Override
    public boolean canRead() {
        return true;
    }

    @Override
    public void configure(Map<String, String> settings) {
        for (String key : settings.keySet()) {
            if (!SETTINGS.contains(key)) {
                throw new IllegalArgumentException("formats.csv." + key + " is not a csv setting; settings: " + SETTINGS);
            }
        }
        bom = Boolean.parseBoolean(settings.getOrDefault("bom", "true"));
        neutralize = Boolean.parseBoolean(settings.getOrDefault("neutralizeFormulas", "true"));
        String d = settings.getOrDefault("delimiter", ",");
        if (d.length() != 1) {
            throw new IllegalArgumentException("formats.csv.delimiter must be one character");
        }
        delimiter = d.charAt(0);
    }

    @Override
    public void write(WorkbookView workbook, OutputStream out) throws IOException {
        SheetView sheet = workbook.sheets().get(0);
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        if (bom) {
            writer.write('\uFEFF');
        }
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setDelimiter(delimiter).get());
        if (!sheet.headers().isEmpty()) {
            List<String> header = new ArrayList<>();
            for (String h : sheet.headers()) {
                header.add(safe(h));
            }
            printer.printRecord(header);
        }
        int width = sheet.columnCount();
        try (Stream<List<CellValue>> rows = sheet.rows()) {
            Iterator<List<CellValue>> it = rows.iterator();
            while (it.hasNext()) {
                List<CellValue> row = it.next();
                List<String> fields = new ArrayList<>(width);
                for (int c = 0; c < width; c++) {
                    fields.add(c < row.size() ? text(row.get(c)) : "");
                }
                printer.printRecord(fields);
            }
        }
        printer.flush();
    }

    @Override
    public WorkbookView read(InputStream in) throws IOException {
        return read(in, ReadLimits.none());
    }

    /** Counts fields while it parses and stops at the first limit, before the rest is read. */
    @Override
    public WorkbookView read(InputStream in, ReadLimits limits) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        List<String> headers = new ArrayList<>();
        List<List<CellValue>> rows = new ArrayList<>();
        long cells = 0;
        try (CSVParser parser = CSVParser.builder().setReader(reader)
                .setFormat(CSVFormat.RFC4180.builder().setDelimiter(delimiter).get()).get()) {
            for (CSVRecord record : parser) {
                long line = record.getRecordNumber();
                cells += record.size();
                if (cells > limits.maxCells()) {
                    throw limits.tooManyCells("record " + line + " (line " + parser.getCurrentLineNumber() + ")");
                }
                if (line > limits.maxRows() || record.size() > limits.maxColumns()) {
                    throw limits.tooLarge(SHEET, line, record.size());
                }
                if (line == 1) {
                    record.forEach(headers::add);
                    continue;
                }
                List<CellValue> row = new ArrayList<>(record.size());
                record.forEach(field -> row.add(typed(field)));
                rows.add(row);
            }
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            throw new IOException("not readable as CSV: " + e.getMessage(), e);
        }
        return WorkbookView.of(List.of(SheetView.of(SHEET, headers, rows)));
    }

    private String text(CellValue value) {
        if (value instanceof CellValue.Text t) {
            return safe(t.value());
        }
        if (value instanceof CellValue.Number n) {
            double d = n.value();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d)
                    : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (value instanceof CellValue.Bool b) {
            return b.value() ? "TRUE" : "FALSE";
        }
        if (value instanceof CellValue.Date d) {
            return d.value().toString();
        }
        if (value instanceof CellValue.DateTime dt) {
            return DATE_TIME_OUT.format(dt.value());
        }
        if (value instanceof CellValue.Formula f) {
            return safe("=" + f.expression());
        }
        return "";
    }

    /** Text a spreadsheet program would run as a formula is made inert. */
    private String safe(String text) {
        if (neutralize && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }

    private static CellValue typed(String field) {
        if (field.isEmpty()) {
            return CellValue.EMPTY;
        }
        if (NUMBER.matcher(field).matches()) {
            return new CellValue.Number(Double.parseDouble(field));
        }
        if (field.equalsIgnoreCase("true") || field.equalsIgnoreCase("false")) {
            return new CellValue.Bool(Boolean.parseBoolean(field));
        }
        try {
            if (DATE.matcher(field).matches()) {
                return new CellValue.Date(LocalDate.parse(field));
            }
            if (DATE_TIME.matcher(field).matches()) {
                String iso = field.replace(' ', 'T');
                return new CellValue.DateTime(LocalDateTime.parse(iso.length() == 16 ? iso + ":00" : iso));
            }
        } catch (DateTimeParseException e) {
            // not a real date: keep the text
        }
        return new CellValue.Text(field);
    }
}
