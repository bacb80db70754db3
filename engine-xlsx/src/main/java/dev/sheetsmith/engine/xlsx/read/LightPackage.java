package dev.sheetsmith.engine.xlsx.read;

import dev.sheetsmith.engine.xlsx.poi.XmlBytes;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A copy of a workbook without its cells, for what describe_sheet reads with POI's user model
 * (widths, merges, panes, tables, charts, rules, notes, objects): a million-row sheet loads in
 * milliseconds once its {@code <sheetData>} holds only the rows describe_sheet reports (hidden ones,
 * and the first rows of a custom height, as empty rows) and the shared strings no cell refers to
 * any more are gone. Every other part is copied as it is.
 *
 * <p>The cells are cut out of the XML bytes, not parsed: inside {@code <sheetData>} a {@code '<'}
 * always opens markup (text escapes it), and comments and CDATA sections are stepped over whole.
 */
final class LightPackage {

    private static final Pattern HIDDEN = Pattern.compile("\\shidden\\s*=\\s*[\"'](1|true)[\"']");
    private static final Pattern CUSTOM_HEIGHT = Pattern.compile("\\scustomHeight\\s*=\\s*[\"'](1|true)[\"']");
    /** describe_sheet lists the first 200 custom heights; one more row of them changes nothing it says. */
    private static final int HEIGHTS_KEPT = 200;

    private LightPackage() {
    }

    /**
     * @param sheets the zip entry names of the worksheets whose cells go
     * @param strings the shared strings' entry name, emptied; null when there is none
     */
    static void write(Path xlsx, Set<String> sheets, String strings, Path light) throws IOException {
        write(xlsx, sheets, java.util.Map.of(), strings, light);
    }

