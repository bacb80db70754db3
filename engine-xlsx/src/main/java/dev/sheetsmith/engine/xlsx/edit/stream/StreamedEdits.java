package dev.sheetsmith.engine.xlsx.edit.stream;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.WorkbookEdit;
import dev.sheetsmith.engine.xlsx.poi.Workbooks;
import dev.sheetsmith.engine.xlsx.write.DeflatedSheet;
import dev.sheetsmith.engine.xlsx.write.NonClosing;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.zip.Deflater;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Cell edits that rewrite only the edited worksheet part as a stream, instead of loading the
 * workbook into POI's user model: write_range, append_rows, clear_range, replace_cells and format_range. Every
 * other part of the package is copied as its stored (compressed) bytes; workbook.xml changes only to ask for a
 * full calculation on load, as the user model's path asks, and styles.xml (format_range) is written
 * by POI's styles table, loaded from that part alone.
 *
 * <p>Whether an edit streams is decided from the edit and the package before anything is
 * written: values the user model must style or parse (dates, formulas) do not stream; nor do
 * write_range, clear_range and replace_cells where the user model would recompute formulas (any formula in any
 * sheet), refresh pivot tables, rewrite rule formulas (conditional formats, validations) or keep
 * a table's header and calculated columns in step. Then {@link #apply} answers null and the
 * caller uses the user model: the result is the same, only the cost differs.
 */
public final class StreamedEdits {

    private static final String MAIN_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
    private static final String REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final AtomicLong STREAMED = new AtomicLong();
    /**
     * format_range loads styles.xml whole into POI's styles table: past this (its unpacked size) it takes the
     * user model's reservation. Package-private for the test that pins the boundary.
     */
    static final long MAX_STYLES_BYTES = 2L << 20;
    private static final System.Logger LOG = System.getLogger(StreamedEdits.class.getName());

    private StreamedEdits() {
    }

    /** Edits made on the stream since start (a figure for tests and operators). */
    public static long streamedCount() {
        return STREAMED.get();
    }

    /** Whether the edit is of a kind, with values, that can stream; the package decides the rest. */
    public static boolean mayStream(WorkbookEdit edit) {
        if (edit instanceof WorkbookEdit.WriteRange write) {
            return write.rows().stream().allMatch(row -> row.stream().allMatch(CellXml::writable));
        }
        if (edit instanceof WorkbookEdit.AppendRows append) {
            return append.data().rows().stream().allMatch(row -> row.stream().allMatch(CellXml::writable));
        }
        return edit instanceof WorkbookEdit.ShiftLines || edit instanceof WorkbookEdit.ClearRange
                || edit instanceof WorkbookEdit.ReplaceCells || edit instanceof WorkbookEdit.FormatRange;
    }

    /**
     * Applies {@code edit} to the workbook at {@code source} on the stream, writing the result to
     * {@code out}, or writes nothing and answers null when the user model must do it.
     *
     * @return the account of what changed, as the user-model path gives it; null: not streamed
     * @throws InvalidInputException the edit does not fit (as the user-model path says it); nothing is written
     */
    public static String apply(Path source, WorkbookEdit edit, OutputStream out, int maxRows) throws IOException {
        if (!mayStream(edit)) {
            return null;
        }
        Path result = Files.createTempFile("sheetsmith-stream-", ".xlsx");
        try {
            String summary;
            try (ZipFile zip = ZipFile.builder().setPath(source).get()) {
                summary = new Package(zip, edit, maxRows).write(result);
            } catch (NotStreamable e) {
                LOG.log(System.Logger.Level.DEBUG, "{0} goes through the user model: {1}", edit.describe(),
                        e.getMessage());
                if (Boolean.getBoolean("sheetsmith.debugStream")) {
                    System.err.println("NOT STREAMED " + edit.describe() + ": " + e.getMessage());
                }
                return null;
            } catch (IOException e) {
                if (e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("zip")) {
                    return null; // not a zip this reader takes: the user model says what is wrong
                }
                throw e;
            }
            Files.copy(result, out);
            STREAMED.incrementAndGet();
            return summary;
        } finally {
            Files.deleteIfExists(result);
        }
    }

