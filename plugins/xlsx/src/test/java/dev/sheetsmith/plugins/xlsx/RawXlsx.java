package dev.sheetsmith.plugins.xlsx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.util.CellReference;

/**
 * Writes xlsx packages as raw XML with java.util.zip, as some generators do: the tests control
 * every attribute (for example leaving out the optional {@code r} of rows and cells), and a
 * sheet of millions of cells streams to the zip without being held.
 */
public final class RawXlsx {

    private RawXlsx() {
    }

    /** A one-sheet workbook ("Data") whose sheetData holds {@code rowsXml}; {@code strings} are shared strings or null. */
    public static byte[] workbook(String rowsXml, String... strings) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            parts(zip, strings.length > 0);
            entry(zip, "xl/worksheets/sheet1.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet xmlns="
                    + "\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" + rowsXml
                    + "</sheetData></worksheet>");
            if (strings.length > 0) {
                StringBuilder sst = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sst xmlns=\"http://"
                        + "schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"" + strings.length
                        + "\" uniqueCount=\"" + strings.length + "\">");
                for (String s : strings) {
                    sst.append("<si><t>").append(s).append("</t></si>");
                }
                entry(zip, "xl/sharedStrings.xml", sst.append("</sst>").toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Streams a workbook of {@code rows} x {@code columns} numbers to {@code out}; {@code positions}
     * false leaves out every {@code r} attribute.
     */
    public static void numbers(OutputStream out, int rows, int columns, boolean positions) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        parts(zip, false);
        zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
        Writer w = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
        w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet xmlns="
                + "\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        String[] letters = new String[columns];
        for (int c = 0; c < columns; c++) {
            letters[c] = CellReference.convertNumToColString(c);
        }
        for (int r = 1; r <= rows; r++) {
            w.write(positions ? "<row r=\"" + r + "\">" : "<row>");
            for (int c = 0; c < columns; c++) {
                w.write(positions ? "<c r=\"" + letters[c] + r + "\"><v>" : "<c><v>");
                w.write(Integer.toString(r * 31 + c));
                w.write("</v></c>");
            }
            w.write("</row>");
        }
        w.write("</sheetData></worksheet>");
        w.flush();
        zip.closeEntry();
        zip.finish();
    }

    private static void parts(ZipOutputStream zip, boolean strings) throws IOException {
        entry(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Types xmlns=\"http://schemas"
                + ".openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application"
                + "/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application"
                + "/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-"
                + "officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" "
                + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                + (strings ? "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd."
                        + "openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>" : "") + "</Types>");
        entry(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Relationships xmlns=\"http://schemas"
                + ".openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas"
                + ".openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                + "</Relationships>");
        entry(zip, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<workbook xmlns=\"http://schemas"
                + ".openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/"
                + "officeDocument/2006/relationships\"><sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/>"
                + "</sheets></workbook>");
        entry(zip, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Relationships xmlns="
                + "\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type="
                + "\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target="
                + "\"worksheets/sheet1.xml\"/>" + (strings ? "<Relationship Id=\"rId2\" Type=\"http://schemas."
                        + "openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings"
                        + ".xml\"/>" : "") + "</Relationships>");
    }

    private static void entry(ZipOutputStream zip, String name, String xml) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(xml.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