    /**
     * As {@link #write(Path, Set, String, Path)}, with the rows to keep of the sheets already read
     * whole by {@link SheetScanner} (which reads no comment, CDATA or prefixed element inside
     * {@code sheetData}): their {@code sheetData} is stepped over to its end tag without reading its
     * tags, and {@code kept} written in its place.
     *
     * @param kept per zip entry name (as in {@code sheets}), the rows {@link Rows} kept
     */
    static void write(Path xlsx, Set<String> sheets, java.util.Map<String, List<String>> kept, String strings,
            Path light) throws IOException {
        try (ZipFile zip = new ZipFile(xlsx.toFile()); ZipOutputStream out = new ZipOutputStream(
                new BufferedOutputStream(Files.newOutputStream(light), 1 << 16))) {
            out.setLevel(1);
            // part names and zip entry names are compared ignoring case, as OPC compares part names
            Set<String> cut = new java.util.HashSet<>();
            sheets.forEach(name -> cut.add(name.toLowerCase(java.util.Locale.ROOT)));
            java.util.Map<String, List<String>> planned = new java.util.HashMap<>();
            kept.forEach((name, rows) -> planned.put(name.toLowerCase(java.util.Locale.ROOT), rows));
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                out.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream in = new BufferedInputStream(zip.getInputStream(entry), 1 << 16)) {
                    String lower = entry.getName().toLowerCase(java.util.Locale.ROOT);
                    if (cut.contains(lower)) {
                        stripCells(in, out, planned.get(lower));
                    } else if (entry.getName().equalsIgnoreCase(strings)) {
                        out.write(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\""
                                + "http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"0\" "
                                + "uniqueCount=\"0\"/>").getBytes(StandardCharsets.UTF_8));
                    } else {
                        in.transferTo(out);
                    }
                }
                out.closeEntry();
            }
        }
    }

    /** Copies a worksheet's XML with its {@code <sheetData>} reduced to the rows describe_sheet reports, empty. */
    static void stripCells(InputStream in, OutputStream out) throws IOException {
        stripCells(in, out, null);
    }

    /** @param kept the rows to write, known from a reading of the sheet; null: found here */
    private static void stripCells(InputStream in, OutputStream out, List<String> kept) throws IOException {
        Scanner s = new Scanner(in, out);
        // up to and with the sheetData start tag
        String tag;
        do {
            tag = s.copyToTag();
            if (tag == null) {
                return;
            }
            s.emit(tag);
        } while (!isElement(tag, "sheetData"));
        if (tag.endsWith("/>")) {
            s.copyRest();
            return;
        }
        if (kept != null) {
            for (String row : kept) {
                s.emit(row);
            }
            tag = s.skipToSheetDataEnd();
            if (tag != null) {
                s.emit(tag);
            }
            s.copyRest();
            return;
        }
        Rows rows = new Rows();
        String end = null;
        while ((tag = s.skipToTag()) != null) {
            if (tag.startsWith("</") && isElement(tag, "sheetData")) {
                end = tag;
                break;
            }
            if (!tag.startsWith("</") && isElement(tag, "row")) {
                rows.row(tag);
            }
        }
        for (String row : rows.kept) {
            s.emit(row);
        }
        if (end != null) {
            s.emit(end);
        }
        s.copyRest();
    }

    /**
     * The rows describe_sheet reports, from the start tags of a sheet's rows in order: the hidden
     * ones and the first {@value #HEIGHTS_KEPT} of a custom height, as empty rows.
     */
    static final class Rows {
        final List<String> kept = new java.util.ArrayList<>();
        private int heights;

        /** A row's start tag, as text. */
        void row(String tag) {
            boolean hidden = HIDDEN.matcher(tag).find();
            boolean custom = !hidden && CUSTOM_HEIGHT.matcher(tag).find() && heights++ < HEIGHTS_KEPT;
            if (hidden || custom) {
                String open = tag.endsWith("/>") ? tag.substring(0, tag.length() - 2) : tag.substring(0,
                        tag.length() - 1);
                kept.add(open + "/>");
            }
        }

        /** A row's start tag as UTF-8 bytes: read as text only when it may be hidden or of a custom height. */
        void row(byte[] bytes, int from, int length) {
            if (contains(bytes, from, length, HIDDEN_BYTES) || contains(bytes, from, length, CUSTOM_BYTES)) {
                row(new String(bytes, from, length, StandardCharsets.UTF_8));
            }
        }

        private static boolean contains(byte[] bytes, int from, int length, byte[] word) {
            outer:
            for (int i = from; i + word.length <= from + length; i++) {
                for (int k = 0; k < word.length; k++) {
                    if (bytes[i + k] != word[k]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
    }

    private static final byte[] HIDDEN_BYTES = "hidden".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CUSTOM_BYTES = "customHeight".getBytes(StandardCharsets.US_ASCII);

    /** Whether a tag ({@code <x:name ...>}, {@code </name>}) is of the element with the local name given. */
    private static boolean isElement(String tag, String local) {
        int start = tag.startsWith("</") ? 2 : 1;
        int end = start;
        while (end < tag.length() && " \t\r\n/>".indexOf(tag.charAt(end)) < 0) {
            end++;
        }
        String name = tag.substring(start, end);
        int colon = name.indexOf(':');
        return (colon < 0 ? name : name.substring(colon + 1)).equals(local);
    }

    /**
     * Reads XML bytes tag by tag (the XML is ASCII-compatible: UTF-8 is assumed, as OOXML requires),
     * over {@link XmlBytes}' buffer and quote-aware tag scan, the ones the read index's scanner and
     * the streamed edits use: the text between tags is copied or skipped a buffer at a time.
     */
    private static final class Scanner extends XmlBytes {
        private static final byte[] COMMENT_END = "-->".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] CDATA_END = "]]>".getBytes(StandardCharsets.US_ASCII);
        private final OutputStream out;

        Scanner(InputStream in, OutputStream out) {
            super(in);
            this.out = out;
        }

        @Override
        protected RuntimeException endsInsideTag() {
            return new UncheckedIOException(new IOException("a worksheet's XML ends inside a tag"));
        }

        /**
         * Copies bytes up to the next tag and returns the tag (not yet written); comments and CDATA
         * sections on the way are copied whole; null at the end.
         */
        String copyToTag() throws IOException {
            return nextTag(out);
        }

        /**
         * Skips bytes up to the next tag that matters inside sheetData (a row's start tag, sheetData's end
         * tag) and returns it; other tags are stepped over without being kept, comments and CDATA whole;
         * null at the end.
         */
        String skipToTag() throws IOException {
            return nextTag(null);
        }

        /**
         * Copies ({@code to} not null) or skips bytes up to the next tag, comments and CDATA sections
         * whole, and returns the tag, consumed; null at the end. A tag is made a String only when
         * {@code to} is not null or it is one {@link #skipToTag()} returns.
         */
        private String nextTag(OutputStream to) throws IOException {
            while (copyText(to)) {
                if (fill(2) && buf[pos + 1] == '!' && at("<!--")) {
                    through(4, COMMENT_END, to);
                } else if (buf[pos + 1] == '!' && at("<![CDATA[")) {
                    through(9, CDATA_END, to);
                } else {
                    int length = tagLength();
                    int start = pos;
                    pos += length;
                    if (to != null || isRowOrSheetDataEnd(start, length)) {
                        return new String(buf, start, length, StandardCharsets.UTF_8);
                    }
                }
            }
            return null;
        }

        /** Whether the tag of the bytes given is a row's start tag or sheetData's end tag, prefixed or not. */
        private boolean isRowOrSheetDataEnd(int from, int length) {
            boolean endTag = buf[from + 1] == '/';
            int name = from + (endTag ? 2 : 1);
            int end = name;
            while (end < from + length && " \t\r\n/>".indexOf(buf[end]) < 0) {
                end++;
            }
            String local = endTag ? "sheetData" : "row";
            int start = end - local.length();
            if (start < name || (start > name && buf[start - 1] != ':')) {
                return false;
            }
            for (int i = 0; i < local.length(); i++) {
                if (buf[start + i] != local.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Skips bytes to {@code </sheetData} (followed by a space or '&gt;') and returns that end tag;
         * null at the end. Only for a sheet read without comments, CDATA or prefixes in its cells
         * (where each '&lt;' opens a tag), so the first such bytes are the end tag.
         */
        String skipToSheetDataEnd() throws IOException {
            while (copyText(null)) {
                if (at("</sheetData") && fill(12) && " \t\r\n>".indexOf(buf[pos + 11]) >= 0) {
                    int length = tagLength();
                    pos += length;
                    return new String(buf, pos - length, length, StandardCharsets.UTF_8);
                }
                pos++;
            }
            return null;
        }

        /**
         * Copies ({@code to} not null) or skips a comment or CDATA section: its opening of {@code open}
         * bytes at the position, then the bytes through the next {@code end}.
         */
        private void through(int open, byte[] end, OutputStream to) throws IOException {
            int k = open; // bytes from pos looked at, none of them the start of end
            while (true) {
                if (!fill(k + end.length)) {
                    throw new IOException("a worksheet's XML ends inside a comment or CDATA section");
                }
                for (; pos + k + end.length <= lim; k++) {
                    if (buf[pos + k] == end[0] && buf[pos + k + 1] == end[1] && buf[pos + k + 2] == end[2]) {
                        if (to != null) {
                            to.write(buf, pos, k + end.length);
                        }
                        pos += k + end.length;
                        return;
                    }
                }
                if (to != null) { // what is looked at goes out now: a long comment does not grow the buffer
                    to.write(buf, pos, k);
                }
                pos += k;
                k = 0;
            }
        }

        void emit(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }

        void copyRest() throws IOException {
            copyRest(out);
        }
    }
}
