package dev.sheetsmith.engine.xlsx.read;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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

    /** Reads XML bytes tag by tag (the XML is ASCII-compatible: UTF-8 is assumed, as OOXML requires). */
    private static final class Scanner {
        private final InputStream in;
        private final OutputStream out;
        private final StringBuilder tag = new StringBuilder();
        private final byte[] buffer = new byte[1 << 16];
        private int position;
        private int limit;

        Scanner(InputStream in, OutputStream out) {
            this.in = in;
            this.out = out;
        }

        private int read() throws IOException {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return -1;
                }
            }
            return buffer[position++] & 0xFF;
        }

        /** Copies bytes up to the next tag and returns the tag (not yet written); null at the end. */
        String copyToTag() throws IOException {
            return nextTag(true);
        }

        /**
         * Skips bytes up to the next tag that matters inside sheetData (a row's start tag, sheetData's end
         * tag) and returns it; other tags are stepped over without being kept, comments and CDATA whole;
         * null at the end.
         */
        String skipToTag() throws IOException {
            while (true) {
                int b;
                // the next '<', a run over the buffer without a call per byte
                while (true) {
                    int at = position;
                    while (at < limit && buffer[at] != '<') {
                        at++;
                    }
                    position = at;
                    if (at < limit) {
                        position++;
                        break;
                    }
                    if (read() < 0) {
                        return null;
                    }
                    position--;
                }
                tag.setLength(0);
                tag.append('<');
                // the name, up to a space, '/' or '>' (a prefix stays on it)
                while ((b = read()) >= 0 && b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != '>'
                        && (b != '/' || tag.length() == 1)) {
                    tag.append((char) b);
                    if (tag.length() == 4 && tag.charAt(1) == '!' && tag.charAt(2) == '-' && tag.charAt(3) == '-') {
                        skipUntil("-->");
                        break;
                    }
                    if (tag.length() == 9 && tag.toString().equals("<![CDATA[")) {
                        skipUntil("]]>");
                        break;
                    }
                }
                if (b < 0) {
                    throw new IOException("a worksheet's XML ends inside a tag");
                }
                if (tag.charAt(1) == '!') {
                    continue;
                }
                boolean row = named("row", false);
                boolean end = named("sheetData", true);
                tag.append((char) b);
                if (b == '>') {
                    if (row || end) {
                        return text();
                    }
                    continue;
                }
                // the rest of the tag: kept for a row, stepped over (quotes respected) for the others
                int quote = 0;
                while ((b = read()) >= 0) {
                    if (row) {
                        tag.append((char) b);
                    }
                    if (quote != 0) {
                        if (b == quote) {
                            quote = 0;
                        }
                    } else if (b == '"' || b == '\'') {
                        quote = b;
                    } else if (b == '>') {
                        break;
                    }
                }
                if (b < 0) {
                    throw new IOException("a worksheet's XML ends inside a tag");
                }
                if (row || end) {
                    return text();
                }
            }
        }

        /**
         * Skips bytes to {@code </sheetData} (followed by a space or '&gt;') and returns that end tag;
         * null at the end. Only for a sheet read without comments, CDATA or prefixes in its cells
         * (where each '&lt;' opens a tag), so the first such bytes are the end tag.
         */
        String skipToSheetDataEnd() throws IOException {
            byte[] name = "/sheetData".getBytes(StandardCharsets.US_ASCII);
            while (true) {
                int at = position;
                while (at < limit && buffer[at] != '<') {
                    at++;
                }
                position = at;
                if (at == limit) {
                    if (read() < 0) {
                        return null;
                    }
                    position--;
                    continue;
                }
                // '<' at position: make the next 11 bytes readable
                if (limit - position < name.length + 2) {
                    System.arraycopy(buffer, position, buffer, 0, limit - position);
                    limit -= position;
                    position = 0;
                    int n;
                    while (limit < name.length + 2 && (n = in.read(buffer, limit, buffer.length - limit)) > 0) {
                        limit += n;
                    }
                }
                boolean match = limit - position >= name.length + 2;
                for (int k = 0; match && k < name.length; k++) {
                    match = buffer[position + 1 + k] == name[k];
                }
                int after = match ? buffer[position + 1 + name.length] : 0;
                if (match && (after == '>' || after == ' ' || after == '\t' || after == '\r' || after == '\n')) {
                    position++;
                    tag.setLength(0);
                    tag.append('<');
                    int b;
                    while ((b = read()) >= 0) {
                        tag.append((char) b);
                        if (b == '>') {
                            return text();
                        }
                    }
                    throw new IOException("a worksheet's XML ends inside a tag");
                }
                position++;
            }
        }

        /** Whether the tag read so far is {@code <name}, {@code <x:name} (or the end tag's forms), without a String per tag. */
        private boolean named(String name, boolean endTag) {
            int start = tag.length() - name.length();
            boolean isEnd = tag.length() > 1 && tag.charAt(1) == '/';
            if (isEnd != endTag || start < (endTag ? 2 : 1)) {
                return false;
            }
            for (int i = 0; i < name.length(); i++) {
                if (tag.charAt(start + i) != name.charAt(i)) {
                    return false;
                }
            }
            char before = tag.charAt(start - 1);
            return before == ':' || start == (endTag ? 2 : 1);
        }

        private String text() {
            return new String(tag.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        }

        private String nextTag(boolean copy) throws IOException {
            while (true) {
                int b;
                while ((b = read()) != '<') {
                    if (b < 0) {
                        return null;
                    }
                    if (copy) {
                        out.write(b);
                    }
                }
                tag.setLength(0);
                tag.append('<');
                int quote = 0;
                while (true) {
                    b = read();
                    if (b < 0) {
                        throw new IOException("a worksheet's XML ends inside a tag");
                    }
                    tag.append((char) b);
                    if (tag.length() == 4 && tag.toString().equals("<!--")) {
                        copyUntil("-->");
                        break;
                    }
                    if (tag.length() == 9 && tag.toString().equals("<![CDATA[")) {
                        copyUntil("]]>");
                        break;
                    }
                    if (quote != 0) {
                        if (b == quote) {
                            quote = 0;
                        }
                    } else if (b == '"' || b == '\'') {
                        quote = b;
                    } else if (b == '>') {
                        return text();
                    }
                }
            }
        }

        /** Copies a comment or CDATA section (its opening already read) up to its end. */
        private void copyUntil(String end) throws IOException {
            out.write(tag.toString().getBytes(StandardCharsets.ISO_8859_1));
            until(end, true);
        }

        private void skipUntil(String end) throws IOException {
            until(end, false);
        }

        private void until(String end, boolean copy) throws IOException {
            int matched = 0;
            int b;
            while ((b = read()) >= 0) {
                if (copy) {
                    out.write(b);
                }
                matched = b == end.charAt(matched) ? matched + 1 : b == end.charAt(0) ? 1 : 0;
                if (matched == end.length()) {
                    return;
                }
            }
            throw new IOException("a worksheet's XML ends inside a comment or CDATA section");
        }

        void emit(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }

        void copyRest() throws IOException {
            out.write(buffer, position, limit - position);
            position = limit;
            in.transferTo(out);
        }
    }
}
