package dev.sheetsmith.plugins.ods;

import com.github.miachm.sods.Range;
import com.github.miachm.sods.Sheet;
import com.github.miachm.sods.SpreadSheet;
import dev.sheetsmith.spi.CellValue;
import dev.sheetsmith.spi.FormatPlugin;
import dev.sheetsmith.spi.ReadLimits;
import dev.sheetsmith.spi.SheetView;
import dev.sheetsmith.spi.WorkbookView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * OpenDocument spreadsheets (.ods, LibreOffice's own format) with SODS: a small, maintained library
 * with no further dependencies (the ODF Toolkit would bring an XML and RDF stack for the same job).
 * SODS holds a sheet in memory while it writes, so very large sheets are better exported as xlsx.
 */
public final class OdsFormat implements FormatPlugin {

    @Override
    public String id() {
        return "ods";
    }

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public String extension() {
        return "ods";
    }

    @Override
    public String mediaType() {
        return "application/vnd.oasis.opendocument.spreadsheet";
    }

    @Override
    public String description() {
        return "OpenDocument spreadsheet (LibreOffice, Google Sheets)";
    }

    @Override
    public boolean canRead() {
        return true;
    }

    @Override
    public void write(WorkbookView workbook, OutputStream out) throws IOException {
        SpreadSheet spread = new SpreadSheet();
        for (SheetView view : workbook.sheets()) {
            List<List<CellValue>> rows;
            try (Stream<List<CellValue>> stream = view.rows()) {
                rows = stream.toList();
            }
            boolean header = !view.headers().isEmpty();
            int height = Math.max(1, rows.size() + (header ? 1 : 0));
            int width = Math.max(1, view.columnCount());
            Sheet sheet = new Sheet(view.name(), height, width);
            if (header) {
                Range headerRow = sheet.getRange(0, 0, 1, view.headers().size());
                headerRow.setValues(view.headers().toArray());
                headerRow.setFontBold(true);
            }
            int r = header ? 1 : 0;
            for (List<CellValue> row : rows) {
                for (int c = 0; c < row.size(); c++) {
                    set(sheet.getRange(r, c), row.get(c));
                }
                r++;
            }
            spread.appendSheet(sheet);
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        spread.save(buffer);
        mimetypeFirst(buffer.toByteArray(), out);
    }

    /**
     * ODF requires the package's first entry to be "mimetype", stored uncompressed, so that tools
     * can tell the format from the first bytes; SODS writes it later, so the zip is re-laid.
     */
    static void mimetypeFirst(byte[] ods, OutputStream out) throws IOException {
        byte[] mimetype = "application/vnd.oasis.opendocument.spreadsheet".getBytes(StandardCharsets.US_ASCII);
        ZipOutputStream zip = new ZipOutputStream(out);
        ZipEntry first = new ZipEntry("mimetype");
        first.setMethod(ZipEntry.STORED);
        first.setSize(mimetype.length);
        CRC32 crc = new CRC32();
        crc.update(mimetype);
        first.setCrc(crc.getValue());
        zip.putNextEntry(first);
        zip.write(mimetype);
        zip.closeEntry();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(ods))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals("mimetype")) {
                    continue;
                }
                zip.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(zip);
                zip.closeEntry();
            }
        }
        zip.finish();
    }

    private static void set(Range cell, CellValue value) {
        if (value instanceof CellValue.Text t) {
            cell.setValue(t.value());
        } else if (value instanceof CellValue.Number n) {
            cell.setValue(n.value());
        } else if (value instanceof CellValue.Bool b) {
            cell.setValue(b.value());
        } else if (value instanceof CellValue.Date d) {
            cell.setValue(d.value());
        } else if (value instanceof CellValue.DateTime dt) {
            cell.setValue(dt.value());
        } else if (value instanceof CellValue.Formula f) {
            cell.setFormula("=" + f.expression());
        }
    }

    @Override
    public WorkbookView read(InputStream in) throws IOException {
        return read(in, ReadLimits.none());
    }

    /** One streaming pass over content.xml that counts while it reads (see {@link OdsReader}). */
    @Override
    public WorkbookView read(InputStream in, ReadLimits limits) throws IOException {
        OdsReader reader = new OdsReader(limits);
        List<SheetView> sheets = reader.read(in);
        return WorkbookView.of(sheets, reader.notes());
    }
}
