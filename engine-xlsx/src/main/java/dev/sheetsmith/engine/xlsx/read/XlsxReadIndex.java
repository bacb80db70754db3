package dev.sheetsmith.engine.xlsx.read;

import dev.sheetsmith.engine.xlsx.describe.Regions;
import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.RangeRead;
import dev.sheetsmith.domain.SheetDetails;
import dev.sheetsmith.domain.WorkbookDescription;
import dev.sheetsmith.ports.out.WorkbookIndexer;
import dev.sheetsmith.ports.out.WorkbookReader;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFRelation;

/**
 * The read index of an xlsx revision. The file is read once, with the same SAX handler
 * ({@link SheetCells}) the reader uses, and every cell it hands on (value already typed: shared
 * strings resolved, dates told from numbers by their style) is written into blocks of
 * {@value #ROWS_PER_BLOCK} rows, each deflated on its own. A table of contents (sheets in order,
 * used range, header row, tables, the blocks' offsets, defined names) heads the index. A page then
 * inflates the one or two blocks its rows fall in and replays their cells through the reader's own
 * visitors, so it gives what the reader gives, cell for cell.
 *
 * <p>Layout: {@code "SSRI"}, format version (int), table of contents length (int), the table of
 * contents (deflated), then the blocks. A sheet whose rows are not in ascending order (allowed by
 * no writer we know, but possible) is marked unindexed and read from the file as before.
 */
public final class XlsxReadIndex implements WorkbookIndexer {

    static final int ROWS_PER_BLOCK = 256;
    private static final int MAGIC = 0x53535249; // "SSRI"
    private static final int VERSION = 4; // 2: each sheet's blocks of data (describe_workbook's regions); 3: describe_sheet;
    // 4: what each block could match (BlockSummary), after each sheet's blocks
    private static final int SHORT_STRING = 16_383;

    @Override
    public String suffix() {
        return ".ri" + VERSION;
    }

    /** Whether sheets are read with the byte scanner (SAX where it cannot read one): false only to compare the two. */
    private final boolean scan;

    public XlsxReadIndex() {
        this(true);
    }

    XlsxReadIndex(boolean scan) {
        this.scan = scan;
    }

    /** Sheets read again with SAX since this class was loaded (the scanner could not read them): for tests. */
    static final java.util.concurrent.atomic.AtomicInteger SAX_READS = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public void write(InputStream file, OutputStream index) throws IOException {
        write(file, index, WorkbookIndexer.Memory.NONE);
    }

