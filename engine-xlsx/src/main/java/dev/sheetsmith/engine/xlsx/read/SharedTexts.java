package dev.sheetsmith.engine.xlsx.read;

import dev.sheetsmith.engine.xlsx.poi.CellStrings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.ss.usermodel.RichTextString;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The shared strings table read as POI's {@code ReadOnlySharedStringsTable(pkg, false)} reads it
 * (the text of each {@code <si>}'s {@code <t>}s, phonetic runs left out), with each entry's text as
 * {@code getItemAt(i).getString()} gives it available as a plain string ({@link #text}): POI's
 * answer builds an XMLBeans rich text object per lookup, which was a sixth of an index build.
 */
final class SharedTexts extends DefaultHandler implements SharedStrings {

    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /** Tables read with SAX since this class was loaded (the scanner could not read them): for tests. */
    static final java.util.concurrent.atomic.AtomicInteger SAX_READS = new java.util.concurrent.atomic.AtomicInteger();

    private List<String> strings;
    private String[] decoded = new String[0];
    private StringBuilder characters;
    private boolean tIsOpen;
    private boolean inRPh;
    private int count;
    private int uniqueCount;

    SharedTexts(OPCPackage pkg) throws IOException, SAXException {
        List<PackagePart> parts = pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
        if (!parts.isEmpty()) {
            readFrom(parts.get(0)::getInputStream);
        }
    }

    /** Reads the strings from the table's XML (no table: none). */
    SharedTexts(InputStream in) throws IOException, SAXException {
        byte[] bytes = in.readAllBytes();
        readFrom(() -> new java.io.ByteArrayInputStream(bytes));
    }

    private interface Part {
        InputStream open() throws IOException;
    }

    /** With the byte scanner; what it does not read exactly (see SheetScanner), with SAX as POI reads it. */
    private void readFrom(Part part) throws IOException, SAXException {
        try (PushbackInputStream in = new PushbackInputStream(part.open(), 1)) {
            int first = in.read();
            if (first < 0) {
                return;
            }
            in.unread(first);
            SheetScanner.scanNamespaced(in, this);
            decoded = new String[strings == null ? 0 : strings.size()];
            return;
        } catch (SheetScanner.Unreadable e) {
            strings = null;
            characters = null;
            tIsOpen = false;
            inRPh = false;
            count = 0;
            uniqueCount = 0;
            SAX_READS.incrementAndGet();
        }
        try (InputStream in = part.open()) {
            PushbackInputStream pushback = new PushbackInputStream(in, 1);
            pushback.unread(pushback.read());
            XMLReader parser = XMLHelper.newXMLReader();
            parser.setContentHandler(this);
            parser.parse(new InputSource(pushback));
        } catch (ParserConfigurationException e) {
            throw new SAXException("SAX parser appears to be broken - " + e.getMessage());
        }
        decoded = new String[strings == null ? 0 : strings.size()];
    }

    /** The text of entry {@code index}, exactly as {@code getItemAt(index).getString()} (its _xHHHH_ escapes read). */
    String text(int index) {
        String raw = raw(index);
        String text = index < decoded.length ? decoded[index] : null;
        if (text == null) {
            text = CellStrings.read(raw);
            if (index < decoded.length) {
                decoded[index] = text;
            }
        }
        return text;
    }

    private String raw(int index) {
        if (strings == null || index >= strings.size()) {
            throw new IllegalStateException("Cannot get item at " + index + " with strings: " + strings);
        }
        return strings.get(index);
    }

    @Override
    public int getCount() {
        return count;
    }

    @Override
    public int getUniqueCount() {
        return uniqueCount;
    }

    @Override
    public RichTextString getItemAt(int index) {
        return new XSSFRichTextString(raw(index));
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
        if (uri != null && !uri.equals(MAIN)) {
            return;
        }
        switch (localName) {
            case "sst" -> {
                String c = attributes.getValue("count");
                if (c != null) {
                    count = (int) Long.parseLong(c);
                }
                String u = attributes.getValue("uniqueCount");
                if (u != null) {
                    uniqueCount = (int) Long.parseLong(u);
                }
                strings = new ArrayList<>(Math.min(uniqueCount, 100_000));
                characters = new StringBuilder(64);
            }
            case "si" -> {
                if (characters != null) {
                    characters.setLength(0);
                }
            }
            case "t" -> tIsOpen = true;
            case "rPh" -> inRPh = true;
            default -> {
            }
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        if (uri != null && !uri.equals(MAIN)) {
            return;
        }
        switch (localName) {
            case "si" -> {
                if (strings != null && characters != null) {
                    strings.add(characters.toString());
                }
            }
            case "t" -> tIsOpen = false;
            case "rPh" -> inRPh = false;
            default -> {
            }
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        if (tIsOpen && !inRPh && characters != null) {
            characters.append(ch, start, length);
        }
    }
}
