import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.engine.xlsx.read.XlsxReadIndex;
import dev.sheetsmith.engine.xlsx.read.XlsxWorkbookReader;
import dev.sheetsmith.ports.out.WorkbookIndexer;
import dev.sheetsmith.ports.out.WorkbookReader;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The read index without a server: writes a ROWS x COLS xlsx (raw XML, inline strings), builds its
 * index once, then times what the index answers from a file (as the local store serves it):
 * describe, 2,000-cell pages from 10 places, and a search of every row; then the same page and
 * search through the reader from the file, for comparison. Heap after each is printed.
 *
 * <p>Usage (bench/run.sh INPROCESS=1 does this): java -cp ENGINE_CLASSPATH ReadIndexInProcess.java ROWS COLS
 */
public class ReadIndexInProcess {

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[0]);
        int cols = Integer.parseInt(args[1]);
        Path xlsx = Files.createTempFile("ri-", ".xlsx");
        Path index = Files.createTempFile("ri-", ".ri1");
        try {
            long t0 = System.nanoTime();
            write(xlsx, rows, cols);
            print("write the xlsx (raw XML + zip)", t0);
            XlsxReadIndex indexer = new XlsxReadIndex();
            t0 = System.nanoTime();
            cpu0 = cpu();
            try (InputStream in = Files.newInputStream(xlsx); OutputStream out = new BufferedOutputStream(
                    Files.newOutputStream(index))) {
                indexer.write(in, out);
            }
            print("build the index (" + Files.size(index) + " bytes, xlsx " + Files.size(xlsx) + ")", t0);
            WorkbookIndexer.Source source = (offset, length) -> {
                FileChannel channel = FileChannel.open(index, StandardOpenOption.READ);
                channel.position(offset);
                return new java.io.BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
            };
            for (int round = 0; round < 3; round++) {
                t0 = System.nanoTime();
                cpu0 = cpu();
            cpu0 = cpu();
                WorkbookIndexer.Index opened = indexer.open(source);
                opened.describe();
                print("open + describe", t0);
                t0 = System.nanoTime();
                cpu0 = cpu();
                // an index of format 2 (before describe_sheet was kept) answers empty: the file then answers
                boolean kept;
                try {
                    kept = ((java.util.Optional<?>) WorkbookIndexer.Index.class.getMethod("describeSheet", String.class)
                            .invoke(opened, (Object) null)).isPresent();
                } catch (NoSuchMethodException e) {
                    kept = false;
                }
                print("describe_sheet " + (kept ? "from the index" : "NOT in the index"), t0);
                Random random = new Random(round);
                List<Double> pages = new ArrayList<>();
                int pageRows = 2000 / cols;
                for (int i = 0; i < 10; i++) {
                    int first = i == 0 ? rows / 2 : 1 + random.nextInt(rows - pageRows);
                    long t = System.nanoTime();
                    opened.read(null, new CellRange(first, 0, first + pageRows - 1, cols - 1), false, 2000)
                            .orElseThrow();
                    pages.add((System.nanoTime() - t) / 1e9);
                }
                Collections.sort(pages);
                System.out.printf(Locale.ROOT, "index    | read_range 2,000 cells, 10 places: median %.4f s, max %.4f s%n",
                        pages.get(5), pages.get(9));
                t0 = System.nanoTime();
                cpu0 = cpu();
            cpu0 = cpu();
                List<WorkbookReader.Match> found = opened.find(new WorkbookReader.Search(null, null,
                        "name " + (rows - 1), false, true, 10)).orElseThrow();
                print("find_cells over every row (" + found.size() + " found)", t0);
                t0 = System.nanoTime();
                cpu0 = cpu();
            cpu0 = cpu();
                opened.find(new WorkbookReader.Search(null, null, "99999", false, false, 1000)).orElseThrow();
                print("find_cells '99999' (numbers formatted)", t0);
                t0 = System.nanoTime();
                cpu0 = cpu();
                opened.find(new WorkbookReader.Search(null, null, "zq", false, false, 1000)).orElseThrow();
                print("find_cells 'zq' (too short to pass blocks over)", t0);
                t0 = System.nanoTime();
                cpu0 = cpu();
                opened.find(new WorkbookReader.Search(null, null, "zqx", false, false, 1000)).orElseThrow();
                print("find_cells 'zqx' (nowhere)", t0);
            }
            XlsxWorkbookReader reader = new XlsxWorkbookReader();
            t0 = System.nanoTime();
            cpu0 = cpu();
            try (InputStream in = Files.newInputStream(xlsx)) {
                reader.read(in, null, new CellRange(rows / 2, 0, rows / 2 + 2000 / cols - 1, cols - 1), false, 2000);
            }
            print("file   | read_range 2,000 cells from the middle", t0);
            t0 = System.nanoTime();
            cpu0 = cpu();
            try (InputStream in = Files.newInputStream(xlsx)) {
                reader.describeSheet(in, null);
                print("file   | describe_sheet (the whole workbook loaded)", t0);
            } catch (Throwable e) {
                print("file   | describe_sheet failed: " + e.getClass().getSimpleName(), t0);
            }
        } finally {
            Files.deleteIfExists(xlsx);
            Files.deleteIfExists(index);
        }
    }

    /** CPU time of this thread at the last print: under load (6 builds on 2 cores) the wall time mostly waits. */
    private static long cpu0 = cpu();

    private static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static void print(String what, long t0) throws Exception {
        Runtime rt = Runtime.getRuntime();
        String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        long cpu = cpu();
        System.out.printf(Locale.ROOT, "index    | %-50s | %8.3f s | cpu %7.3f s | load %5s | heap %4d MiB%n", what,
                (System.nanoTime() - t0) / 1e9, (cpu - cpu0) / 1e9, load, (rt.totalMemory() - rt.freeMemory())
                        / 1048576);
        cpu0 = cpu();
    }

    private static void write(Path file, int rows, int cols) throws Exception {
        String main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        String rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            put(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas."
                    + "openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/"
                    + "vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/"
                    + "xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-"
                    + "officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" "
                    + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>");
            put(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas."
                    + "openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"" + rel
                    + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            put(zip, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" + main
                    + "\" xmlns:r=\"" + rel + "\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
                    + "</workbook>");
            put(zip, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\""
                    + "http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\""
                    + rel + "/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            Writer w = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + main + "\"><sheetData>");
            StringBuilder b = new StringBuilder(512);
            for (int r = 0; r < rows; r++) {
                b.setLength(0);
                b.append("<row r=\"").append(r + 1).append("\">");
                for (int c = 0; c < cols; c++) {
                    b.append("<c r=\"").append((char) ('A' + c)).append(r + 1).append('"');
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

    private static void put(ZipOutputStream zip, String name, String text) throws Exception {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
