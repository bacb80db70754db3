package dev.sheetsmith.engine.xlsx.poi;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;

/**
 * POI's streaming writer whose sheets' rows stay in memory until they pass {@link #IN_MEMORY_CHARS}
 * and only then go to a (gzipped) scratch file, as POI's own writer sends every sheet to one from
 * the first row. A small workbook (the common create of a few rows) then touches no scratch file:
 * creating and deleting one, and the template file POI writes beside it, were most of a 10-row
 * create's time. The XML written is POI's, unchanged; only where it waits differs.
 */
public final class SpillingSheetData extends SXSSFWorkbook {

    /** Rows' XML held in memory per sheet before it spills to a scratch file (about 2 MB of chars). */
    public static final int IN_MEMORY_CHARS = 1 << 20;

    private final List<Path> files = new ArrayList<>();
    private int spilled;

    public SpillingSheetData(int rowWindow) {
        super(rowWindow);
    }

    /** Sheets whose rows went to a scratch file (a figure for tests). */
    public int spilledSheets() {
        return spilled;
    }

    @Override
    protected SheetDataWriter createSheetDataWriter() throws IOException {
        return new Sheet(new Spilling());
    }

    /**
     * Writes the workbook as {@link #write} does, with its template (the small parts: styles,
     * workbook, empty sheets) zipped in memory instead of in POI's scratch file. (POI's own
     * {@code writeAvoidingTempFiles} reads the template back as a stream and writes entry sizes
     * java.util.zip's stream reader refuses, so it is not used.)
     */
    public void writeWithTemplateInMemory(java.io.OutputStream out) throws IOException {
        flushSheets();
        java.io.ByteArrayOutputStream template = new java.io.ByteArrayOutputStream(1 << 14);
        getXSSFWorkbook().write(template);
        try (org.apache.poi.openxml4j.util.ZipFileZipEntrySource source =
                new org.apache.poi.openxml4j.util.ZipFileZipEntrySource(
                        org.apache.commons.compress.archivers.zip.ZipFile.builder().setSeekableByteChannel(
                                new org.apache.commons.compress.utils.SeekableInMemoryByteChannel(
                                        template.toByteArray())).get())) {
            injectData(source, out);
        }
    }

    /** Deletes the scratch files left (a failed write's); call once done, with {@link #dispose()}. */
    public void deleteScratch() {
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the temp folder's sweep takes it
            }
        }
    }

    private final class Sheet extends SheetDataWriter {
        private final Spilling writer;

        Sheet(Spilling writer) throws IOException {
            super(writer);
            this.writer = writer;
        }

        @Override
        public InputStream getWorksheetXMLInputStream() throws IOException {
            return writer.read();
        }
    }

    /** Characters to a buffer, then (past the threshold) to a gzipped scratch file. */
    private final class Spilling extends Writer {
        private StringBuilder memory = new StringBuilder(8192);
        private Path file;
        private Writer disk;

        private void spillFor(int length) throws IOException {
            if (disk == null && memory.length() + length > IN_MEMORY_CHARS) {
                file = Files.createTempFile("poi-sxssf-sheet", ".xml.gz");
                files.add(file);
                spilled++;
                disk = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file),
                        1 << 16), StandardCharsets.UTF_8), 1 << 16);
                disk.append(memory);
                memory = null;
            }
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            spillFor(length);
            if (disk != null) {
                disk.write(chars, offset, length);
            } else {
                memory.append(chars, offset, length);
            }
        }

        @Override
        public void write(String s, int offset, int length) throws IOException {
            spillFor(length);
            if (disk != null) {
                disk.write(s, offset, length);
            } else {
                memory.append(s, offset, offset + length);
            }
        }

        @Override
        public void write(int c) throws IOException {
            spillFor(1);
            if (disk != null) {
                disk.write(c);
            } else {
                memory.append((char) c);
            }
        }

        @Override
        public void flush() throws IOException {
            if (disk != null) {
                disk.flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (disk != null) {
                disk.close();
            }
        }

        InputStream read() throws IOException {
            if (file == null) {
                return new ByteArrayInputStream(memory.toString().getBytes(StandardCharsets.UTF_8));
            }
            disk.close(); // POI closes it first; twice is harmless
            Path read = file;
            return new FilterInputStream(new GZIPInputStream(Files.newInputStream(read), 1 << 16)) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        Files.deleteIfExists(read);
                    }
                }
            };
        }
    }
}
