package dev.sheetsmith.engine.xlsx.edit.stream;

import dev.sheetsmith.engine.xlsx.poi.CellStrings;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The text of strings, read with the JDK's StAX parser as POI's user model reads them: the runs'
 * {@code <t>} joined, phonetic runs ({@code rPh}) left out, {@code _xHHHH_} escapes decoded.
 * The shared strings are read only as far as the highest index asked for.
 */
final class SharedStrings {

    private static final XMLInputFactory FACTORY = XMLInputFactory.newFactory();

    static {
        FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    private SharedStrings() {
    }

    /** The first {@code count} strings of a sharedStrings part (fewer when it holds fewer). */
    static List<String> first(InputStream part, int count) throws IOException {
        List<String> strings = new ArrayList<>();
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(part);
            try {
                while (strings.size() < count && r.hasNext()) {
                    if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("si")) {
                        strings.add(item(r, "si"));
                    }
                }
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw new NotStreamable("the shared strings do not parse: " + e.getMessage());
        }
        return strings;
    }

    /**
     * Every string of a sharedStrings part, in order, handed to {@code each} with its index (the
     * whole part is read once as a stream, nothing kept here).
     */
    static void each(InputStream part, java.util.function.ObjIntConsumer<String> each) throws IOException {
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(part);
            try {
                int index = 0;
                while (r.hasNext()) {
                    if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("si")) {
                        each.accept(item(r, "si"), index++);
                    }
                }
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw new NotStreamable("the shared strings do not parse: " + e.getMessage());
        }
    }

    /** The text of an inline-string cell's XML. */
    static String text(String cellXml) {
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(new StringReader(cellXml));
            try {
                while (r.hasNext()) {
                    if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("is")) {
                        return item(r, "is");
                    }
                }
                return "";
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw new NotStreamable("a cell that does not parse alone: " + e.getMessage());
        }
    }

    /** The text of a cell XML's first {@code <name>} element, as written. */
    static String between(String xml, String name) {
        int start = xml.indexOf("<" + name + ">");
        int end = xml.indexOf("</" + name + ">");
        if (start < 0 || end < start) {
            throw new NotStreamable("a cell without its " + name);
        }
        return xml.substring(start + name.length() + 2, end);
    }

    /** From inside an si/is element to its end: the text of its t elements outside rPh. */
    private static String item(XMLStreamReader r, String end) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        int phonetic = 0;
        boolean inT = false;
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (r.getLocalName().equals("rPh")) {
                    phonetic++;
                } else if (r.getLocalName().equals("t")) {
                    inT = phonetic == 0;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (r.getLocalName().equals("rPh")) {
                    phonetic--;
                } else if (r.getLocalName().equals("t")) {
                    inT = false;
                } else if (r.getLocalName().equals(end)) {
                    break;
                }
            } else if (inT && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE)) {
                text.append(r.getText());
            }
        }
        return CellStrings.read(text.toString());
    }
}
