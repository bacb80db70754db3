package dev.sheetsmith.engine.xlsx.read;

import dev.sheetsmith.engine.xlsx.poi.XmlBytes;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * A worksheet's XML read at the byte level (over {@link XmlBytes}, the streamed edits' buffer too) into the
 * same SAX events Xerces gives a namespace-aware handler: start and end of each element (by its
 * local name), its attributes, its text. Only the subset spreadsheet writers produce is read: a
 * UTF-8 (or undeclared) encoding, XML 1.0, elements, attributes, text with the five XML entities
 * and numeric character references. Anything else (a DOCTYPE, another encoding, a comment, CDATA,
 * a processing instruction after the declaration, another entity, a namespace prefix on an
 * element inside {@code sheetData} or on a {@code mergeCell}, an undeclared prefix, malformed
 * markup, bytes that are not UTF-8, characters XML does not allow) throws {@link Unreadable}
 * before or instead of its events: the caller then reads the sheet again with SAX, which either
 * reads it or reports the error it always did.
 *
 * <p>Text is handed on as Xerces hands it: line ends read as {@code \n} ({@code \r\n} and a lone
 * {@code \r}), entities and character references replaced; in attribute values tabs and line ends
 * are spaces (XML 1.0, 3.3.3). Handlers may be given text in other pieces than Xerces gives it.
 */
final class SheetScanner {

    /** The sheet holds something this scanner does not read exactly: read it with SAX. */
    static final class Unreadable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final String[] KNOWN = {"sheetData", "row", "c", "v", "f", "is", "t", "r", "rPh", "rPr",
        "mergeCell", "mergeCells", "b", "i", "u", "sz", "color", "rFont", "family", "scheme", "vertAlign",
        "strike", "charset", "outline", "shadow", "condense", "extend", "phoneticPr", "extLst", "ext", "worksheet"};

    private final XmlBytes in;
    private final ContentHandler handler;
    /** Given the start tag of each row inside sheetData (for the copy without cells), or null. */
    private final LightPackage.Rows rows;
    private final Attrs attrs = new Attrs();
    private final List<byte[]> prefixes = new ArrayList<>();
    private String[] stack = new String[16];
    /** The default namespace outside each open element (restored at its end), and the one in scope now. */
    private String[] outerUris = new String[16];
    private String defaultUri = "";
    /** Whether a prefixed element anywhere is left to SAX (a handler that asks for its namespace). */
    private final boolean noPrefixes;
    private int depth;
    /** The depth of the open {@code sheetData}, or -1. */
    private int sheetData = -1;
    private boolean sheetDataSeen;
    private char[] text = new char[256];
    private int textLength;
    private byte[] buf;
    private int p;
    private int lim;
    /** Decoding an attribute value of the buffered tag: nothing more is read. */
    private boolean inPlace;

    private SheetScanner(InputStream in, ContentHandler handler, LightPackage.Rows rows, boolean noPrefixes) {
        this.in = new XmlBytes(in) {
            @Override
            protected RuntimeException endsInsideTag() {
                return new Unreadable("the XML ends inside a tag");
            }
        };
        this.handler = handler;
        this.rows = rows;
        this.noPrefixes = noPrefixes;
    }

    /**
     * As {@link #scan(InputStream, ContentHandler)} for a part whose handler looks at the namespace of
     * each element (the shared strings): every unprefixed element comes with the default namespace in
     * scope, as SAX gives it, and a prefixed element anywhere makes the part {@link Unreadable}.
     */
    static void scanNamespaced(InputStream part, ContentHandler handler) throws IOException, SAXException {
        new SheetScanner(part, handler, null, true).document();
    }

    /**
     * Hands the sheet's XML to {@code handler} as SAX would.
     *
     * @throws Unreadable when it holds what this scanner does not read; the handler may have had
     *     some events already
     */
    static void scan(InputStream sheet, ContentHandler handler) throws IOException, SAXException {
        scan(sheet, handler, null);
    }