    /** The package of one edit: its parts, the sheet edited, and the rewrite. */
    private static final class Package {

        private final ZipFile zip;
        private final WorkbookEdit edit;
        private final int maxRows;
        private final Map<String, String> types = new HashMap<>();
        private String workbookPart;
        private String sheetPart;
        private String sheetName;
        private String sharedStringsPart;
        private String stylesPart;
        private final List<String> worksheets = new ArrayList<>();

        Package(ZipFile zip, WorkbookEdit edit, int maxRows) throws IOException {
            this.zip = zip;
            this.edit = edit;
            this.maxRows = maxRows;
            read();
        }

        private void read() throws IOException {
            Document contentTypes = dom("[Content_Types].xml");
            for (Element o : elements(contentTypes.getDocumentElement(), "Override")) {
                types.put(strip(o.getAttribute("PartName")), o.getAttribute("ContentType"));
            }
            for (Element r : elements(dom("_rels/.rels").getDocumentElement(), "Relationship")) {
                if (r.getAttribute("Type").endsWith("/officeDocument")) {
                    workbookPart = resolve("", r.getAttribute("Target"));
                }
            }
            if (workbookPart == null) {
                throw new NotStreamable("no workbook part");
            }
            Map<String, String> rels = relationships(workbookPart);
            Document workbook = dom(workbookPart);
            List<String> names = new ArrayList<>();
            Map<String, String> parts = new LinkedHashMap<>();
            for (Element s : elements(workbook.getDocumentElement(), "sheet")) {
                String name = s.getAttribute("name");
                names.add(name);
                String part = rels.get(s.getAttributeNS(REL_NS, "id"));
                if (part == null) {
                    throw new NotStreamable("a sheet without its part");
                }
                parts.put(name, part);
            }
            for (Element r : relationshipElements(workbookPart)) {
                if (r.getAttribute("Type").endsWith("/sharedStrings")) {
                    sharedStringsPart = resolve(folder(workbookPart), r.getAttribute("Target"));
                }
                if (r.getAttribute("Type").endsWith("/styles")) {
                    stylesPart = resolve(folder(workbookPart), r.getAttribute("Target"));
                }
            }
            if (names.isEmpty()) {
                throw new NotStreamable("no sheets");
            }
            String wanted = sheetOf(edit);
            if (wanted == null && edit instanceof WorkbookEdit.ReplaceCells && names.size() > 1) {
                throw new NotStreamable("a replace over every sheet of several");
            }
            sheetName = wanted == null || wanted.isBlank() ? names.get(0) : null;
            for (String pass : wanted == null ? List.<String>of() : List.of(wanted, wanted.strip())) {
                for (int i = 0; i < names.size() && sheetName == null; i++) {
                    if (names.get(i).equalsIgnoreCase(pass)) {
                        sheetName = names.get(i);
                    }
                }
            }
            if (sheetName == null) {
                throw new InvalidInputException("sheet '" + wanted + "' does not exist; the sheets are " + names);
            }
            sheetPart = parts.get(sheetName);
            for (String part : parts.values()) {
                if (MAIN_TYPE.equals(types.get(part))) {
                    worksheets.add(part);
                }
            }
            if (!MAIN_TYPE.equals(types.get(sheetPart)) || zip.getEntry(sheetPart) == null) {
                throw new NotStreamable("the sheet is not a worksheet part");
            }
            if (edit instanceof WorkbookEdit.ShiftLines) {
                checkNothingRefersToRows(workbook);
            } else if (!(edit instanceof WorkbookEdit.AppendRows)) {
                checkNothingToRecompute();
            }
        }

