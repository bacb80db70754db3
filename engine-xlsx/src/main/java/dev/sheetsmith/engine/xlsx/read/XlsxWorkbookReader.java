package dev.sheetsmith.engine.xlsx.read;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.RangeRead;
import dev.sheetsmith.domain.WorkbookDescription;
import dev.sheetsmith.engine.xlsx.describe.Regions;
import dev.sheetsmith.engine.xlsx.describe.SheetDescriber;
import dev.sheetsmith.engine.xlsx.poi.Sheets;
import dev.sheetsmith.engine.xlsx.poi.Workbooks;
import dev.sheetsmith.ports.out.WorkbookReader;
import dev.sheetsmith.ports.out.SpiCells;
import dev.sheetsmith.spi.ReadLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.ooxml.util.SAXHelper;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Reads stored xlsx files with POI's event API: the workbook is never loaded whole, so a sheet of
 * a million rows is read in a page-sized memory. The file is copied to a temporary file first,
 * because POI reads a zip from a stream by unpacking every entry into memory.
 */
public final class XlsxWorkbookReader implements WorkbookReader {

    private static final Pattern DISPLAY_NAME = Pattern.compile("displayName=\"([^\"]+)\"");
    private static final Pattern DEFINED_NAME = Pattern.compile("<definedName([^>]*)>([^<]*)</definedName>");
    private static final Pattern NAME_ATTRIBUTE = Pattern.compile("name=\"([^\"]+)\"");
    private static final Pattern TABLE_REF = Pattern.compile("<(?:\\w+:)?table\\b[^>]*?\\sref=\"([^\"]+)\"");

    @Override
    public Set<String> formats() {
        return Set.of(Workbooks.FORMAT);
    }