    /** As {@link #scan(InputStream, ContentHandler)}, giving {@code rows} each row's start tag inside sheetData. */
    static void scan(InputStream sheet, ContentHandler handler, LightPackage.Rows rows) throws IOException,
            SAXException {
        try {
            new SheetScanner(sheet, handler, rows, false).document();
        } catch (SheetCells.Stop stop) {
            // the visitor has what it needs
        }
    }

    private void document() throws IOException, SAXException {
        sync(0);
        if (ensure(3) && (buf[p] & 0xff) == 0xEF && (buf[p + 1] & 0xff) == 0xBB && (buf[p + 2] & 0xff) == 0xBF) {
            p += 3;
        }
        if (ensure(6) && startsWith("<?xml") && isSpace(buf[p + 5])) {
            declaration();
        }
        boolean root = false;
        while (true) {
            skipSpaces();
            if (!ensure(1)) {
                if (!root) {
                    throw new Unreadable("no root element");
                }
                return;
            }
            if (buf[p] != '<' || root) {
                throw new Unreadable("text or markup outside the root element");
            }
            ensure(2);
            byte next = p + 1 < lim ? buf[p + 1] : 0;
            if (next == '!' || next == '?' || next == '/') {
                throw new Unreadable("a DOCTYPE, comment or processing instruction outside the root element");
            }
            root = true;
            content();
        }
    }

    /** The XML declaration: version 1.0, encoding UTF-8 or none. */
    private void declaration() throws IOException {
        int length = tag();
        String decl = new String(buf, p, length, java.nio.charset.StandardCharsets.ISO_8859_1);
        p += length;
        if (!decl.endsWith("?>")) {
            throw new Unreadable("an XML declaration that does not read");
        }
        java.util.regex.Matcher version = java.util.regex.Pattern.compile("version\\s*=\\s*[\"']([^\"']*)[\"']")
                .matcher(decl);
        if (!version.find() || !version.group(1).equals("1.0")) {
            throw new Unreadable("XML other than version 1.0");
        }
        java.util.regex.Matcher encoding = java.util.regex.Pattern.compile("encoding\\s*=\\s*[\"']([^\"']*)[\"']")
                .matcher(decl);
        if (encoding.find() && !encoding.group(1).equalsIgnoreCase("UTF-8")) {
            throw new Unreadable("an encoding other than UTF-8: " + encoding.group(1));
        }
    }

    /** The root element and everything in it, from its start tag at the position. */
    private void content() throws IOException, SAXException {
        do {
            if (buf[p] != '<') {
                text();
                continue;
            }
            if (!ensure(2)) {
                throw new Unreadable("the XML ends inside a tag");
            }
            byte next = buf[p + 1];
            if (next == '/') {
                endTag();
            } else if (next == '!' || next == '?') {
                throw new Unreadable("a comment, CDATA section, DOCTYPE or processing instruction");
            } else {
                startTag();
            }
        } while (depth > 0 && (ensure(1) || unreadable("the XML ends inside an element")));
    }

    private static boolean unreadable(String reason) {
        throw new Unreadable(reason);
    }