        /**
         * After write_range and clear_range the user model recomputes formulas, refreshes pivots,
         * rewrites rule formulas and table columns: the stream does none of that, so none may be there.
         */
        private void checkNothingToRecompute() throws IOException {
            for (var type : types.entrySet()) {
                String t = type.getValue().toLowerCase(Locale.ROOT);
                if (t.contains("pivot")) {
                    throw new NotStreamable("pivot tables, which the user model refreshes");
                }
                if (t.contains("spreadsheetml.table+xml")) {
                    String table = text(type.getKey());
                    if (table.contains("calculatedColumnFormula")) {
                        throw new NotStreamable("a table with a calculated column");
                    }
                }
            }
            for (String part : worksheets) {
                if (part.equals(sheetPart)) {
                    continue;
                }
                if (holdsAny(part, "<f>", "<f ", "<f/>", "<conditionalFormatting", "<dataValidations")) {
                    throw new NotStreamable("formulas or rules in sheet part " + part);
                }
            }
            if (edit instanceof WorkbookEdit.FormatRange) {
                return; // a format leaves a table's header text alone
            }
            CellRange area = areaOf(edit);
            for (Element r : relationshipElements(sheetPart)) {
                if (r.getAttribute("Type").endsWith("/table")) {
                    String ref = dom(resolve(folder(sheetPart), r.getAttribute("Target"))).getDocumentElement()
                            .getAttribute("ref");
                    CellRange table = CellsRewrite.parse(ref);
                    if (table == null || table.intersect(area) != null) {
                        throw new NotStreamable("the edit meets a table, whose header the user model keeps in step");
                    }
                }
            }
        }

        /**
         * Before rows move on the stream: nothing in the workbook may refer to rows but the cells
         * themselves, since the stream moves only those. No formulas in any sheet (checked on the
         * edited sheet as it is read), no rules in any sheet, no defined names, no tables, pivots,
         * charts, drawings, notes or external links anywhere, nothing the sheet links to but its
         * printer settings; what follows its cells is checked as it is read ({@link ShiftRewrite}).
         */
        private void checkNothingRefersToRows(Document workbook) throws IOException {
            if (workbook.getElementsByTagNameNS("*", "definedName").getLength() > 0) {
                throw new NotStreamable("defined names, which the user model moves with the rows");
            }
            for (String t : types.values()) {
                String type = t.toLowerCase(Locale.ROOT);
                for (String kind : List.of("pivot", "table+xml", "chart", "drawing", "comments", "externallink",
                        "threadedcomment", "querytable", "slicer", "timeline")) {
                    if (type.contains(kind)) {
                        throw new NotStreamable("a part of type " + t + " in the workbook");
                    }
                }
            }
            for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                String name = entry.getName().toLowerCase(Locale.ROOT);
                if (name.endsWith(".vml") || name.contains("/drawings/") || name.contains("/charts/")) {
                    throw new NotStreamable("drawings or notes in the package (" + entry.getName() + ")");
                }
            }
            for (String part : worksheets) {
                if (!part.equals(sheetPart) && holdsAny(part, "<f>", "<f ", "<f/>", "<conditionalFormatting",
                        "<dataValidations")) {
                    throw new NotStreamable("formulas or rules in sheet part " + part);
                }
            }
            for (Element r : relationshipElements(sheetPart)) {
                if (!r.getAttribute("Type").endsWith("/printerSettings")) {
                    throw new NotStreamable("the sheet links to " + r.getAttribute("Type"));
                }
            }
        }

        private static String sheetOf(WorkbookEdit edit) {
            if (edit instanceof WorkbookEdit.WriteRange w) {
                return w.sheet();
            }
            if (edit instanceof WorkbookEdit.AppendRows a) {
                return a.sheet();
            }
            if (edit instanceof WorkbookEdit.ReplaceCells r) {
                return r.sheet();
            }
            if (edit instanceof WorkbookEdit.ShiftLines s) {
                return s.sheet();
            }
            if (edit instanceof WorkbookEdit.FormatRange f) {
                return f.sheet();
            }
            return ((WorkbookEdit.ClearRange) edit).sheet();
        }