    /**
     * Builds the index, holding through {@code memory} what the shared strings take in the heap (they
     * are kept whole while the cells are read): about three times their XML, which is a string's
     * object and its characters for every {@code <si>}; the blocks of cells go to a file as they fill.
     */
    @Override
    public void write(InputStream file, OutputStream index, WorkbookIndexer.Memory memory) throws IOException {
        Path blocks = Files.createTempFile("sheetsmith-index-", ".blocks");
        WorkbookIndexer.Held[] stringsHeld = {null};
        try {
            Contents contents;
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(blocks,
                    java.nio.file.StandardOpenOption.WRITE);
                    CountingOutputStream out = new CountingOutputStream(new BufferedOutputStream(
                            java.nio.channels.Channels.newOutputStream(channel), 64 * 1024), channel)) {
                contents = XlsxWorkbookReader.withFile(file, (path, pkg) -> {
                    long xml = sharedStringsXml(pkg);
                    stringsHeld[0] = memory.reserve(xml < 0 ? SHARED_STRINGS_UNKNOWN * Files.size(path) : 3 * xml,
                            "its shared strings (" + (xml < 0 ? "of unknown size" : xml + " bytes of XML") + ")");
                    XSSFReader reader = new XSSFReader(pkg);
                    SharedTexts strings = new SharedTexts(pkg);
                    StylesTable styles = reader.getStylesTable();
                    long packageBytes = pkg.getParts().stream().mapToLong(PackagePart::getSize).sum();
                    List<SheetEntry> sheets = new ArrayList<>();
                    List<PoiUsedRange> poiUsed = new ArrayList<>();
                    java.util.Set<String> sheetParts = new java.util.HashSet<>();
                    Map<String, List<String>> keptRows = new java.util.HashMap<>();
                    XSSFReader.SheetIterator it = (XSSFReader.SheetIterator) reader.getSheetsData();
                    while (it.hasNext()) {
                        SheetPass pass = null;
                        InputStream sheet = it.next();
                        String partName = it.getSheetPart().getPartName().getName().substring(1);
                        if (scan) {
                            long start = out.count;
                            SheetPass scanned = new SheetPass(strings, styles, out);
                            LightPackage.Rows kept = new LightPackage.Rows();
                            try (InputStream in = sheet) {
                                SheetScanner.scan(in, scanned.handler, kept);
                                pass = scanned;
                                keptRows.put(partName, kept.kept);
                            } catch (SheetScanner.Unreadable e) {
                                // what the scanner does not read exactly, SAX reads (or refuses) as it always did
                                scanned.writer.abandon();
                                out.rewind(start);
                                SAX_READS.incrementAndGet();
                            }
                        }
                        if (pass == null) {
                            pass = new SheetPass(strings, styles, out);
                            try (InputStream in = scan ? it.getSheetPart().getInputStream() : sheet) {
                                XlsxWorkbookReader.parse(in, pass.handler);
                            }
                        }
                        XlsxWorkbookReader.UsedRange used = pass.used;
                        Regions regions = pass.regions;
                        BlockWriter writer = pass.writer;
                        poiUsed.add(pass.rows);
                        sheetParts.add(partName);
                        writer.finish();
                        Map<String, CellRange> tables = XlsxWorkbookReader.tables(it.getSheetPart());
                        tables.forEach(regions::table);
                        sheets.add(new SheetEntry(it.getSheetName(), writer.ordered, used.range(), used.header(),
                                List.copyOf(tables.keySet()), writer.blocks, writer.summaries, regions.regions(),
                                regions.moreRegions(), regions.mergedRanges(), null));
                    }
                    List<SheetDetails> details;
                    try {
                        details = details(path, pkg, sheetParts, keptRows, poiUsed);
                    } catch (IOException | RuntimeException e) {
                        // what the user model cannot load without the cells is described from the file, as before
                        details = null;
                    }
                    for (int i = 0; i < sheets.size(); i++) {
                        SheetEntry e = sheets.get(i);
                        sheets.set(i, new SheetEntry(e.name(), e.indexed(), e.used(), e.header(), e.tables(),
                                e.blocks(), e.summaries(), e.regions(), e.moreRegions(), e.merged(),
                                details == null ? null : details.get(i)));
                    }
                    return new Contents(sheets, XlsxWorkbookReader.definedNames(reader), packageBytes, 0);
                });
            }
            byte[] toc = deflate(contents.bytes());
            DataOutputStream head = new DataOutputStream(index);
            head.writeInt(MAGIC);
            head.writeInt(VERSION);
            head.writeInt(toc.length);
            head.write(toc);
            head.flush();
            Files.copy(blocks, index);
        } finally {
            if (stringsHeld[0] != null) {
                stringsHeld[0].close();
            }
            Files.deleteIfExists(blocks);
        }
    }

    /** Heap per stored byte asked for when the shared strings part does not say its size (the streamed reads' rule). */
    private static final long SHARED_STRINGS_UNKNOWN = 10;

    /** The shared strings part's size as XML (uncompressed); 0 without one, -1 when the package does not say. */
    private static long sharedStringsXml(OPCPackage pkg) {
        long total = 0;
        for (PackagePart part : pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType())) {
            long size = part.getSize();
            if (size < 0) {
                return -1;
            }
            total += size;
        }
        return total;
    }

    @Override
    public Index open(Source source) throws IOException {
        int length;
        try (DataInputStream in = new DataInputStream(source.open(0, 12))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IOException("not a read index of version " + VERSION);
            }
            length = in.readInt();
        }
        byte[] toc;
        try (InputStream in = source.open(12, length)) {
            toc = in.readNBytes(length);
        }
        return new Opened(source, Contents.read(inflate(toc, -1), 12L + length));
    }

    /**
     * describe_sheet of every sheet, from a copy of the workbook without its cells ({@link LightPackage})
     * loaded in POI's user model; the used range, the one thing there that counts cells, from the pass
     * over the cells.
     */
    private static List<SheetDetails> details(Path file, org.apache.poi.openxml4j.opc.OPCPackage pkg,
            java.util.Set<String> sheetParts, Map<String, List<String>> keptRows, List<PoiUsedRange> used)
            throws IOException {
        String strings = null;
        for (PackagePart part : pkg.getPartsByContentType(
                org.apache.poi.xssf.usermodel.XSSFRelation.SHARED_STRINGS.getContentType())) {
            strings = part.getPartName().getName().substring(1);
        }
        Path light = Files.createTempFile("sheetsmith-light-", ".xlsx");
        try {
            LightPackage.write(file, sheetParts, keptRows, strings, light);
            try (org.apache.poi.openxml4j.opc.OPCPackage lightPkg = org.apache.poi.openxml4j.opc.OPCPackage.open(
                    light.toFile(), org.apache.poi.openxml4j.opc.PackageAccess.READ);
                    org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                            lightPkg)) {
                List<SheetDetails> details = new ArrayList<>();
                for (int i = 0; i < wb.getNumberOfSheets(); i++) {
                    SheetDetails d = dev.sheetsmith.engine.xlsx.describe.SheetDescriber.describe(wb, wb.getSheetAt(i));
                    CellRange range = i < used.size() ? used.get(i).range() : null;
                    details.add(new SheetDetails(d.sheet(), range == null ? null : range.toA1(), d.frozenAt(),
                            d.mergedRanges(), d.columnWidths(), d.rowHeights(), d.hiddenRows(), d.hiddenColumns(),
                            d.autoFilter(), d.tabColor(), d.printArea(), d.orientation(), d.tables(), d.charts(),
                            d.pivotTables(), d.validations(), d.conditionalFormats(), d.notes(), d.otherObjects()));
                }
                if (details.size() != used.size()) {
                    throw new IOException("the workbook lists " + used.size() + " sheets, its copy " + details.size());
                }
                return details;
            } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
                throw new IOException("could not read the workbook without its cells", e);
            }
        } finally {
            Files.deleteIfExists(light);
        }
    }

    /** One reading of a sheet: what it collects, and the handler that feeds them (SAX's events, or the scanner's). */
    private static final class SheetPass {
        final XlsxWorkbookReader.UsedRange used = new XlsxWorkbookReader.UsedRange();
        final PoiUsedRange rows = new PoiUsedRange();
        final Regions regions = new Regions();
        final BlockWriter writer;
        final org.xml.sax.ContentHandler handler;

        SheetPass(SharedTexts strings, StylesTable styles, CountingOutputStream out) {
            writer = new BlockWriter(out);
            handler = rows.around(XlsxWorkbookReader.withMerges(new SheetCells(strings, styles,
                    (row, column, value, formula, saved) -> {
                        used.cell(row, column, value, formula, saved);
                        rows.cell(row, column);
                        if (!(value instanceof CellValue.Empty) || formula != null) {
                            regions.cell(row, column, value, formula);
                        }
                        writer.cell(row, column, value, formula, saved);
                        return true;
                    }), regions));
        }
    }

    /**
     * The used range as describe_sheet's POI user model sees it: from the first to the last row
     * element (cells or not), across every cell element (values or not).
     */
    private static final class PoiUsedRange {
        private int firstRow = Integer.MAX_VALUE;
        private int lastRow = -1;
        private int previousRow = -1;
        private int firstColumn = Integer.MAX_VALUE;
        private int lastColumn = -1;

        void cell(int row, int column) {
            row(row);
            firstColumn = Math.min(firstColumn, column);
            lastColumn = Math.max(lastColumn, column);
        }

        private void row(int row) {
            firstRow = Math.min(firstRow, row);
            lastRow = Math.max(lastRow, row);
            previousRow = row;
        }

        CellRange range() {
            return lastColumn < 0 ? null : new CellRange(Math.max(0, firstRow), firstColumn, lastRow, lastColumn);
        }

        /** Notes the row elements (numbered as SheetCells numbers them) before the handler sees them. */
        org.xml.sax.ContentHandler around(org.xml.sax.ContentHandler handler) {
            return new org.xml.sax.helpers.DefaultHandler() {
                private boolean inSheetData;

                @Override
                public void startElement(String uri, String localName, String qName, org.xml.sax.Attributes a)
                        throws org.xml.sax.SAXException {
                    if ("sheetData".equals(localName)) {
                        inSheetData = true;
                    } else if (inSheetData && "row".equals(localName)) {
                        String r = a.getValue("r");
                        try {
                            row(r == null || r.isBlank() ? previousRow + 1 : Integer.parseInt(r.strip()) - 1);
                        } catch (NumberFormatException e) {
                            // SheetCells reports it
                        }
                    }
                    handler.startElement(uri, localName, qName, a);
                }

                @Override
                public void characters(char[] ch, int start, int length) throws org.xml.sax.SAXException {
                    handler.characters(ch, start, length);
                }

                @Override
                public void endElement(String uri, String localName, String qName) throws org.xml.sax.SAXException {
                    if ("sheetData".equals(localName)) {
                        inSheetData = false;
                    }
                    handler.endElement(uri, localName, qName);
                }
            };
        }
    }

    /** A sheet's entry in the table of contents. */
    private record SheetEntry(String name, boolean indexed, CellRange used, List<String> header, List<String> tables,
            List<Block> blocks, Block summaries, List<WorkbookDescription.Region> regions, int moreRegions, List<CellRange> merged,
            SheetDetails details) {
    }

    /** Rows {@code number * ROWS_PER_BLOCK} on: {@code length} deflated bytes at {@code offset}, {@code raw} inflated. */
    private record Block(int number, long offset, int length, int raw) {
    }

    private record Contents(List<SheetEntry> sheets, List<WorkbookDescription.DefinedName> names, long packageBytes,
            long blocksStart) {

        byte[] bytes() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeLong(packageBytes);
            out.writeInt(sheets.size());
            for (SheetEntry sheet : sheets) {
                writeString(out, sheet.name());
                out.writeBoolean(sheet.indexed());
                out.writeBoolean(sheet.used() != null);
                if (sheet.used() != null) {
                    out.writeInt(sheet.used().firstRow());
                    out.writeInt(sheet.used().firstColumn());
                    out.writeInt(sheet.used().lastRow());
                    out.writeInt(sheet.used().lastColumn());
                }
                writeStrings(out, sheet.header());
                writeStrings(out, sheet.tables());
                out.writeInt(sheet.blocks().size());
                for (Block block : sheet.blocks()) {
                    out.writeInt(block.number());
                    out.writeLong(block.offset());
                    out.writeInt(block.length());
                    out.writeInt(block.raw());
                }
                out.writeBoolean(sheet.summaries() != null);
                if (sheet.summaries() != null) {
                    out.writeLong(sheet.summaries().offset());
                    out.writeInt(sheet.summaries().length());
                    out.writeInt(sheet.summaries().raw());
                }
                out.writeInt(sheet.regions().size());
                for (WorkbookDescription.Region r : sheet.regions()) {
                    writeRange(out, r.range());
                    writeInts(out, r.titleRows());
                    writeStrings(out, r.titles());
                    writeInts(out, r.headerRows());
                    writeRows(out, r.header());
                    out.writeInt(r.totalsRow());
                    out.writeInt(r.dataRows());
                    writeRows(out, r.samples());
                    out.writeBoolean(r.table() != null);
                    if (r.table() != null) {
                        writeString(out, r.table());
                    }
                }
                out.writeInt(sheet.moreRegions());
                out.writeInt(sheet.merged().size());
                for (CellRange range : sheet.merged()) {
                    writeRange(out, range);
                }
                out.writeBoolean(sheet.details() != null);
                if (sheet.details() != null) {
                    writeDetails(out, sheet.details());
                }
            }
            out.writeInt(names.size());
            for (WorkbookDescription.DefinedName name : names) {
                writeString(out, name.name());
                writeString(out, name.refersTo());
            }
            out.flush();
            return bytes.toByteArray();
        }

        static Contents read(byte[] bytes, long blocksStart) throws IOException {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            long packageBytes = in.readLong();
            int count = in.readInt();
            List<SheetEntry> sheets = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String name = readString(in);
                boolean indexed = in.readBoolean();
                CellRange used = in.readBoolean() ? new CellRange(in.readInt(), in.readInt(), in.readInt(),
                        in.readInt()) : null;
                List<String> header = readStrings(in);
                List<String> tables = readStrings(in);
                int blockCount = in.readInt();
                List<Block> blocks = new ArrayList<>(blockCount);
                for (int b = 0; b < blockCount; b++) {
                    blocks.add(new Block(in.readInt(), in.readLong(), in.readInt(), in.readInt()));
                }
                Block summaries = in.readBoolean() ? new Block(-1, in.readLong(), in.readInt(), in.readInt()) : null;
                int regionCount = in.readInt();
                List<WorkbookDescription.Region> regions = new ArrayList<>(regionCount);
                for (int r = 0; r < regionCount; r++) {
                    regions.add(new WorkbookDescription.Region(readRange(in), readInts(in), readStrings(in),
                            readInts(in), readRows(in), in.readInt(), in.readInt(), readRows(in),
                            in.readBoolean() ? readString(in) : null));
                }
                int moreRegions = in.readInt();
                int mergedCount = in.readInt();
                List<CellRange> merged = new ArrayList<>(mergedCount);
                for (int m = 0; m < mergedCount; m++) {
                    merged.add(readRange(in));
                }
                sheets.add(new SheetEntry(name, indexed, used, header, tables, List.copyOf(blocks), summaries,
                        List.copyOf(regions),
                        moreRegions, List.copyOf(merged), in.readBoolean() ? readDetails(in) : null));
            }
            int nameCount = in.readInt();
            List<WorkbookDescription.DefinedName> names = new ArrayList<>(nameCount);
            for (int i = 0; i < nameCount; i++) {
                names.add(new WorkbookDescription.DefinedName(readString(in), readString(in)));
            }
            return new Contents(List.copyOf(sheets), List.copyOf(names), packageBytes, blocksStart);
        }
    }

    /** An opened index: the table of contents in memory, blocks fetched from the source per call. */
    static final class Opened implements Index {
        private final Source source;
        private final Contents contents;
        private final List<String> names;
        private final long heapBytes;

        Opened(Source source, Contents contents) {
            this.source = source;
            this.contents = contents;
            this.names = contents.sheets().stream().map(SheetEntry::name).toList();
            long bytes = 256;
            for (SheetEntry sheet : contents.sheets()) {
                bytes += 128 + 48L * sheet.blocks().size() + 64L * (sheet.header().size() + sheet.tables().size());
                for (String text : sheet.header()) {
                    bytes += 2L * text.length();
                }
            }
            for (SheetEntry sheet : contents.sheets()) {
                SheetDetails d = sheet.details();
                if (d != null) {
                    bytes += 512 + 96L * (d.mergedRanges().size() + d.columnWidths().size() + d.rowHeights().size()
                            + d.hiddenRows().size() + d.hiddenColumns().size() + d.tables().size() + d.charts().size()
                            + d.pivotTables().size() + d.validations().size() + d.conditionalFormats().size()
                            + d.notes().size() + d.otherObjects().size());
                    for (SheetDetails.Note note : d.notes()) {
                        bytes += 2L * note.text().length();
                    }
                }
            }
            this.heapBytes = bytes + 128L * contents.names().size();
        }

        @Override
        public long heapBytes() {
            return heapBytes;
        }

        @Override
        public WorkbookDescription describe() {
            return new WorkbookDescription(contents.sheets().stream().map(s -> new WorkbookDescription.Sheet(s.name(),
                    s.used(), s.header(), s.tables(), s.regions(), s.moreRegions(), s.merged())).toList(),
                    contents.names());
        }

        /** The sheet as describe_sheet's POI user model finds it: ignoring case, then also outer spaces. */
        @Override
        public Optional<SheetDetails> describeSheet(String sheet) {
            if (names.isEmpty()) {
                return Optional.empty();
            }
            if (sheet == null || sheet.isBlank()) {
                return Optional.ofNullable(contents.sheets().get(0).details());
            }
            for (String wanted : List.of(sheet, sheet.strip())) {
                for (SheetEntry entry : contents.sheets()) {
                    if (entry.name().equalsIgnoreCase(wanted)) {
                        return Optional.ofNullable(entry.details());
                    }
                }
            }
            throw new dev.sheetsmith.domain.InvalidInputException("sheet '" + sheet
                    + "' does not exist; the sheets are " + names);
        }

        @Override
        public Optional<RangeRead> read(String sheetName, CellRange range, boolean formulas, int maxCells)
                throws IOException {
            String name = XlsxWorkbookReader.pickSheet(names, sheetName);
            SheetEntry sheet = contents.sheets().get(names.indexOf(name));
            if (!sheet.indexed()) {
                return Optional.empty();
            }
            CellRange used = sheet.used();
            CellRange wanted = range == null ? used : range;
            CellRange effective = wanted == null || used == null ? null : XlsxWorkbookReader.trimmed(wanted, used);
            if (effective == null) {
                return Optional.of(new RangeRead(name, wanted, List.of(), null, List.of()));
            }
            int rowsPerPage = Math.max(1, maxCells / effective.columnCount());
            int lastRow = (int) Math.min(effective.lastRow(), (long) effective.firstRow() + rowsPerPage - 1);
            CellRange page = new CellRange(effective.firstRow(), effective.firstColumn(), lastRow,
                    effective.lastColumn());
            CellRange next = lastRow < effective.lastRow() ? new CellRange(lastRow + 1, effective.firstColumn(),
                    effective.lastRow(), effective.lastColumn()) : null;
            XlsxWorkbookReader.Page collected = new XlsxWorkbookReader.Page(page, formulas);
            replay(sheet, page.firstRow(), page.lastRow(), collected);
            if (!collected.unevaluated.isEmpty() && contents.packageBytes() < XlsxWorkbookReader.MAX_EVALUATED_BYTES) {
                return Optional.empty();
            }
            return Optional.of(new RangeRead(name, page, collected.rows(), next, collected.unevaluated));
        }

        @Override
        public Optional<List<WorkbookReader.Match>> find(WorkbookReader.Search search) throws IOException {
            String only = search.sheet() == null ? null : XlsxWorkbookReader.pickSheet(names, search.sheet());
            String needle = search.matchCase() ? search.text() : search.text().toLowerCase(java.util.Locale.ROOT);
            List<WorkbookReader.Match> matches = new ArrayList<>();
            for (SheetEntry sheet : contents.sheets()) {
                if (matches.size() > search.maxResults()) {
                    break;
                }
                if (only != null && !only.equals(sheet.name())) {
                    continue;
                }
                if (!sheet.indexed()) {
                    return Optional.empty();
                }
                search(sheet, search, needle, matches);
            }
            return Optional.of(matches);
        }

        /**
         * {@link XlsxWorkbookReader#finder} over the sheet's blocks, without a value object per cell:
         * numbers are stepped over when the needle could never match one, and ASCII texts (most of
         * them) are compared in the block's bytes; any other cell is decoded and handed to the finder.
         */
        private void search(SheetEntry sheet, WorkbookReader.Search search, String needle,
                List<WorkbookReader.Match> matches) throws IOException {
            CellRange range = search.range();
            SheetCells.Visitor finder = XlsxWorkbookReader.finder(sheet.name(), search, needle, matches);
            boolean numeric = XlsxWorkbookReader.mayMatchNumbers(needle);
            byte[] ascii = ascii(needle) ? needle.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1) : null;
            boolean lower = !search.matchCase();
            int max = search.maxResults();
            List<Block> wanted = candidates(sheet, search, needle, numeric);
            if (wanted.isEmpty()) {
                return;
            }
            try (Blocks blocks = new Blocks(wanted)) {
                for (Block block : wanted) {
                    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(inflate(blocks.next(block), block.raw()));
                    byte[] array = in.array();
                    while (in.hasRemaining()) {
                        int start = in.position();
                        int row = in.getInt();
                        int column = in.getShort();
                        int flags = in.get() & 0xFF;
                        int type = flags & 7;
                        if (type == 2 && !numeric || type == 1 && ascii != null && in.getInt(in.position()) <= SHORT_STRING
                                && in.getInt(in.position()) == (in.getShort(in.position() + 4) & 0xFFFF)) {
                            // the cases the finder would decide without a look at the value, or at ASCII bytes
                            if (range != null && !range.contains(row, column)) {
                                if (range.lastRow() < row) {
                                    return;
                                }
                            } else if (type == 1) {
                                int length = in.getInt();
                                in.getShort();
                                int at = in.position();
                                if (length > 0 && (search.wholeCell() ? length == ascii.length
                                        && matchesAt(array, at, ascii, lower) : contains(array, at, length, ascii,
                                        lower))) {
                                    matches.add(new WorkbookReader.Match(sheet.name(),
                                            new org.apache.poi.ss.util.CellReference(row, column).formatAsString(),
                                            new CellValue.Text(new String(array, at, length,
                                                    java.nio.charset.StandardCharsets.ISO_8859_1))));
                                }
                            }
                            if (matches.size() > max) {
                                return;
                            }
                            in.position(start + 7);
                            skipValue(in, type);
                            if ((flags & 8) != 0) {
                                skipString(in);
                            }
                            continue;
                        }
                        in.position(start);
                        if (!replayCell(in, finder)) {
                            return;
                        }
                    }
                }
            }
        }

        /**
         * The blocks of the search's rows that may hold a match: all of them when the needle is too short
         * to have pieces, else those whose {@link BlockSummary} holds every piece of it.
         */
        List<Block> candidates(SheetEntry sheet, WorkbookReader.Search search, String needle, boolean numeric)
                throws IOException {
            CellRange range = search.range();
            List<Block> wanted = wanted(sheet, range == null ? 0 : range.firstRow(),
                    range == null ? Integer.MAX_VALUE : range.lastRow());
            long[] pieces = BlockSummary.pieces(needle);
            Block at = sheet.summaries();
            if (wanted.isEmpty() || pieces.length == 0 || at == null) {
                return wanted;
            }
            byte[] deflated;
            try (InputStream in = source.open(contents.blocksStart() + at.offset(), at.length())) {
                deflated = in.readNBytes(at.length());
            }
            if (deflated.length != at.length()) {
                throw new IOException("the read index is cut short");
            }
            java.nio.ByteBuffer summaries = java.nio.ByteBuffer.wrap(inflate(deflated, at.raw()));
            int first = wanted.get(0).number();
            int last = wanted.get(wanted.size() - 1).number();
            List<Block> kept = new ArrayList<>();
            for (Block block : sheet.blocks()) {
                if (block.number() < first || block.number() > last) {
                    BlockSummary.skip(summaries);
                } else if (BlockSummary.mayHold(summaries, pieces, numeric)) {
                    kept.add(block);
                }
            }
            return kept;
        }

        /** Count of the blocks a search inflates (for tests: the summaries pass over the others). */
        int blocksSearched(WorkbookReader.Search search) throws IOException {
            String needle = search.matchCase() ? search.text() : search.text().toLowerCase(java.util.Locale.ROOT);
            int count = 0;
            for (SheetEntry sheet : contents.sheets()) {
                if (search.sheet() == null || search.sheet().equals(sheet.name())) {
                    count += candidates(sheet, search, needle, XlsxWorkbookReader.mayMatchNumbers(needle)).size();
                }
            }
            return count;
        }

        /**
         * The deflated bytes of a sheet's blocks in order, some passed over: one read from the store
         * while the blocks passed over between two wanted ones are few, else a new read.
         */
        private final class Blocks implements java.io.Closeable {
            private static final long GAP = 256 * 1024;
            private final List<Block> wanted;
            private InputStream in;
            private long position;
            private int index;

            Blocks(List<Block> wanted) {
                this.wanted = wanted;
            }

            byte[] next(Block block) throws IOException {
                if (in == null || block.offset() < position || block.offset() - position > GAP) {
                    close();
                    // up to the last wanted block within reach of each other
                    int end = index;
                    while (end + 1 < wanted.size()
                            && wanted.get(end + 1).offset() - (wanted.get(end).offset() + wanted.get(end).length()) <= GAP) {
                        end++;
                    }
                    Block last = wanted.get(end);
                    in = source.open(contents.blocksStart() + block.offset(),
                            last.offset() + last.length() - block.offset());
                    position = block.offset();
                }
                in.skipNBytes(block.offset() - position);
                byte[] deflated = XlsxReadIndex.Opened.next(in, block);
                position = block.offset() + block.length();
                index++;
                return deflated;
            }

            @Override
            public void close() throws IOException {
                if (in != null) {
                    in.close();
                    in = null;
                }
            }
        }

        /** Hands the sheet's cells from the block of row {@code fromRow} on to the visitor, until it says stop. */
        private void replay(SheetEntry sheet, int fromRow, int toRow, SheetCells.Visitor visitor) throws IOException {
            List<Block> wanted = wanted(sheet, fromRow, toRow);
            if (wanted.isEmpty()) {
                return;
            }
            try (InputStream blocks = blocks(wanted)) {
                for (Block block : wanted) {
                    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(inflate(next(blocks, block), block.raw()));
                    while (in.hasRemaining()) {
                        if (!replayCell(in, visitor)) {
                            return;
                        }
                    }
                }
            }
        }

        private static List<Block> wanted(SheetEntry sheet, int fromRow, int toRow) {
            int first = fromRow / ROWS_PER_BLOCK;
            int last = toRow / ROWS_PER_BLOCK;
            return sheet.blocks().stream().filter(b -> b.number() >= first && b.number() <= last).toList();
        }

        /** A sheet's blocks lie one after the other: one read from the first wanted to the end of the last. */
        private InputStream blocks(List<Block> wanted) throws IOException {
            Block end = wanted.get(wanted.size() - 1);
            long from = wanted.get(0).offset();
            return source.open(contents.blocksStart() + from, end.offset() + end.length() - from);
        }

        private static byte[] next(InputStream blocks, Block block) throws IOException {
            byte[] deflated = blocks.readNBytes(block.length());
            if (deflated.length != block.length()) {
                throw new IOException("the read index is cut short");
            }
            return deflated;
        }

        /** Decodes the cell at the buffer's position and hands it to the visitor; its answer. */
        private static boolean replayCell(java.nio.ByteBuffer in, SheetCells.Visitor visitor) throws IOException {
            int row = in.getInt();
            int column = in.getShort();
            int flags = in.get() & 0xFF;
            CellValue value;
            switch (flags & 7) {
                case 0 -> value = CellValue.EMPTY;
                case 1 -> value = new CellValue.Text(readString(in));
                case 2 -> value = new CellValue.Number(in.getDouble());
                case 3 -> value = new CellValue.Bool(in.get() != 0);
                case 4 -> value = new CellValue.Date(LocalDate.ofEpochDay(in.getLong()));
                case 5 -> value = new CellValue.DateTime(LocalDateTime.of(LocalDate.ofEpochDay(in.getLong()),
                        LocalTime.ofNanoOfDay(in.getLong())));
                default -> throw new IOException("the read index has an unknown cell type " + (flags & 7));
            }
            String formula = (flags & 8) != 0 ? readString(in) : null;
            return visitor.cell(row, column, value, formula, (flags & 16) != 0);
        }

        private static void skipValue(java.nio.ByteBuffer in, int type) {
            switch (type) {
                case 1 -> skipString(in);
                case 2, 4 -> in.position(in.position() + 8);
                case 3 -> in.position(in.position() + 1);
                case 5 -> in.position(in.position() + 16);
                default -> {
                }
            }
        }

        private static void skipString(java.nio.ByteBuffer in) {
            int length = in.getInt();
            in.position(in.position() + (length > SHORT_STRING ? 2 * length : 2 + (in.getShort(in.position()) & 0xFFFF)));
        }

        /** Whether the ASCII bytes at {@code at} start with {@code needle}, ignoring case as toLowerCase(ROOT) does. */
        private static boolean matchesAt(byte[] bytes, int at, byte[] needle, boolean lower) {
            for (int i = 0; i < needle.length; i++) {
                byte b = bytes[at + i];
                if (lower && b >= 'A' && b <= 'Z') {
                    b += 'a' - 'A';
                }
                if (b != needle[i]) {
                    return false;
                }
            }
            return true;
        }

        private static boolean contains(byte[] bytes, int at, int length, byte[] needle, boolean lower) {
            for (int i = 0; i + needle.length <= length; i++) {
                if (matchesAt(bytes, at + i, needle, lower)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Writes one sheet's cells into deflated blocks of rows, noting where each block starts. */
    private static final class BlockWriter {
        private final CountingOutputStream out;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256 * 1024);
        private final DataOutputStream data = new DataOutputStream(buffer);
        private final List<Block> blocks = new ArrayList<>();
        private final BlockSummary summary = new BlockSummary();
        private final ByteArrayOutputStream summaryBytes = new ByteArrayOutputStream();
        private final DataOutputStream summaryData = new DataOutputStream(summaryBytes);
        /** Each block's {@link BlockSummary}, in the blocks' order, deflated after them; null when not ordered. */
        private Block summaries;
        private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        private final byte[] chunk = new byte[64 * 1024];
        private int current = -1;
        private boolean ordered = true;

        BlockWriter(CountingOutputStream out) {
            this.out = out;
        }

        void cell(int row, int column, CellValue value, String formula, boolean saved) {
            if (!ordered) {
                return;
            }
            int number = row / ROWS_PER_BLOCK;
            try {
                if (number < current) {
                    ordered = false;
                    buffer.reset();
                    blocks.clear();
                    summaryBytes.reset();
                    return;
                }
                if (number != current) {
                    flush();
                    current = number;
                }
                data.writeInt(row);
                data.writeShort(column);
                int tag = value instanceof CellValue.Text ? 1 : value instanceof CellValue.Number ? 2
                        : value instanceof CellValue.Bool ? 3 : value instanceof CellValue.Date ? 4
                        : value instanceof CellValue.DateTime ? 5 : 0;
                if (tag == 0 && !(value instanceof CellValue.Empty)) {
                    throw new IllegalStateException("a read cell is never " + value);
                }
                data.writeByte(tag | (formula != null ? 8 : 0) | (saved ? 16 : 0));
                summary.cell(value);
                if (value instanceof CellValue.Text t) {
                    writeString(data, t.value());
                } else if (value instanceof CellValue.Number n) {
                    data.writeDouble(n.value());
                } else if (value instanceof CellValue.Bool b) {
                    data.writeBoolean(b.value());
                } else if (value instanceof CellValue.Date d) {
                    data.writeLong(d.value().toEpochDay());
                } else if (value instanceof CellValue.DateTime d) {
                    data.writeLong(d.value().toLocalDate().toEpochDay());
                    data.writeLong(d.value().toLocalTime().toNanoOfDay());
                }
                if (formula != null) {
                    writeString(data, formula);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** Frees the deflater of a sheet whose blocks are dropped. */
        void abandon() {
            deflater.end();
        }

        void finish() throws IOException {
            if (ordered) {
                flush();
                long offset = out.count;
                byte[] raw = summaryBytes.toByteArray();
                deflateTo(raw);
                summaries = new Block(-1, offset, (int) (out.count - offset), raw.length);
            }
            deflater.end();
        }

        private void flush() throws IOException {
            if (buffer.size() == 0) {
                return;
            }
            long offset = out.count;
            int raw = buffer.size();
            deflateTo(buffer.toByteArray());
            blocks.add(new Block(current, offset, (int) (out.count - offset), raw));
            buffer.reset();
            summary.writeTo(summaryData);
        }

        private void deflateTo(byte[] bytes) throws IOException {
            deflater.reset();
            deflater.setInput(bytes);
            deflater.finish();
            while (!deflater.finished()) {
                int n = deflater.deflate(chunk);
                out.write(chunk, 0, n);
            }
        }
    }

    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        long count;
        private final java.nio.channels.FileChannel channel;

        CountingOutputStream(OutputStream out, java.nio.channels.FileChannel channel) {
            super(out);
            this.channel = channel;
        }

        /** Drops what was written after {@code to} (a sheet read again with SAX writes its blocks again). */
        void rewind(long to) throws IOException {
            flush();
            channel.truncate(to);
            channel.position(to);
            count = to;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    private static byte[] deflate(byte[] bytes) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(bytes);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
            byte[] chunk = new byte[64 * 1024];
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** @param size the inflated size when known, else -1 */
    private static byte[] inflate(byte[] bytes, int size) throws IOException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(bytes);
            if (size >= 0) {
                byte[] out = new byte[size];
                int n = 0;
                while (n < size && !inflater.finished()) {
                    int got = inflater.inflate(out, n, size - n);
                    if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        break;
                    }
                    n += got;
                }
                if (n != size) {
                    throw new IOException("the read index is damaged");
                }
                return out;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 4);
            byte[] chunk = new byte[64 * 1024];
            while (!inflater.finished()) {
                int got = inflater.inflate(chunk);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IOException("the read index is damaged");
                }
                out.write(chunk, 0, got);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IOException("the read index is damaged", e);
        } finally {
            inflater.end();
        }
    }

    /** Any text, exactly (lone surrogates too): modified UTF-8 when short, UTF-16 units when long. */
    private static void writeString(DataOutputStream out, String text) throws IOException {
        out.writeInt(text.length());
        if (text.length() <= SHORT_STRING && ascii(text)) {
            // what writeUTF writes for characters 1-127, without its buffer per call
            out.writeShort(text.length());
            out.writeBytes(text);
        } else if (text.length() <= SHORT_STRING) {
            out.writeUTF(text);
        } else {
            out.writeChars(text);
        }
    }

    private static boolean ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == 0 || ch > 127) {
                return false;
            }
        }
        return true;
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length <= SHORT_STRING) {
            return in.readUTF();
        }
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = in.readChar();
        }
        return new String(chars);
    }

    /** {@link #readString(DataInputStream)} from a buffer: ASCII (the common case) without a decoder. */
    private static String readString(java.nio.ByteBuffer in) throws IOException {
        int length = in.getInt();
        if (length > SHORT_STRING) {
            char[] chars = new char[length];
            for (int i = 0; i < length; i++) {
                chars[i] = in.getChar();
            }
            return new String(chars);
        }
        int bytes = in.getShort() & 0xFFFF;
        int start = in.position();
        byte[] array = in.array();
        if (bytes == length) {
            in.position(start + bytes);
            return new String(array, start, bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        // modified UTF-8 as writeUTF wrote it: let DataInputStream decode it
        DataInputStream data = new DataInputStream(new ByteArrayInputStream(array, start - 2, bytes + 2));
        in.position(start + bytes);
        return data.readUTF();
    }

    private static void writeDetails(DataOutputStream out, SheetDetails d) throws IOException {
        writeNullable(out, d.sheet());
        writeNullable(out, d.usedRange());
        writeNullable(out, d.frozenAt());
        writeNullables(out, d.mergedRanges());
        writeSizes(out, d.columnWidths());
        writeSizes(out, d.rowHeights());
        writeNullables(out, d.hiddenRows());
        writeNullables(out, d.hiddenColumns());
        writeNullable(out, d.autoFilter());
        writeNullable(out, d.tabColor());
        writeNullable(out, d.printArea());
        writeNullable(out, d.orientation());
        out.writeInt(d.tables().size());
        for (SheetDetails.Table t : d.tables()) {
            writeNullable(out, t.name());
            writeNullable(out, t.range());
            writeNullables(out, t.columns());
            writeNullable(out, t.style());
            out.writeBoolean(t.totalsRow());
        }
        out.writeInt(d.charts().size());
        for (SheetDetails.Chart c : d.charts()) {
            out.writeInt(c.number());
            writeNullable(out, c.name());
            writeNullable(out, c.type());
            writeNullable(out, c.title());
            writeNullable(out, c.anchor());
            writeNullables(out, c.series());
        }
        out.writeInt(d.pivotTables().size());
        for (SheetDetails.Pivot p : d.pivotTables()) {
            writeNullable(out, p.name());
            writeNullable(out, p.location());
            writeNullable(out, p.source());
            writeNullables(out, p.rows());
            writeNullables(out, p.columns());
            writeNullables(out, p.values());
            writeNullables(out, p.filters());
        }
        out.writeInt(d.validations().size());
        for (SheetDetails.Validation v : d.validations()) {
            writeNullable(out, v.range());
            writeNullable(out, v.type());
            writeNullable(out, v.detail());
        }
        out.writeInt(d.conditionalFormats().size());
        for (SheetDetails.Conditional c : d.conditionalFormats()) {
            writeNullable(out, c.range());
            writeNullables(out, c.rules());
        }
        out.writeInt(d.notes().size());
        for (SheetDetails.Note n : d.notes()) {
            writeNullable(out, n.cell());
            writeNullable(out, n.author());
            writeNullable(out, n.text());
        }
        writeNullables(out, d.otherObjects());
    }

    private static SheetDetails readDetails(DataInputStream in) throws IOException {
        String sheet = readNullable(in);
        String usedRange = readNullable(in);
        String frozenAt = readNullable(in);
        List<String> merged = readNullables(in);
        Map<String, Double> widths = readSizes(in);
        Map<String, Double> heights = readSizes(in);
        List<String> hiddenRows = readNullables(in);
        List<String> hiddenColumns = readNullables(in);
        String filter = readNullable(in);
        String tab = readNullable(in);
        String print = readNullable(in);
        String orientation = readNullable(in);
        List<SheetDetails.Table> tables = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            tables.add(new SheetDetails.Table(readNullable(in), readNullable(in), readNullables(in), readNullable(in),
                    in.readBoolean()));
        }
        List<SheetDetails.Chart> charts = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            charts.add(new SheetDetails.Chart(in.readInt(), readNullable(in), readNullable(in), readNullable(in),
                    readNullable(in), readNullables(in)));
        }
        List<SheetDetails.Pivot> pivots = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            pivots.add(new SheetDetails.Pivot(readNullable(in), readNullable(in), readNullable(in), readNullables(in),
                    readNullables(in), readNullables(in), readNullables(in)));
        }
        List<SheetDetails.Validation> validations = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            validations.add(new SheetDetails.Validation(readNullable(in), readNullable(in), readNullable(in)));
        }
        List<SheetDetails.Conditional> conditionals = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            conditionals.add(new SheetDetails.Conditional(readNullable(in), readNullables(in)));
        }
        List<SheetDetails.Note> notes = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            notes.add(new SheetDetails.Note(readNullable(in), readNullable(in), readNullable(in)));
        }
        List<String> others = readNullables(in);
        return new SheetDetails(sheet, usedRange, frozenAt, merged, widths, heights, hiddenRows, hiddenColumns, filter,
                tab, print, orientation, tables, charts, pivots, validations, conditionals, notes, others);
    }

    private static void writeNullable(DataOutputStream out, String text) throws IOException {
        out.writeBoolean(text != null);
        if (text != null) {
            writeString(out, text);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? readString(in) : null;
    }

    private static void writeNullables(DataOutputStream out, List<String> texts) throws IOException {
        out.writeInt(texts.size());
        for (String text : texts) {
            writeNullable(out, text);
        }
    }

    /** A list that may hold nulls (List.copyOf refuses them, so kept as read). */
    private static List<String> readNullables(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            texts.add(readNullable(in));
        }
        return java.util.Collections.unmodifiableList(texts);
    }

    /** Widths and heights in their map's order (LinkedHashMap for the few that keep it). */
    private static void writeSizes(DataOutputStream out, Map<String, Double> sizes) throws IOException {
        out.writeInt(sizes.size());
        for (Map.Entry<String, Double> e : sizes.entrySet()) {
            writeString(out, e.getKey());
            out.writeDouble(e.getValue());
        }
    }

    private static Map<String, Double> readSizes(DataInputStream in) throws IOException {
        int count = in.readInt();
        Map<String, Double> sizes = new java.util.LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            sizes.put(readString(in), in.readDouble());
        }
        return sizes;
    }

    private static void writeStrings(DataOutputStream out, List<String> texts) throws IOException {
        out.writeInt(texts.size());
        for (String text : texts) {
            writeString(out, text);
        }
    }


    private static void writeRange(DataOutputStream out, CellRange range) throws IOException {
        out.writeInt(range.firstRow());
        out.writeInt(range.firstColumn());
        out.writeInt(range.lastRow());
        out.writeInt(range.lastColumn());
    }

    private static CellRange readRange(DataInputStream in) throws IOException {
        return new CellRange(in.readInt(), in.readInt(), in.readInt(), in.readInt());
    }

    private static void writeInts(DataOutputStream out, List<Integer> values) throws IOException {
        out.writeInt(values.size());
        for (int value : values) {
            out.writeInt(value);
        }
    }

    private static List<Integer> readInts(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<Integer> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(in.readInt());
        }
        return List.copyOf(values);
    }

    private static void writeRows(DataOutputStream out, List<List<String>> rows) throws IOException {
        out.writeInt(rows.size());
        for (List<String> row : rows) {
            writeStrings(out, row);
        }
    }

    private static List<List<String>> readRows(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<List<String>> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(readStrings(in));
        }
        return List.copyOf(rows);
    }
    private static List<String> readStrings(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            texts.add(readString(in));
        }
        return List.copyOf(texts);
    }
}