    private void startTag() throws IOException, SAXException {
        int length = tag();
        int end = p + length - 1; // at '>'
        boolean empty = buf[end - 1] == '/';
        if (empty) {
            end--;
        }
        int i = p + 1;
        int nameStart = i;
        int colon = -1;
        while (i < end && isNameByte(buf[i])) {
            if (buf[i] == ':') {
                if (colon >= 0) {
                    throw new Unreadable("an element name with two colons");
                }
                colon = i;
            }
            i++;
        }
        if (i == nameStart || !isNameStart(buf[nameStart]) || (i < end && !isSpace(buf[i]))) {
            throw new Unreadable("an element name that does not read");
        }
        int nameEnd = i;
        String qName;
        String local;
        if (colon < 0) {
            qName = name(nameStart, nameEnd);
            local = qName;
        } else {
            local = name(colon + 1, nameEnd);
            qName = new String(buf, nameStart, nameEnd - nameStart, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (noPrefixes || sheetData >= 0 || local.equals("mergeCell") || local.equals("sheetData")
                    || colon + 1 == nameEnd) {
                throw new Unreadable("a namespace prefix on an element the reader looks at: " + qName);
            }
        }
        attrs.read(i, end);
        if (colon >= 0 && !declared(nameStart, colon)) {
            throw new Unreadable("an undeclared namespace prefix: " + qName);
        }
        String inner = attrs.defaultUri != null ? attrs.defaultUri : defaultUri;
        // a prefixed element's namespace is not looked at (its handlers are given "")
        String uri = colon >= 0 ? "" : inner;
        handler.startElement(uri, local, qName, attrs);
        if (local == "row" && sheetData >= 0 && rows != null) { // a constant from name()
            rows.row(buf, p, length);
        }
        if (local == "sheetData") { // a constant from name()
            if (sheetDataSeen) {
                // no schema allows two; the copy without cells (LightPackage) would see only the first
                throw new Unreadable("a second sheetData");
            }
            sheetDataSeen = true;
            sheetData = depth;
        }
        p += length;
        if (empty) {
            handler.endElement(uri, local, qName);
            if (sheetData == depth) {
                sheetData = -1;
            }
        } else {
            if (depth == stack.length) {
                stack = Arrays.copyOf(stack, depth * 2);
                outerUris = Arrays.copyOf(outerUris, depth * 2);
            }
            outerUris[depth] = defaultUri;
            stack[depth++] = qName;
            defaultUri = inner;
        }
    }

    private void endTag() throws IOException, SAXException {
        int length = tag();
        int i = p + 2;
        int nameStart = i;
        int colon = -1;
        while (i < p + length - 1 && isNameByte(buf[i])) {
            if (buf[i] == ':') {
                colon = i;
            }
            i++;
        }
        int nameEnd = i;
        while (i < p + length - 1 && isSpace(buf[i])) {
            i++;
        }
        if (i != p + length - 1 || depth == 0) {
            throw new Unreadable("an end tag that does not read");
        }
        String open = stack[depth - 1];
        if (open.length() != nameEnd - nameStart) {
            throw new Unreadable("an end tag that does not match its start tag");
        }
        for (int k = 0; k < open.length(); k++) {
            if (open.charAt(k) != buf[nameStart + k]) {
                throw new Unreadable("an end tag that does not match its start tag");
            }
        }
        p += length;
        depth--;
        String local = colon < 0 ? open : open.substring(colon + 1 - nameStart);
        String uri = colon < 0 ? defaultUri : "";
        defaultUri = outerUris[depth];
        if (sheetData == depth) {
            sheetData = -1;
        }
        handler.endElement(uri, local, open);
    }

    /** Text up to the next '&lt;', decoded, handed on when not empty. */
    private void text() throws IOException, SAXException {
        textLength = 0;
        while (true) {
            if (p == lim && !ensure(1)) {
                break; // the caller reports the end
            }
            int b = buf[p];
            if (b == '<') {
                break;
            }
            if (b >= 0x20 && b != '&' && b != ']') {
                append((char) b);
                p++;
            } else if (b < 0) {
                utf8();
            } else if (b == '&') {
                reference();
            } else if (b == '\n' || b == '\t') {
                append((char) b);
                p++;
            } else if (b == '\r') {
                append('\n');
                p++;
                if (ensure(1) && buf[p] == '\n') {
                    p++;
                }
            } else if (b == ']') {
                if (ensure(3) && buf[p + 1] == ']' && buf[p + 2] == '>') {
                    throw new Unreadable("']]>' in text");
                }
                append(']');
                p++;
            } else {
                throw new Unreadable("a control character in text");
            }
        }
        if (textLength > 0) {
            handler.characters(text, 0, textLength);
        }
    }

    /** An entity or character reference at the position, appended. */
    private void reference() {
        int end = -1;
        try {
            ensure(12);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (int i = p + 1; i < lim && i < p + 12; i++) {
            if (buf[i] == ';') {
                end = i;
                break;
            }
        }
        if (end < 0) {
            throw new Unreadable("an entity reference that does not read");
        }
        int n = end - p - 1;
        int at = p + 1;
        if (n >= 2 && buf[at] == '#') {
            int code = 0;
            boolean hex = buf[at + 1] == 'x';
            int from = at + (hex ? 2 : 1);
            if (from == end) {
                throw new Unreadable("an empty character reference");
            }
            for (int i = from; i < end; i++) {
                int d = Character.digit(buf[i], hex ? 16 : 10);
                if (d < 0) {
                    throw new Unreadable("a character reference that does not read");
                }
                code = code * (hex ? 16 : 10) + d;
            }
            if (!(code == 0x9 || code == 0xA || code == 0xD || (code >= 0x20 && code <= 0xD7FF)
                    || (code >= 0xE000 && code <= 0xFFFD) || (code >= 0x10000 && code <= 0x10FFFF))) {
                throw new Unreadable("a character reference to a character XML does not allow");
            }
            if (code >= 0x10000) {
                append(Character.highSurrogate(code));
                append(Character.lowSurrogate(code));
            } else {
                append((char) code);
            }
        } else if (is(at, n, "lt")) {
            append('<');
        } else if (is(at, n, "gt")) {
            append('>');
        } else if (is(at, n, "amp")) {
            append('&');
        } else if (is(at, n, "quot")) {
            append('"');
        } else if (is(at, n, "apos")) {
            append('\'');
        } else {
            throw new Unreadable("an entity other than the five XML ones");
        }
        p = end + 1;
    }

    private boolean is(int at, int n, String name) {
        if (n != name.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (buf[at + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** A UTF-8 sequence at the position, checked (as Xerces refuses a malformed one), appended. */
    private void utf8() {
        try {
            ensure(4);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        int b0 = buf[p] & 0xff;
        int count = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC2 ? 2 : 0;
        if (count == 0 || b0 > 0xF4 || p + count > lim) {
            throw new Unreadable("bytes that are not UTF-8");
        }
        int code = b0 & (0xFF >> (count + 1));
        for (int k = 1; k < count; k++) {
            int b = buf[p + k] & 0xff;
            if ((b & 0xC0) != 0x80) {
                throw new Unreadable("bytes that are not UTF-8");
            }
            code = code << 6 | (b & 0x3F);
        }
        if ((count == 3 && (code < 0x800 || (code >= 0xD800 && code <= 0xDFFF) || code > 0xFFFD))
                || (count == 4 && (code < 0x10000 || code > 0x10FFFF)) || (count == 2 && code < 0x80)) {
            throw new Unreadable("bytes that are not UTF-8, or a character XML does not allow");
        }
        if (code >= 0x10000) {
            append(Character.highSurrogate(code));
            append(Character.lowSurrogate(code));
        } else {
            append((char) code);
        }
        p += count;
    }

    private void append(char c) {
        if (textLength == text.length) {
            text = Arrays.copyOf(text, textLength * 2);
        }
        text[textLength++] = c;
    }

    /** A known element name as its constant (compared by identity), else a new string. */
    private String name(int from, int to) {
        int n = to - from;
        for (String known : KNOWN) {
            if (known.length() == n && buf[from] == known.charAt(0) && is(from, n, known)) {
                return known;
            }
        }
        return new String(buf, from, n, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private boolean declared(int from, int to) {
        int n = to - from;
        if (n == 3 && is(from, 3, "xml")) {
            return true;
        }
        for (byte[] prefix : prefixes) {
            if (prefix.length == n && Arrays.equals(prefix, 0, n, buf, from, to)) {
                return true;
            }
        }
        return false;
    }

    /** The tag at the position ('&lt;' through '&gt;', quotes respected), buffered whole: its length. */
    private int tag() throws IOException {
        in.position(p);
        int length = in.tagLength();
        sync(in.position());
        return length;
    }

    /** Whether {@code n} bytes are buffered from the position (reading more if needed). */
    private boolean ensure(int n) throws IOException {
        if (lim - p >= n || inPlace) {
            return lim - p >= n;
        }
        in.position(p);
        boolean enough = in.fill(n);
        sync(in.position());
        return enough;
    }

    private void sync(int position) {
        buf = in.buffer();
        p = position;
        lim = in.limit();
    }

    private void skipSpaces() throws IOException {
        while (ensure(1) && isSpace(buf[p])) {
            p++;
        }
    }

    private boolean startsWith(String ascii) {
        return is(p, ascii.length(), ascii);
    }

    private static boolean isSpace(int b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private static boolean isNameStart(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_';
    }

    /** ASCII name characters; a name with others (non-ASCII letters) is left to SAX. */
    private static boolean isNameByte(byte b) {
        return isNameStart(b) || (b >= '0' && b <= '9') || b == '-' || b == '.' || b == ':';
    }

    /**
     * The attributes of the start tag being read, as SAX gives them (namespace declarations left
     * out); values decoded when asked for.
     */
    private final class Attrs implements Attributes {
        private int count;
        private int[] at = new int[4 * 8]; // name start, name end, value start, value end
        /** The default namespace this start tag declares ({@code xmlns="..."}), or null. */
        String defaultUri;

        void read(int i, int end) {
            count = 0;
            defaultUri = null;
            while (true) {
                while (i < end && isSpace(buf[i])) {
                    i++;
                }
                if (i >= end) {
                    break;
                }
                int nameStart = i;
                while (i < end && isNameByte(buf[i])) {
                    i++;
                }
                int nameEnd = i;
                if (nameEnd == nameStart || !isNameStart(buf[nameStart])) {
                    throw new Unreadable("an attribute name that does not read");
                }
                while (i < end && isSpace(buf[i])) {
                    i++;
                }
                if (i >= end || buf[i] != '=') {
                    throw new Unreadable("an attribute without its value");
                }
                i++;
                while (i < end && isSpace(buf[i])) {
                    i++;
                }
                if (i >= end || (buf[i] != '"' && buf[i] != '\'')) {
                    throw new Unreadable("an attribute value without quotes");
                }
                byte quote = buf[i++];
                int valueStart = i;
                while (i < end && buf[i] != quote) {
                    if (buf[i] == '<') {
                        throw new Unreadable("'<' in an attribute value");
                    }
                    i++;
                }
                if (i >= end) {
                    throw new Unreadable("an attribute value without its closing quote");
                }
                int valueEnd = i++;
                if (i < end && !isSpace(buf[i])) {
                    throw new Unreadable("attributes without space between them");
                }
                int n = nameEnd - nameStart;
                if (n >= 5 && is(nameStart, 5, "xmlns") && (n == 5 || buf[nameStart + 5] == ':')) {
                    if (n > 6) {
                        prefixes.add(Arrays.copyOfRange(buf, nameStart + 6, nameEnd));
                    } else {
                        for (int k = valueStart; k < valueEnd; k++) {
                            if (buf[k] < 0x20 || buf[k] == '&') {
                                throw new Unreadable("a default namespace that is not plain ASCII");
                            }
                        }
                        defaultUri = new String(buf, valueStart, valueEnd - valueStart,
                                java.nio.charset.StandardCharsets.ISO_8859_1);
                    }
                    continue;
                }
                for (int k = 0; k < count; k++) {
                    if (at[4 * k + 1] - at[4 * k] == n && Arrays.equals(buf, at[4 * k], at[4 * k + 1], buf, nameStart,
                            nameEnd)) {
                        throw new Unreadable("an attribute given twice");
                    }
                }
                if (4 * count + 4 > at.length) {
                    at = Arrays.copyOf(at, at.length * 2);
                }
                at[4 * count] = nameStart;
                at[4 * count + 1] = nameEnd;
                at[4 * count + 2] = valueStart;
                at[4 * count + 3] = valueEnd;
                count++;
            }
            for (int k = 0; k < count; k++) { // prefixes: declared on this element or before
                for (int c = at[4 * k]; c < at[4 * k + 1]; c++) {
                    if (buf[c] == ':' && !declared(at[4 * k], c)) {
                        throw new Unreadable("an undeclared namespace prefix on an attribute");
                    }
                }
                if (!plain(k)) {
                    value(k); // checks it reads (entities, UTF-8, allowed characters) as SAX would
                }
            }
        }

        @Override
        public int getLength() {
            return count;
        }

        @Override
        public String getURI(int index) {
            return index < count ? "" : null;
        }

        @Override
        public String getLocalName(int index) {
            String q = getQName(index);
            return q == null ? null : q.substring(q.indexOf(':') + 1);
        }

        @Override
        public String getQName(int index) {
            return index < 0 || index >= count ? null : new String(buf, at[4 * index], at[4 * index + 1]
                    - at[4 * index], java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        @Override
        public String getType(int index) {
            return index < 0 || index >= count ? null : "CDATA";
        }

        @Override
        public String getValue(int index) {
            return index < 0 || index >= count ? null : value(index);
        }

        @Override
        public int getIndex(String uri, String localName) {
            return uri == null || uri.isEmpty() ? getIndex(localName) : -1;
        }

        @Override
        public int getIndex(String qName) {
            for (int k = 0; k < count; k++) {
                if (is(at[4 * k], at[4 * k + 1] - at[4 * k], qName)) {
                    return k;
                }
            }
            return -1;
        }

        @Override
        public String getType(String uri, String localName) {
            return getType(getIndex(uri, localName));
        }

        @Override
        public String getType(String qName) {
            return getType(getIndex(qName));
        }

        @Override
        public String getValue(String uri, String localName) {
            return getValue(getIndex(uri, localName));
        }

        @Override
        public String getValue(String qName) {
            return getValue(getIndex(qName));
        }

        /** The value, normalized as XML 1.0 3.3.3 does for CDATA attributes. */
        private boolean plain(int index) {
            for (int i = at[4 * index + 2]; i < at[4 * index + 3]; i++) {
                byte b = buf[i];
                if (b < 0x20 || b == '&') {
                    return false;
                }
            }
            return true;
        }

        private String value(int index) {
            int from = at[4 * index + 2];
            int to = at[4 * index + 3];
            if (plain(index)) {
                return new String(buf, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
            }
            // the whole tag is buffered: decode in place with the text decoder
            int saveP = p;
            int saveLim = lim;
            int saveLength = textLength;
            char[] saveText = text;
            text = new char[Math.max(16, to - from)];
            textLength = 0;
            inPlace = true;
            try {
                p = from;
                lim = to;
                while (p < to) {
                    int b = buf[p];
                    if (b >= 0x20 && b != '&') {
                        append((char) b);
                        p++;
                    } else if (b < 0) {
                        utf8();
                    } else if (b == '&') {
                        reference();
                    } else if (b == '\r' && p + 1 < to && buf[p + 1] == '\n') {
                        append(' ');
                        p += 2;
                    } else if (b == '\t' || b == '\n' || b == '\r') {
                        append(' ');
                        p++;
                    } else {
                        throw new Unreadable("a control character in an attribute value");
                    }
                }
                return new String(text, 0, textLength);
            } finally {
                inPlace = false;
                p = saveP;
                lim = saveLim;
                text = saveText;
                textLength = saveLength;
            }
        }
    }
}