    /** Loads the workbook whole (POI's user model): objects live in many parts the event API does not read. */
    @Override
    public dev.sheetsmith.domain.SheetDetails describeSheet(InputStream xlsx, String sheet) throws IOException {
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = Workbooks.open(xlsx)) {
            return SheetDescriber.describe(wb, Sheets.xsheet(wb, sheet));
        }
    }

    @Override
    public WorkbookDescription describe(InputStream xlsx) throws IOException {
        return withPackage(xlsx, pkg -> {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            StylesTable styles = reader.getStylesTable();
            List<WorkbookDescription.Sheet> sheets = new ArrayList<>();
            XSSFReader.SheetIterator it = (XSSFReader.SheetIterator) reader.getSheetsData();
            while (it.hasNext()) {
                UsedRange used = new UsedRange();
                Regions regions = new Regions();
                try (InputStream sheet = it.next()) {
                    parse(sheet, new WithMerges(new SheetCells(strings, styles, (row, column, value, formula, saved) -> {
                        used.cell(row, column, value, formula, saved);
                        if (!(value instanceof CellValue.Empty) || formula != null) {
                            regions.cell(row, column, value, formula);
                        }
                        return true;
                    }), regions));
                }
                Map<String, CellRange> tables = tables(it.getSheetPart());
                tables.forEach(regions::table);
                sheets.add(new WorkbookDescription.Sheet(it.getSheetName(), used.range(), used.header(),
                        List.copyOf(tables.keySet()), regions.regions(), regions.moreRegions(),
                        regions.mergedRanges()));
            }
            return new WorkbookDescription(sheets, definedNames(reader));
        });
    }

    @Override
    public RangeRead read(InputStream xlsx, String sheetName, CellRange range, boolean formulas, int maxCells)
            throws IOException {
        return withPackage(xlsx, pkg -> {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            StylesTable styles = reader.getStylesTable();
            Paging paging = Paging.of(reader, strings, styles, sheetName, range, maxCells);
            if (paging.page() == null) {
                return new RangeRead(paging.sheet(), paging.wanted(), List.of(), null, List.of());
            }
            String name = paging.sheet();
            CellRange page = paging.page();
            CellRange next = paging.next();
            Page collected = new Page(page, formulas);
            try (InputStream sheet = sheetStream(reader, name)) {
                parse(sheet, new SheetCells(strings, styles, collected));
            }
            if (!collected.unevaluated.isEmpty() && pkg.getParts().stream().mapToLong(PackagePart::getSize).sum()
                    < MAX_EVALUATED_BYTES) {
                evaluate(pkg, name, collected);
            }
            return new RangeRead(name, page, collected.rows(), next, collected.unevaluated);
        });
    }

    /**
     * Which cells a page of a read covers: the sheet's used range (one pass over its XML) cut to the
     * wanted range and to {@code maxCells} whole rows; {@code page} is null when nothing is there.
     */
    private record Paging(String sheet, CellRange wanted, CellRange page, CellRange next) {

        static Paging of(XSSFReader reader, ReadOnlySharedStringsTable strings, StylesTable styles,
                String sheetName, CellRange range, int maxCells) throws IOException, SAXException,
                org.apache.poi.openxml4j.exceptions.OpenXML4JException {
            String name = findSheet(reader, sheetName);
            UsedRange used = new UsedRange();
            try (InputStream sheet = sheetStream(reader, name)) {
                parse(sheet, new SheetCells(strings, styles, used));
            }
            CellRange wanted = range == null ? used.range() : range;
            CellRange effective = wanted == null || used.range() == null ? null : trimmed(wanted, used.range());
            if (effective == null) {
                return new Paging(name, wanted, null, null);
            }
            int rowsPerPage = Math.max(1, maxCells / effective.columnCount());
            int lastRow = (int) Math.min(effective.lastRow(), (long) effective.firstRow() + rowsPerPage - 1);
            CellRange page = new CellRange(effective.firstRow(), effective.firstColumn(), lastRow,
                    effective.lastColumn());
            CellRange next = lastRow < effective.lastRow() ? new CellRange(lastRow + 1, effective.firstColumn(),
                    effective.lastRow(), effective.lastColumn()) : null;
            return new Paging(name, wanted, page, next);
        }
    }

    /**
     * The page {@link #read} would give, each value formatted with its cell's number format by POI's
     * {@link DataFormatter} (what Excel shows, in the root locale): "$1,234.50", "12.5%", "3/1/26".
     * Dates are turned back into their serial number so the file's own date format applies.
     */
    @Override
    public RangeRead readFormatted(InputStream xlsx, String sheetName, CellRange range, int maxCells)
            throws IOException {
        return withPackage(xlsx, pkg -> {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            StylesTable styles = reader.getStylesTable();
            Paging paging = Paging.of(reader, strings, styles, sheetName, range, maxCells);
            if (paging.page() == null) {
                return new RangeRead(paging.sheet(), paging.wanted(), List.of(), null, List.of());
            }
            String name = paging.sheet();
            CellRange page = paging.page();
            CellRange next = paging.next();
            Page collected = new Page(page, false);
            int[][] styleOf = new int[page.rowCount()][page.columnCount()];
            SheetCells[] handler = new SheetCells[1];
            handler[0] = new SheetCells(strings, styles, (row, column, value, formula, saved) -> {
                if (page.contains(row, column)) {
                    styleOf[row - page.firstRow()][column - page.firstColumn()] = handler[0].style();
                }
                return collected.cell(row, column, value, formula, saved);
            });
            try (InputStream sheet = sheetStream(reader, name)) {
                parse(sheet, handler[0]);
            }
            if (!collected.unevaluated.isEmpty() && pkg.getParts().stream().mapToLong(PackagePart::getSize).sum()
                    < MAX_EVALUATED_BYTES) {
                evaluate(pkg, name, collected);
            }
            DataFormatter formatter = new DataFormatter(java.util.Locale.ROOT);
            List<List<CellValue>> rows = new ArrayList<>();
            List<List<CellValue>> typed = collected.rows();
            for (int r = 0; r < typed.size(); r++) {
                List<CellValue> row = new ArrayList<>();
                for (int c = 0; c < typed.get(r).size(); c++) {
                    row.add(formatted(formatter, styles, styleOf[r][c], typed.get(r).get(c)));
                }
                rows.add(row);
            }
            return new RangeRead(name, page, rows, next, collected.unevaluated);
        });
    }

    private static CellValue formatted(DataFormatter formatter, StylesTable styles, int style, CellValue value) {
        if (value instanceof CellValue.Empty) {
            return value;
        }
        Double serial = value instanceof CellValue.Number n ? Double.valueOf(n.value())
                : value instanceof CellValue.Date d ? Double.valueOf(DateUtil.getExcelDate(d.value()))
                : value instanceof CellValue.DateTime t ? Double.valueOf(DateUtil.getExcelDate(t.value())) : null;
        if (serial == null || style < 0 || styles == null || style >= styles.getNumCellStyles()) {
            return new CellValue.Text(value.display());
        }
        XSSFCellStyle cellStyle = styles.getStyleAt(style);
        String format = cellStyle.getDataFormatString();
        return new CellValue.Text(formatter.formatRawCellContents(serial, cellStyle.getDataFormat(),
                format == null ? "General" : format));
    }

    /**
     * Every sheet whole, the first used row as header row: what a conversion to another format
     * needs. Counts while it streams and refuses at the first of {@code limits} it passes: the
     * shared strings are counted before they are loaded, each sheet's cells are counted in a first
     * pass that keeps nothing, and the rows are built only when the whole file fits.
     */
    public List<dev.sheetsmith.spi.SheetView> readAll(InputStream xlsx, ReadLimits limits) throws IOException {
        return withPackage(xlsx, pkg -> {
            XSSFReader reader = new XSSFReader(pkg);
            checkSharedStrings(pkg, limits);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            StylesTable styles = reader.getStylesTable();
            List<String> names = new ArrayList<>();
            List<UsedRange> used = new ArrayList<>();
            long[] cells = {0};
            XSSFReader.SheetIterator it = (XSSFReader.SheetIterator) reader.getSheetsData();
            while (it.hasNext()) {
                try (InputStream sheet = it.next()) {
                    String name = it.getSheetName();
                    UsedRange range = new UsedRange();
                    parse(limits.bounded(sheet, "'" + it.getSheetPart().getPartName().getName() + "' (sheet '" + name
                            + "')"), new SheetCells(strings, styles, (row, column, value, formula, saved) -> {
                                if (range.cell(row, column, value, formula, saved) && !(value instanceof CellValue.Empty
                                        && formula == null) && ++cells[0] > limits.maxCells()) {
                                    throw limits.tooManyCells("sheet '" + name + "', row " + (row + 1));
                                }
                                return true;
                            }));
                    names.add(name);
                    used.add(range);
                }
            }
            long dense = 0;
            for (int i = 0; i < names.size(); i++) {
                CellRange range = used.get(i).range();
                if (range == null) {
                    continue;
                }
                if (range.lastRow() + 1 > limits.maxRows() || range.lastColumn() + 1 > limits.maxColumns()) {
                    throw limits.tooLarge(names.get(i), range.lastRow() + 1L, range.lastColumn() + 1L);
                }
                // The rows handed on are dense from A1, as the host counts them: a sheet with one cell in
                // A1 and one in XFD100000 is 1.6 billion cells, refused here rather than allocated.
                dense += (range.lastRow() + 1L) * (range.lastColumn() + 1L);
                if (dense > limits.maxCells()) {
                    throw limits.tooManyCells("sheet '" + names.get(i) + "', whose rows from A1 to "
                            + new CellReference(range.lastRow(), range.lastColumn()).formatAsString()
                            + " are " + (range.lastRow() + 1L) * (range.lastColumn() + 1L) + " cells");
                }
            }
            List<dev.sheetsmith.spi.SheetView> sheets = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                CellRange range = used.get(i).range();
                if (range == null) {
                    sheets.add(SpiCells.sheet(name, List.of(), List.of()));
                    continue;
                }
                Page page = new Page(new CellRange(0, 0, range.lastRow(), range.lastColumn()), false);
                try (InputStream sheet = sheetStream(reader, name)) {
                    parse(sheet, new SheetCells(strings, styles, page));
                }
                List<List<CellValue>> rows = page.rows();
                List<String> headers = rows.get(0).stream().map(CellValue::display).toList();
                sheets.add(SpiCells.sheet(name, headers, rows.subList(1, rows.size())));
            }
            return sheets;
        });
    }

    /**
     * The shared strings are held whole while the sheets are read, so they are counted first, in a
     * pass that keeps nothing: at most as many strings as the call may have cells, and at most
     * {@link ReadLimits#maxTextChars()} characters.
     */
    public static void checkSharedStrings(OPCPackage pkg, ReadLimits limits) throws IOException, SAXException {
        List<PackagePart> parts = pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
        for (PackagePart part : parts) {
            String name = part.getPartName().getName();
            long[] count = {0, 0};
            boolean[] inText = {false};
            try (InputStream in = limits.bounded(part.getInputStream(), "'" + name + "'")) {
                XMLReader parser = SAXHelper.newXMLReader();
                parser.setContentHandler(new org.xml.sax.helpers.DefaultHandler() {
                    @Override
                    public void startElement(String uri, String localName, String qName, Attributes attributes) {
                        if ("si".equals(localName) && ++count[0] > limits.maxCells()) {
                            throw new InvalidInputException("the file's shared strings (" + name + ") hold more than "
                                    + limits.maxCells() + " strings, more than a call may have cells (limits"
                                    + ".maxCellsPerCall = " + limits.maxCells() + ")");
                        }
                        inText[0] = "t".equals(localName);
                    }

                    @Override
                    public void endElement(String uri, String localName, String qName) {
                        inText[0] = false;
                    }

                    @Override
                    public void characters(char[] ch, int start, int length) {
                        if (inText[0] && (count[1] += length) > limits.maxTextChars()) {
                            throw new InvalidInputException("the file's shared strings (" + name + ") hold more than "
                                    + limits.maxTextChars() + " characters of text; this server imports at most "
                                    + limits.maxTextChars() + " (limits.maxImportBytes)");
                        }
                    }
                });
                parser.parse(new InputSource(in));
            } catch (ParserConfigurationException e) {
                throw new IOException(e);
            }
        }
    }

    @Override
    public List<Match> find(InputStream xlsx, Search search) throws IOException {
        return withPackage(xlsx, pkg -> {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            StylesTable styles = reader.getStylesTable();
            String only = search.sheet() == null ? null : findSheet(reader, search.sheet());
            String needle = search.matchCase() ? search.text() : search.text().toLowerCase(java.util.Locale.ROOT);
            List<Match> matches = new ArrayList<>();
            XSSFReader.SheetIterator it = (XSSFReader.SheetIterator) reader.getSheetsData();
            while (it.hasNext() && matches.size() <= search.maxResults()) {
                try (InputStream sheet = it.next()) {
                    String name = it.getSheetName();
                    if (only != null && !only.equals(name)) {
                        continue;
                    }
                    parse(sheet, new SheetCells(strings, styles, finder(name, search, needle, matches)));
                }
            }
            return matches;
        });
    }

    /** Whether a number's display could hold {@code needle}: digits, '-', '.' and an exponent's E only. */
    static boolean mayMatchNumbers(String needle) {
        return needle.chars().allMatch(ch -> ch >= '0' && ch <= '9' || ch == '-' || ch == '.' || ch == 'e'
                || ch == 'E');
    }

    /** Adds the cells of sheet {@code name} that {@code search} finds to {@code matches}; stops past its range or count. */
    static SheetCells.Visitor finder(String name, Search search, String needle, List<Match> matches) {
        // a number shows as digits, '-', '.' and an exponent's E: a needle with any other character never
        // matches one, so numbers are not formatted for it (a million-row search is mostly numbers)
        boolean numeric = mayMatchNumbers(needle);
        return (row, column, value, formula, saved) -> {
            if (search.range() != null && !search.range().contains(row, column)) {
                return search.range().lastRow() >= row;
            }
            if (!numeric && value instanceof CellValue.Number) {
                return matches.size() <= search.maxResults();
            }
            String shown = search.matchCase() ? value.display() : value.display().toLowerCase(java.util.Locale.ROOT);
            if (!shown.isEmpty() && (search.wholeCell() ? shown.equals(needle) : shown.contains(needle))) {
                matches.add(new Match(name, new CellReference(row, column).formatAsString(), value));
            }
            return matches.size() <= search.maxResults();
        };
    }

    /** Formulas without a saved value are computed with POI's evaluator, which needs the whole workbook. */
    static final long MAX_EVALUATED_BYTES = 64L * 1024 * 1024;

    private static void evaluate(OPCPackage pkg, String sheetName, Page page) throws IOException {
        XSSFWorkbook wb = new XSSFWorkbook(pkg);
        Sheet sheet = wb.getSheet(sheetName);
        Map<Cell, String> refs = new java.util.IdentityHashMap<>();
        List<Cell> cells = new ArrayList<>();
        for (String ref : List.copyOf(page.unevaluated)) {
            CellReference at = new CellReference(ref);
            Row row = sheet.getRow(at.getRow());
            Cell cell = row == null ? null : row.getCell(at.getCol());
            if (cell != null) {
                cells.add(cell);
                refs.put(cell, ref);
            }
        }
        // bounded: a big stack, a time budget; circular references and the rest stay listed, never guessed
        var results = dev.sheetsmith.engine.xlsx.poi.Evaluation.evaluate(wb, cells);
        for (Cell cell : cells) {
            if (!(results.get(cell) instanceof dev.sheetsmith.engine.xlsx.poi.Evaluation.Value computed)) {
                continue;
            }
            org.apache.poi.ss.usermodel.CellValue value = computed.value();
            CellValue typed = switch (value.getCellType()) {
                case NUMERIC -> DateUtil.isCellDateFormatted(cell)
                        ? new CellValue.DateTime(DateUtil.getLocalDateTime(value.getNumberValue()))
                        : new CellValue.Number(value.getNumberValue());
                case STRING -> new CellValue.Text(value.getStringValue());
                case BOOLEAN -> new CellValue.Bool(value.getBooleanValue());
                case ERROR -> new CellValue.Text(FormulaError.forInt(value.getErrorValue()).getString());
                default -> null;
            };
            if (typed != null) {
                page.set(cell.getRowIndex(), cell.getColumnIndex(), typed);
                page.unevaluated.remove(refs.get(cell));
            }
        }
    }

    /** The requested range without the empty rows and columns past the sheet's last used ones. */
    static CellRange trimmed(CellRange wanted, CellRange used) {
        int lastRow = Math.min(wanted.lastRow(), used.lastRow());
        int lastColumn = Math.min(wanted.lastColumn(), used.lastColumn());
        if (wanted.firstRow() > lastRow || wanted.firstColumn() > lastColumn) {
            return null;
        }
        return new CellRange(wanted.firstRow(), wanted.firstColumn(), lastRow, lastColumn);
    }

    interface PackageWork<T> {
        T apply(OPCPackage pkg) throws IOException, OpenXML4JException, SAXException;
    }

    interface FileWork<T> {
        T apply(Path file, OPCPackage pkg) throws IOException, OpenXML4JException, SAXException;
    }

    static <T> T withPackage(InputStream xlsx, PackageWork<T> work) throws IOException {
        return withFile(xlsx, (file, pkg) -> work.apply(pkg));
    }

    /** As {@link #withPackage}, with the temporary copy's path too (read only). */
    static <T> T withFile(InputStream xlsx, FileWork<T> work) throws IOException {
        Workbooks.init();
        Path temp = Files.createTempFile("sheetsmith-read-", ".xlsx");
        try {
            Files.copy(xlsx, temp, StandardCopyOption.REPLACE_EXISTING);
            try (OPCPackage pkg = OPCPackage.open(temp.toFile(), PackageAccess.READ)) {
                return work.apply(temp, pkg);
            } catch (InvalidFormatException e) {
                throw new InvalidInputException("the stored file is not a readable xlsx workbook");
            } catch (OpenXML4JException | SAXException e) {
                throw new IOException("could not read the workbook", e);
            } catch (IOException e) {
                throw Workbooks.refused(e);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static void parse(InputStream sheet, org.xml.sax.ContentHandler handler) throws IOException, SAXException {
        try {
            XMLReader parser = SAXHelper.newXMLReader();
            parser.setContentHandler(handler);
            parser.parse(new InputSource(sheet));
        } catch (SheetCells.Stop stop) {
            // the visitor has what it needs
        } catch (ParserConfigurationException e) {
            throw new IOException(e);
        }
    }

    private static String findSheet(XSSFReader reader, String wanted) throws IOException, OpenXML4JException {
        List<String> names = new ArrayList<>();
        XSSFReader.SheetIterator it = (XSSFReader.SheetIterator) reader.getSheetsData();
        while (it.hasNext()) {
            it.next().close();
            names.add(it.getSheetName());
        }
        return pickSheet(names, wanted);
    }

    /** The sheet {@code wanted} names (exactly, else ignoring case and outer spaces); null for the first. */
    static String pickSheet(List<String> names, String wanted) {
        if (wanted == null || wanted.isBlank()) {
            if (names.isEmpty()) {
                throw new InvalidInputException("the workbook has no sheets");
            }
            return names.get(0);
        }
        for (String name : names) {
            if (name.equals(wanted)) {
                return name;
            }
        }
        for (String name : names) {
            if (name.equalsIgnoreCase(wanted.strip())) {
                return name;
            }
        }
        throw new InvalidInputException("sheet '" + wanted + "' does not exist; the sheets are " + names);
    }

    private static InputStream sheetStream(XSSFReader reader, String name) throws IOException, OpenXML4JException {
        XSSFReader.SheetIterator it = (XSSFReader.SheetIterator) reader.getSheetsData();
        while (it.hasNext()) {
            InputStream in = it.next();
            if (it.getSheetName().equals(name)) {
                return in;
            }
            in.close();
        }
        throw new InvalidInputException("sheet '" + name + "' does not exist");
    }

    /** The names of the sheet's tables, in the order the sheet lists them. */
    static List<String> tableNames(PackagePart sheetPart) throws InvalidFormatException, IOException {
        return List.copyOf(tables(sheetPart).keySet());
    }

    /** The sheet's tables by name, with their ranges (null when the ref cannot be read). */
    static Map<String, CellRange> tables(PackagePart sheetPart) throws InvalidFormatException, IOException {
        Map<String, CellRange> tables = new java.util.LinkedHashMap<>();
        for (PackageRelationship rel : sheetPart.getRelationshipsByType(XSSFRelation.TABLE.getRelation())) {
            PackagePart table = sheetPart.getRelatedPart(rel);
            try (InputStream in = table.getInputStream()) {
                String head = new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8);
                Matcher m = DISPLAY_NAME.matcher(head);
                if (m.find()) {
                    Matcher ref = TABLE_REF.matcher(head);
                    CellRange range = null;
                    if (ref.find()) {
                        try {
                            range = CellRange.parse(ref.group(1));
                        } catch (RuntimeException e) {
                            // listed by name only
                        }
                    }
                    tables.put(m.group(1), range);
                }
            }
        }
        return tables;
    }

    /** A sheet's handler that also hands its merged ranges to {@code regions}. */
    static org.xml.sax.ContentHandler withMerges(SheetCells cells, Regions regions) {
        return new WithMerges(cells, regions);
    }

    /** Hands a sheet's cells to {@link SheetCells} and its merged ranges (after the cells in the XML) to the regions. */
    private static final class WithMerges extends SheetCells.Delegate {
        private final Regions regions;

        WithMerges(SheetCells cells, Regions regions) {
            super(cells);
            this.regions = regions;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            if ("mergeCell".equals(localName) && attributes.getValue("ref") != null) {
                try {
                    regions.merged(CellRange.parse(attributes.getValue("ref")));
                } catch (RuntimeException e) {
                    // a malformed merge is not worth failing the description for
                }
            }
            super.startElement(uri, localName, qName, attributes);
        }
    }

    static List<WorkbookDescription.DefinedName> definedNames(XSSFReader reader)
            throws IOException, InvalidFormatException {
        String xml;
        try (InputStream in = reader.getWorkbookData()) {
            xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        List<WorkbookDescription.DefinedName> names = new ArrayList<>();
        Matcher m = DEFINED_NAME.matcher(xml);
        while (m.find()) {
            Matcher name = NAME_ATTRIBUTE.matcher(m.group(1));
            if (name.find() && !name.group(1).startsWith("_xlnm._FilterDatabase")) {
                names.add(new WorkbookDescription.DefinedName(unescape(name.group(1)), unescape(m.group(2))));
            }
        }
        return names;
    }

    private static String unescape(String xml) {
        return xml.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }

    /** Tracks the rectangle of non-empty cells and the first used row's values. */
    static final class UsedRange implements SheetCells.Visitor {
        private int firstRow = Integer.MAX_VALUE;
        private int firstColumn = Integer.MAX_VALUE;
        private int lastRow = -1;
        private int lastColumn = -1;
        private final Map<Integer, String> header = new TreeMap<>();
        private int headerRow = -1;

        @Override
        public boolean cell(int row, int column, CellValue value, String formula, boolean hasSavedValue) {
            if (value instanceof CellValue.Empty && formula == null) {
                return true;
            }
            firstRow = Math.min(firstRow, row);
            firstColumn = Math.min(firstColumn, column);
            lastRow = Math.max(lastRow, row);
            lastColumn = Math.max(lastColumn, column);
            if (headerRow < 0) {
                headerRow = row;
            }
            if (row == headerRow) {
                header.put(column, value.display());
            }
            return true;
        }

        CellRange range() {
            return lastRow < 0 ? null : new CellRange(firstRow, firstColumn, lastRow, lastColumn);
        }

        List<String> header() {
            if (header.isEmpty()) {
                return List.of();
            }
            String[] values = new String[lastColumn - firstColumn + 1];
            Arrays.fill(values, "");
            header.forEach((column, text) -> values[column - firstColumn] = text);
            return List.of(values);
        }
    }

    /** Collects one page of a range as dense rows. */
    static final class Page implements SheetCells.Visitor {
        private final CellRange page;
        private final boolean formulas;
        private final CellValue[][] cells;
        final List<String> unevaluated = new ArrayList<>();

        Page(CellRange page, boolean formulas) {
            this.page = page;
            this.formulas = formulas;
            this.cells = new CellValue[page.rowCount()][page.columnCount()];
            for (CellValue[] row : cells) {
                Arrays.fill(row, CellValue.EMPTY);
            }
        }

        @Override
        public boolean cell(int row, int column, CellValue value, String formula, boolean hasSavedValue) {
            if (row > page.lastRow()) {
                return false;
            }
            if (!page.contains(row, column)) {
                return true;
            }
            CellValue cell = value;
            if (formula != null && formulas) {
                cell = new CellValue.Text("=" + formula);
            } else if (formula != null && !hasSavedValue) {
                unevaluated.add(new CellReference(row, column).formatAsString());
            }
            cells[row - page.firstRow()][column - page.firstColumn()] = cell;
            return true;
        }

        void set(int row, int column, CellValue value) {
            cells[row - page.firstRow()][column - page.firstColumn()] = value;
        }

        List<List<CellValue>> rows() {
            List<List<CellValue>> rows = new ArrayList<>(cells.length);
            for (CellValue[] row : cells) {
                rows.add(List.of(row));
            }
            return rows;
        }
    }
}
