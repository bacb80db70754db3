package dev.sheetsmith.plugins.xlsx;

import dev.sheetsmith.spi.FormatPlugin;
import dev.sheetsmith.spi.ReadLimits;
import dev.sheetsmith.spi.WorkbookView;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import dev.sheetsmith.engine.xlsx.XlsxFiles;

/**
 * Excel .xlsx as a format: the SPI's face of the xlsx engine, which reads every sheet for import
 * and writes new workbooks (POI's streaming writer, bold frozen header, fitted widths, real dates).
 */
public final class XlsxFormat implements FormatPlugin {

    @Override
    public String id() {
        return "xlsx";
    }

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public String extension() {
        return "xlsx";
    }

    @Override
    public String mediaType() {
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }

    @Override
    public String description() {
        return "Excel workbook";
    }

    @Override
    public boolean canRead() {
        return true;
    }

    @Override
    public WorkbookView read(InputStream in) throws IOException {
        return read(in, ReadLimits.none());
    }

    @Override
    public WorkbookView read(InputStream in, ReadLimits limits) throws IOException {
        return WorkbookView.of(XlsxFiles.read(in, limits));
    }

    @Override
    public void write(WorkbookView workbook, OutputStream out) throws IOException {
        XlsxFiles.write(workbook, out);
    }
}
