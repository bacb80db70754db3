import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The anchors of issue #17's table, in-process, for ROWS x COLS of the cells LargeCreate/Reads send:
 * the floor: the sheet XML written and deflated into a zip with java.util.zip, nothing else
 * (raw POI SXSSF is AnchorSxssf.java, which needs POI on the class path).
 *
 * <p>Usage: java Anchors.java ROWS COLS
 */
public class Anchors {

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[0]);
        int cols = Integer.parseInt(args[1]);
        Path out = Files.createTempFile("anchor-", ".xlsx");
        try {
            // warm the code once at a tenth of the size, as a server is warm
            floor(out, Math.max(1, rows / 10), cols);
            long t0 = System.nanoTime();
            floor(out, rows, cols);
            print("deflate floor (sheet XML + zip)", t0, out);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    static void print(String what, long t0, Path out) throws Exception {
        String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        System.out.printf(Locale.ROOT, "anchor   | %-42s | %9.3f s | load %5s | %d bytes%n", what,
                (System.nanoTime() - t0) / 1e9, load, Files.size(out));
    }

    private static void floor(Path file, int rows, int cols) throws Exception {
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            Writer w = new OutputStreamWriter(new NonClosing(zip), StandardCharsets.UTF_8);
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/"
                    + "spreadsheetml/2006/main\"><sheetData>");
            StringBuilder b = new StringBuilder(512);
            for (int r = 0; r < rows; r++) {
                b.setLength(0);
                b.append("<row r=\"").append(r + 2).append("\">");
                for (int c = 0; c < cols; c++) {
                    b.append("<c r=\"").append((char) ('A' + c)).append(r + 2).append('"');
                    switch (c % 4) {
                        case 0 -> b.append("><v>").append(r).append("</v></c>");
                        case 1 -> b.append(" t=\"inlineStr\"><is><t>name ").append(r).append("</t></is></c>");
                        case 2 -> b.append("><v>").append(r * 0.25).append("</v></c>");
                        default -> b.append(" t=\"b\"><v>").append(r % 2 == 0 ? 1 : 0).append("</v></c>");
                    }
                }
                w.append(b).append("</row>");
            }
            w.write("</sheetData></worksheet>");
            w.flush();
            zip.closeEntry();
        }
    }

    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws java.io.IOException {
            flush();
        }
    }
}
