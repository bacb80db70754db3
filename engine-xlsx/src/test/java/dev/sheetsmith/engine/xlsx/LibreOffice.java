package dev.sheetsmith.engine.xlsx;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;

/**
 * LibreOffice headless as a second reader: it opens our xlsx and writes it again (xlsx, csv), and
 * the tests look at what it wrote with plain zip and text reading, not POI. .ci/run installs it
 * (Debian's libreoffice-calc-nogui) and sets SHEETSMITH_REQUIRE_LIBREOFFICE=1, so there a missing
 * soffice fails the tests; on a machine without it they are skipped.
 */
public final class LibreOffice {

    private LibreOffice() {
    }

    public static String soffice() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "soffice");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        if ("1".equals(System.getenv("SHEETSMITH_REQUIRE_LIBREOFFICE"))) {
            fail("LibreOffice (soffice) is required here but not on the PATH");
        }
        Assumptions.abort("LibreOffice (soffice) is not installed; round-trip checks skipped");
        return null;
    }

    /**
     * Converts {@code xlsx} with LibreOffice. {@code target} is "xlsx", "pdf" (as printed) or "csv"
     * (every sheet, one file each, as shown, UTF-8). Returns the files it wrote, by name.
     */
    public static Map<String, byte[]> convert(byte[] xlsx, String target, Path work) {
        String soffice = soffice();
        try {
            Path in = Files.createTempDirectory(work, "in").resolve("book.xlsx");
            Files.write(in, xlsx);
            Path out = Files.createTempDirectory(work, "out");
            Path profile = Files.createTempDirectory(work, "profile");
            String filter = target.equals("csv")
                    ? "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
                    : target;
            Process p = new ProcessBuilder(soffice, "-env:UserInstallation=" + profile.toUri(), "--headless",
                    "--norestore", "--convert-to", filter, "--outdir", out.toString(), in.toString())
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                fail("LibreOffice failed: " + log);
            }
            Map<String, byte[]> files = new LinkedHashMap<>();
            try (var list = Files.list(out)) {
                for (Path f : list.toList()) {
                    files.put(f.getFileName().toString(), Files.readAllBytes(f));
                }
            }
            if (files.isEmpty()) {
                fail("LibreOffice wrote nothing: " + log);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The first printed page as LibreOffice draws it: its PDF, rendered by poppler's pdftoppm
     * (Debian's poppler-utils, installed by .ci/run) at 60 dpi.
     */
    public static java.awt.image.BufferedImage firstPage(byte[] xlsx, Path work) {
        byte[] pdf = convert(xlsx, "pdf", work).values().iterator().next();
        try {
            Path dir = Files.createTempDirectory(work, "page");
            Files.write(dir.resolve("book.pdf"), pdf);
            Process p = new ProcessBuilder("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "book.pdf", "page")
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail("pdftoppm failed: " + log);
            }
            try (var pages = Files.list(dir)) {
                Path png = pages.filter(f -> f.toString().endsWith(".png")).findFirst()
                        .orElseThrow(() -> new AssertionError("pdftoppm wrote no page: " + log));
                return javax.imageio.ImageIO.read(png.toFile());
            }
        } catch (IOException e) {
            if ("1".equals(System.getenv("SHEETSMITH_REQUIRE_LIBREOFFICE"))) {
                throw new UncheckedIOException("pdftoppm (poppler-utils) is required here", e);
            }
            Assumptions.abort("pdftoppm (poppler-utils) is not installed; drawing checks skipped");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static byte[] toXlsx(byte[] xlsx, Path work) {
        return convert(xlsx, "xlsx", work).values().iterator().next();
    }

    /** The CSV LibreOffice wrote for one sheet (book-SheetName.csv). */
    public static String sheetCsv(Map<String, byte[]> csv, String sheet) {
        byte[] bytes = csv.get("book-" + sheet + ".csv");
        if (bytes == null) {
            fail("no CSV for sheet " + sheet + " among " + csv.keySet());
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Read through the central directory, as Excel does (POI's local headers carry Zip64 fields). */
    public static Map<String, byte[]> unzip(byte[] zip) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try {
            Path file = java.nio.file.Files.createTempFile("package", ".zip");
            try {
                java.nio.file.Files.write(file, zip);
                try (ZipFile in = new ZipFile(file.toFile())) {
                    for (ZipEntry e : java.util.Collections.list(in.entries())) {
                        try (var data = in.getInputStream(e)) {
                            entries.put(e.getName(), data.readAllBytes());
                        }
                    }
                }
            } finally {
                java.nio.file.Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** Every entry of a zip (an xlsx package) as text, by name, read with java.util.zip. */
    public static Map<String, String> entries(byte[] zip) {
        Map<String, String> entries = new LinkedHashMap<>();
        unzip(zip).forEach((name, bytes) -> entries.put(name, new String(bytes,
                StandardCharsets.UTF_8)));
        return entries;
    }

    public static List<String> named(Map<String, String> entries, String prefix) {
        return entries.keySet().stream().filter(n -> n.startsWith(prefix)).sorted().toList();
    }
}
