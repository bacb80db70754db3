package com.example.sheetsmith.markdown;

import dev.sheetsmith.spi.CellValue;
import dev.sheetsmith.spi.FormatPlugin;
import dev.sheetsmith.spi.SheetView;
import dev.sheetsmith.spi.WorkbookView;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/** Writes each sheet as a GitHub-flavoured Markdown table under a heading with the sheet's name. */
public final class MarkdownFormat implements FormatPlugin {

    @Override
    public String id() {
        return "markdown";
    }

    /** The SPI version this plugin was compiled against: the constant is copied in at compile time. */
    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public String extension() {
        return "md";
    }

    @Override
    public String mediaType() {
        return "text/markdown; charset=utf-8";
    }

    @Override
    public String description() {
        return "Markdown tables, one per sheet (example plugin)";
    }

    @Override
    public void write(WorkbookView workbook, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        for (SheetView sheet : workbook.sheets()) {
            writer.write("## " + sheet.name() + "\n\n");
            int width = Math.max(1, sheet.columnCount());
            List<String> headers = sheet.headers();
            writer.write("|");
            for (int c = 0; c < width; c++) {
                writer.write(" " + escape(c < headers.size() ? headers.get(c) : "") + " |");
            }
            writer.write("\n|");
            for (int c = 0; c < width; c++) {
                writer.write(" --- |");
            }
            writer.write("\n");
            try (Stream<List<CellValue>> rows = sheet.rows()) {
                Iterator<List<CellValue>> it = rows.iterator();
                while (it.hasNext()) {
                    List<CellValue> row = it.next();
                    writer.write("|");
                    for (int c = 0; c < width; c++) {
                        writer.write(" " + escape(c < row.size() ? row.get(c).display() : "") + " |");
                    }
                    writer.write("\n");
                }
            }
            writer.write("\n");
        }
        writer.flush();
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", "<br>");
    }
}
