import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Issue #17's raw POI SXSSF anchor in-process: ROWS x COLS of the cells LargeCreate/Reads send,
 * written with POI's streaming writer and nothing else (after a warm-up at a tenth of the size).
 *
 * <p>Usage: java -cp POI_CLASSPATH AnchorSxssf.java ROWS COLS   (bench/run.sh resolves engine-xlsx's class path)
 */
public class AnchorSxssf {

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[0]);
        int cols = Integer.parseInt(args[1]);
        Path out = Files.createTempFile("anchor-", ".xlsx");
        try {
            sxssf(out, Math.max(1, rows / 10), cols);
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            sxssf(out, rows, cols);
            double wall = (System.nanoTime() - t0) / 1e9;
            // CPU of the whole process (GC and JIT threads too), less sensitive to the machine's load than wall time
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            System.out.printf(Locale.ROOT, "anchor   | %-42s | %9.3f s | CPU %6.2f s | load %5s | %d bytes%n",
                    "raw POI SXSSF", wall, cpu, load, Files.size(out));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    static void sxssf(Path file, int rows, int cols) throws Exception {
        try (org.apache.poi.xssf.streaming.SXSSFWorkbook wb = new org.apache.poi.xssf.streaming.SXSSFWorkbook(100);
                OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            var sheet = wb.createSheet("Sheet1");
            var header = sheet.createRow(0);
            for (int c = 0; c < cols; c++) {
                header.createCell(c).setCellValue("col" + c);
            }
            for (int r = 0; r < rows; r++) {
                var row = sheet.createRow(r + 1);
                for (int c = 0; c < cols; c++) {
                    var cell = row.createCell(c);
                    switch (c % 4) {
                        case 0 -> cell.setCellValue(r);
                        case 1 -> cell.setCellValue("name " + r);
                        case 2 -> cell.setCellValue(r * 0.25);
                        default -> cell.setCellValue(r % 2 == 0);
                    }
                }
            }
            wb.write(out);
            wb.dispose();
        }
    }

}