        private static CellRange areaOf(WorkbookEdit edit) {
            if (edit instanceof WorkbookEdit.ClearRange c) {
                return c.range();
            }
            if (edit instanceof WorkbookEdit.FormatRange f) {
                return f.range();
            }
            if (edit instanceof WorkbookEdit.ReplaceCells r) {
                return r.range() == null ? new CellRange(0, 0, CellRange.MAX_ROW, CellRange.MAX_COLUMN) : r.range();
            }
            WorkbookEdit.WriteRange w = (WorkbookEdit.WriteRange) edit;
            int width = w.rows().stream().mapToInt(List::size).max().orElse(1);
            return new CellRange(w.start().firstRow(), w.start().firstColumn(),
                    w.start().firstRow() + w.rows().size() - 1, w.start().firstColumn() + Math.max(width, 1) - 1);
        }

        /** Writes the edited package to {@code result}; the account of the change. */
        String write(Path result) throws IOException {
            if (edit instanceof WorkbookEdit.AppendRows append) {
                Integer assumed = null;
                for (int attempt = 0; attempt < 2; attempt++) {
                    AppendRewrite rewrite = new AppendRewrite(sheetName, append.data(), maxRows, sharedStrings(),
                            assumed);
                    try {
                        writePackage(result, rewrite);
                        return rewrite.summary();
                    } catch (AppendRewrite.WrongGuess e) {
                        assumed = rewrite.lastRowFound();
                    }
                }
                throw new NotStreamable("the last row could not be found");
            }
            if (edit instanceof WorkbookEdit.WriteRange write) {
                writePackage(result, CellsRewrite.write(sheetName, write.start(), write.rows()));
                return "wrote " + write.target().toA1() + " on sheet '" + sheetName + "'";
            }
            if (edit instanceof WorkbookEdit.ShiftLines shift) {
                String assumed = null;
                for (int attempt = 0; attempt < 2; attempt++) {
                    try {
                        writePackage(result, new ShiftRewrite(sheetName, shift, assumed));
                        return shift.describe().replaceFirst("^insert", "inserted").replaceFirst("^delete", "deleted")
                                + " on sheet '" + sheetName + "'; formulas that referred to moved cells follow";
                    } catch (ShiftRewrite.WrongGuess e) {
                        assumed = e.dimension;
                    }
                }
                throw new NotStreamable("the dimension could not be found");
            }
            if (edit instanceof WorkbookEdit.ReplaceCells replace) {
                try (ReplaceRewrite rewrite = new ReplaceRewrite(sheetName, replace.range(), replace.replacer(),
                        this::openSharedStrings)) {
                    writePackage(result, rewrite);
                    return "replaced '" + replace.find() + "' with '" + replace.replacement() + "' in "
                            + rewrite.changed + " cell(s)";
                }
            }
            if (edit instanceof WorkbookEdit.FormatRange format) {
                return format(result, format);
            }
            WorkbookEdit.ClearRange clear = (WorkbookEdit.ClearRange) edit;
            CellsRewrite rewrite = CellsRewrite.clear(sheetName, clear.range());
            writePackage(result, rewrite);
            return "cleared " + rewrite.cleared + " cell(s) in " + clear.range().toA1() + " on sheet '" + sheetName + "'";
        }

        /**
         * format_range: the styles part loaded alone into POI's styles table, the new styles made
         * there as the sheet streams, the table written after every other part.
         */
        private String format(Path result, WorkbookEdit.FormatRange format) throws IOException {
            if (stylesPart == null || zip.getEntry(stylesPart) == null) {
                throw new NotStreamable("no styles part (the user model makes one)");
            }
            ZipArchiveEntry entry = zip.getEntry(stylesPart);
            guard(entry);
            if (entry.getSize() > MAX_STYLES_BYTES) {
                throw new NotStreamable("a styles part of " + entry.getSize() + " bytes, which the user model's"
                        + " memory reservation covers");
            }
            org.apache.poi.xssf.model.StylesTable table;
            try (InputStream in = zip.getInputStream(entry)) {
                table = new org.apache.poi.xssf.model.StylesTable(in);
            }
            FormatRewrite rewrite = new FormatRewrite(sheetName, format.range(), format.format(),
                    new dev.sheetsmith.engine.xlsx.poi.DerivedStyles(table));
            writePackage(result, rewrite, stylesPart, out -> table.writeTo(out));
            return rewrite.summary();
        }

