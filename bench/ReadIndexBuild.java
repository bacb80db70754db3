import dev.sheetsmith.engine.xlsx.read.XlsxReadIndex;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Only the build of the read index, ROUNDS times over one ROWS x COLS xlsx, with the CPU time of the
 * building thread (under load the wall time mostly waits) and the sha256 of the index: two builds of
 * the engine (say the base commit's classes and this one's) give the same index bytes when the
 * format did not change. STRINGS: "shared" (a shared-strings table, as Excel writes) or "inline".
 *
 * <p>Usage: java -cp ENGINE_CLASSPATH bench/ReadIndexBuild.java ROWS COLS [ROUNDS] [shared|inline]
 */
public class ReadIndexBuild {

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[0]);
        int cols = Integer.parseInt(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        boolean shared = args.length <= 3 || args[3].equals("shared");
        Path xlsx = Files.createTempFile("rib-", ".xlsx");
        Path index = Files.createTempFile("rib-", ".ri");
        try {
            write(xlsx, rows, cols, shared);
            XlsxReadIndex indexer = new XlsxReadIndex();
            for (int round = 1; round <= rounds; round++) {
                long t0 = System.nanoTime();
                long c0 = cpu();
                try (InputStream in = Files.newInputStream(xlsx); OutputStream out = new BufferedOutputStream(
                        Files.newOutputStream(index))) {
                    indexer.write(in, out);
                }
                long c1 = cpu();
                long t1 = System.nanoTime();
                String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
                String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                        Files.readAllBytes(index))).substring(0, 16);
                System.out.printf(Locale.ROOT, "build %d | %dx%d %s | %7.3f s wall | cpu %7.3f s | load %5s | index %d bytes"
                        + " sha256 %s%n", round, rows, cols, shared ? "shared" : "inline", (t1 - t0) / 1e9, (c1 - c0) / 1e9,
                        load, Files.size(index), sha);
            }
        } finally {
            Files.deleteIfExists(xlsx);
            Files.deleteIfExists(index);
        }
    }

    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static void write(Path file, int rows, int cols, boolean shared) throws Exception {
        String main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        String rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            put(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas."
                    + "openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/"
                    + "vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/"
                    + "xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-"
                    + "officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" "
                    + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                    + (shared ? "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-"
                    + "officedocument.spreadsheetml.sharedStrings+xml\"/>" : "") + "<Override PartName=\"/xl/styles.xml\" ContentType=\""
                    + "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/></Types>");
            put(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas."
                    + "openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"" + rel
                    + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            put(zip, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" + main
                    + "\" xmlns:r=\"" + rel + "\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
                    + "</workbook>");
            put(zip, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\""
                    + "http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\""
                    + rel + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>" + (shared ? "<Relationship Id=\"rId2\" Type=\""
                    + rel + "/sharedStrings\" Target=\"sharedStrings.xml\"/>" : "") + "<Relationship Id=\"rId3\" Type=\"" + rel
                    + "/styles\" Target=\"styles.xml\"/></Relationships>");
            put(zip, "xl/styles.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"" + main + "\">"
                    + "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts><fills count=\"1\">"
                    + "<fill><patternFill patternType=\"none\"/></fill></fills><borders count=\"1\"><border/></borders>"
                    + "<cellStyleXfs count=\"1\"><xf/></cellStyleXfs><cellXfs count=\"2\"><xf/><xf numFmtId=\"14\" "
                    + "applyNumberFormat=\"1\"/></cellXfs></styleSheet>");
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            Writer w = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + main + "\"><sheetData>");
            StringBuilder b = new StringBuilder(512);
            for (int r = 0; r < rows; r++) {
                b.setLength(0);
                b.append("<row r=\"").append(r + 1).append("\">");
                for (int c = 0; c < cols; c++) {
                    b.append("<c r=\"").append((char) ('A' + c)).append(r + 1).append('"');
                    switch (c % 5) {
                        case 0 -> b.append("><v>").append(r).append("</v></c>");
                        case 1 -> b.append(shared ? " t=\"s\"><v>" + r + "</v></c>"
                                : " t=\"inlineStr\"><is><t>name " + r + "</t></is></c>");
                        case 2 -> b.append("><v>").append(r * 0.25).append("</v></c>");
                        case 3 -> b.append(" s=\"1\"><v>").append(40000 + r % 3000).append("</v></c>");
                        default -> b.append(" t=\"b\"><v>").append(r % 2 == 0 ? 1 : 0).append("</v></c>");
                    }
                }
                w.append(b).append("</row>");
            }
            w.write("</sheetData></worksheet>");
            w.flush();
            zip.closeEntry();
            if (shared) {
                zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
                w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"" + main + "\" count=\"" + rows
                        + "\" uniqueCount=\"" + rows + "\">");
                for (int r = 0; r < rows; r++) {
                    w.write("<si><t>name " + r + "</t></si>");
                }
                w.write("</sst>");
                w.flush();
                zip.closeEntry();
            }
        }
    }

    private static void put(ZipOutputStream zip, String name, String text) throws Exception {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