        /** Writes a part the edit changed, at the end of the package. */
        private interface PartWriter {
            void write(OutputStream out) throws IOException;
        }

        private void writePackage(Path result, SheetRewrite rewrite) throws IOException {
            writePackage(result, rewrite, null, null);
        }

        private void writePackage(Path result, SheetRewrite rewrite, String lastPart, PartWriter last)
                throws IOException {
            try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(result)) {
                out.setUseZip64(Zip64Mode.AsNeeded);
                out.setLevel(Deflater.DEFAULT_COMPRESSION);
                for (ZipArchiveEntry entry : Collections.list(zip.getEntriesInPhysicalOrder())) {
                    String name = entry.getName();
                    if (name.equals(sheetPart)) {
                        guard(entry);
                        // compressed on a second core while the rewrite reads and writes the rows
                        try (DeflatedSheet deflated = new DeflatedSheet(); InputStream in = zip.getInputStream(entry)) {
                            OutputStream body = new BufferedOutputStream(deflated, 1 << 16);
                            rewrite.run(in, body);
                            body.flush();
                            deflated.addTo(out, name, new byte[0], new byte[0]);
                        }
                    } else if (name.equals(workbookPart)) {
                        ZipArchiveEntry edited = new ZipArchiveEntry(name);
                        edited.setMethod(ZipArchiveEntry.DEFLATED);
                        out.putArchiveEntry(edited);
                        out.write(CalcOnLoad.set(text(name)).getBytes(StandardCharsets.UTF_8));
                        out.closeArchiveEntry();
                    } else if (!name.equals(lastPart)) {
                        try (InputStream raw = zip.getRawInputStream(entry)) {
                            out.addRawArchiveEntry(entry, raw);
                        }
                    }
                }
                if (lastPart != null) {
                    // after the sheet, which made what it holds
                    ZipArchiveEntry edited = new ZipArchiveEntry(lastPart);
                    edited.setMethod(ZipArchiveEntry.DEFLATED);
                    out.putArchiveEntry(edited);
                    last.write(new NonClosing(out));
                    out.closeArchiveEntry();
                }
            }
        }

        /** The first strings of the shared strings, read when a header row needs them. */
        private IntFunction<String> sharedStrings() {
            return new IntFunction<>() {
                private List<String> read = List.of();

                @Override
                public String apply(int index) {
                    if (index >= read.size()) {
                        if (sharedStringsPart == null || zip.getEntry(sharedStringsPart) == null) {
                            throw new NotStreamable("a shared string without the shared strings part");
                        }
                        try (InputStream in = zip.getInputStream(zip.getEntry(sharedStringsPart))) {
                            read = SharedStrings.first(in, Math.max(index + 1, 64));
                        } catch (IOException e) {
                            throw new NotStreamable("the shared strings do not read: " + e.getMessage());
                        }
                        if (index >= read.size()) {
                            throw new NotStreamable("a shared string index past the end");
                        }
                    }
                    return read.get(index);
                }
            };
        }

        private InputStream openSharedStrings() throws IOException {
            if (sharedStringsPart == null || zip.getEntry(sharedStringsPart) == null) {
                throw new NotStreamable("a shared string without the shared strings part");
            }
            ZipArchiveEntry entry = zip.getEntry(sharedStringsPart);
            guard(entry);
            return zip.getInputStream(entry);
        }

        /** As POI's guard against zip bombs: a part that unpacks past it goes to the user model, which refuses it. */
        private static void guard(ZipArchiveEntry entry) {
            long size = entry.getSize();
            long packed = entry.getCompressedSize();
            if (size < 0 || packed < 0 || (size > 100_000 && packed * (1 / Workbooks.MIN_INFLATE_RATIO) < size)) {
                throw new NotStreamable("a part that unpacks past the zip-bomb guard, or of unknown size");
            }
        }

        /** Whether a part holds any of the (ASCII) markers, read as a stream. */
        private boolean holdsAny(String part, String... markers) throws IOException {
            ZipArchiveEntry entry = zip.getEntry(part);
            if (entry == null) {
                throw new NotStreamable("no part " + part);
            }
            guard(entry);
            int overlap = 0;
            for (String marker : markers) {
                overlap = Math.max(overlap, marker.length() - 1);
            }
            byte[] buf = new byte[1 << 16];
            int kept = 0;
            try (InputStream in = zip.getInputStream(entry)) {
                int read;
                while ((read = in.readNBytes(buf, kept, buf.length - kept)) > 0) {
                    int length = kept + read;
                    String window = new String(buf, 0, length, StandardCharsets.ISO_8859_1);
                    for (String marker : markers) {
                        if (window.contains(marker)) {
                            return true;
                        }
                    }
                    kept = Math.min(overlap, length);
                    System.arraycopy(buf, length - kept, buf, 0, kept);
                }
            }
            return false;
        }

        private String text(String part) throws IOException {
            ZipArchiveEntry entry = zip.getEntry(part);
            if (entry == null) {
                throw new NotStreamable("no part " + part);
            }
            guard(entry);
            try (InputStream in = zip.getInputStream(entry)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }

        private Document dom(String part) throws IOException {
            ZipArchiveEntry entry = zip.getEntry(part);
            if (entry == null) {
                throw new NotStreamable("no part " + part);
            }
            guard(entry);
            try (InputStream in = zip.getInputStream(entry)) {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                return factory.newDocumentBuilder().parse(in);
            } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
                throw new NotStreamable("part " + part + " does not parse: " + e.getMessage());
            }
        }

        /** The relationships of a part, by id, targets resolved to part names. */
        private Map<String, String> relationships(String part) throws IOException {
            Map<String, String> byId = new HashMap<>();
            for (Element r : relationshipElements(part)) {
                if (!"External".equals(r.getAttribute("TargetMode"))) {
                    byId.put(r.getAttribute("Id"), resolve(folder(part), r.getAttribute("Target")));
                }
            }
            return byId;
        }

        private List<Element> relationshipElements(String part) throws IOException {
            String rels = folder(part) + "_rels/" + part.substring(part.lastIndexOf('/') + 1) + ".rels";
            if (zip.getEntry(rels) == null) {
                return List.of();
            }
            return elements(dom(rels).getDocumentElement(), "Relationship");
        }

        private static String folder(String part) {
            return part.substring(0, part.lastIndexOf('/') + 1);
        }

        private static String strip(String partName) {
            return partName.startsWith("/") ? partName.substring(1) : partName;
        }

        /** A relationship target as a part name (no leading slash, "../" resolved). */
        private static String resolve(String folder, String target) {
            String path = target.startsWith("/") ? target.substring(1) : folder + target;
            List<String> parts = new ArrayList<>();
            for (String piece : path.split("/")) {
                if (piece.equals("..")) {
                    if (!parts.isEmpty()) {
                        parts.remove(parts.size() - 1);
                    }
                } else if (!piece.isEmpty() && !piece.equals(".")) {
                    parts.add(piece);
                }
            }
            return String.join("/", parts);
        }

        private static List<Element> elements(Element root, String localName) {
            List<Element> found = new ArrayList<>();
            NodeList nodes = root.getElementsByTagNameNS("*", localName);
            for (int i = 0; i < nodes.getLength(); i++) {
                found.add((Element) nodes.item(i));
            }
            return found;
        }
    }
}
