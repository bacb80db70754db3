package dev.sheetsmith.adapters.libreoffice;

import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.ports.out.Recalculator;
import dev.sheetsmith.ports.out.Renderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LibreOffice headless as a second engine: one {@code soffice --convert-to} child process per call
 * (no shell), each with a private profile so it never meets the user's own LibreOffice or another
 * call's. At most {@code processes} run at once (a profile can serve one process at a time); a
 * call that finds none free waits up to the timeout. A process that outlives the timeout is killed
 * with everything it started, and its profile is thrown away.
 *
 * <p>Why not a kept-running soffice driven over UNO: it answers a small file in 0.1 s instead of
 * 1-2 s, but needs the UNO bridge (python3-uno or the Java UNO jars) and a watchdog that restarts
 * a wedged office; the calls that reach this class (export to pdf, reads with formula cells our
 * engine cannot compute, once per revision) can pay a start. bench/libreoffice-recalc.py has
 * the figures.
 */
public final class LibreOfficeEngine implements Recalculator, Renderer {

    private static final Logger LOG = LoggerFactory.getLogger(LibreOfficeEngine.class);
    private static final Set<String> OPENS = Set.of("xlsx", "ods", "csv");
    /**
     * Recalculate on load always (LibreOffice keeps an xlsx's saved values by default), and run no
     * macro of any file (the default already asks; headless cannot ask, so it must say no).
     */
    private static final String SETTINGS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
            <item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">\
            <value>0</value></prop></item>
            <item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse">\
            <value>0</value></prop></item>
            <item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" \
            oor:op="fuse"><value>3</value></prop></item>
            </oor:items>
            """;

    /**
     * Every sheet on exactly one page (hidden and empty sheets too), so page n+1 is sheet n: the
     * way to a picture of one sheet, since Calc's own png export is missing from Debian's
     * libreoffice-calc-nogui ("no export filter") and draws only the first page anyway.
     */
    static final String ONE_PAGE_PER_SHEET = "pdf:calc_pdf_Export:{\"SinglePageSheets\":{\"type\":\"boolean\","
            + "\"value\":\"true\"}}";
    /** Screen scale (96 dpi, what a browser shows at 100 %). */
    private static final int PICTURE_DPI = 96;

    private final Path soffice;
    private final Path pdftoppm;
    private final Duration timeout;
    private final Path workDir;
    private final BlockingQueue<Path> profiles;
    /** Prints under way, by the same key as {@link #pages}; guarded by {@code pages}. */
    private final Map<String, CompletableFuture<byte[]>> printing = new HashMap<>();
    /** The last few workbooks printed one page per sheet (see {@link #sheetPages}). */
    private final Map<String, byte[]> pages = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > 4;
        }
    };

    /**
     * @param soffice the soffice program (Debian: /usr/bin/soffice)
     * @param timeout how long one conversion may take, and how long a call waits for a free process
     * @param workDir where profiles and each call's files go (created when missing)
     * @param processes how many conversions may run at once
     */
    public LibreOfficeEngine(Path soffice, Duration timeout, Path workDir, int processes) {
        this(soffice, timeout, workDir, processes, Path.of("/usr/bin/pdftoppm"));
    }

    /**
     * @param pdftoppm poppler's pdftoppm (Debian: poppler-utils), which turns a sheet's pdf page into
     *     a PNG picture; pictures are off when it is missing
     */
    public LibreOfficeEngine(Path soffice, Duration timeout, Path workDir, int processes, Path pdftoppm) {
        this.soffice = Objects.requireNonNull(soffice, "soffice");
        this.pdftoppm = Objects.requireNonNull(pdftoppm, "pdftoppm");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.workDir = Objects.requireNonNull(workDir, "workDir");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("libreoffice.timeout must be positive");
        }
        if (processes < 1) {
            throw new IllegalArgumentException("libreoffice.processes must be at least 1");
        }
        this.profiles = new ArrayBlockingQueue<>(processes);
        try {
            Files.createDirectories(workDir);
            for (int i = 1; i <= processes; i++) {
                profiles.add(freshProfile(workDir.resolve("profile-" + i)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare LibreOffice's work directory " + workDir, e);
        }
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public byte[] render(byte[] workbook, String format, String target) {
        if (!"pdf".equals(target)) {
            throw new InvalidInputException("LibreOffice draws pdf here, not '" + target + "'");
        }
        return convert(workbook, format, "pdf", "pdf");
    }

    @Override
    public boolean drawsPictures() {
        return Files.isExecutable(pdftoppm);
    }

    /**
     * LibreOffice prints every sheet on one page each, pdftoppm draws the sheet's page at 96 dpi,
     * cut to its top-left {@value Renderer#PICTURE_WIDTH} x {@value Renderer#PICTURE_HEIGHT} pixels.
     * Both steps together stay within the timeout.
     */
    @Override
    public byte[] picture(byte[] workbook, String format, int sheetIndex) {
        if (!drawsPictures()) {
            throw new InvalidInputException("pictures of sheets need poppler's pdftoppm (Debian: poppler-utils) at "
                    + pdftoppm + "; it is missing");
        }
        if (sheetIndex < 0) {
            throw new InvalidInputException("a sheet's position starts at 0, not " + sheetIndex);
        }
        long t0 = System.nanoTime();
        byte[] pdf = sheetPages(workbook, format);
        Duration left = timeout.minusNanos(System.nanoTime() - t0);
        Path job = null;
        try {
            job = Files.createTempDirectory(workDir, "picture-");
            Path in = Files.write(job.resolve("book.pdf"), pdf);
            Path log = job.resolve("pdftoppm.log");
            String page = String.valueOf(sheetIndex + 1);
            Process p = new ProcessBuilder(pdftoppm.toString(), "-f", page, "-l", page, "-png", "-singlefile",
                    "-r", String.valueOf(PICTURE_DPI), "-x", "0", "-y", "0", "-W", String.valueOf(PICTURE_WIDTH),
                    "-H", String.valueOf(PICTURE_HEIGHT), in.toString(), job.resolve("sheet").toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(Math.max(1, left.toMillis()), TimeUnit.MILLISECONDS)) {
                kill(p);
                throw new InvalidInputException("drawing the sheet did not finish within " + seconds()
                        + " (libreoffice.timeout); it was stopped");
            }
            Path png = job.resolve("sheet.png");
            if (p.exitValue() != 0 || !Files.isRegularFile(png)) {
                throw new InvalidInputException("the workbook has no sheet at position " + sheetIndex
                        + " to draw (pdftoppm exit " + p.exitValue() + ": " + tail(log) + ")");
            }
            LOG.debug("drew sheet {} of a {} file as png in {} ms", sheetIndex, format,
                    (System.nanoTime() - t0) / 1_000_000);
            return Files.readAllBytes(png);
        } catch (IOException e) {
            throw new UncheckedIOException("drawing the sheet failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidInputException("the call was stopped while the sheet was drawn");
        } finally {
            if (job != null) {
                deleteTree(job);
            }
        }
    }

    /**
     * The workbook printed one page per sheet; the last few are kept (by the bytes' SHA-256), so a
     * preview's pictures of a workbook's sheets start LibreOffice once, not once per sheet.
     */
    private byte[] sheetPages(byte[] workbook, String format) {
        String key = format + ":" + sha256(workbook);
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        CompletableFuture<byte[]> running;
        synchronized (pages) {
            byte[] kept = pages.get(key);
            if (kept != null) {
                return kept;
            }
            // a browser asks for a preview's pictures at once: the other sheets wait for this print
            running = printing.putIfAbsent(key, mine);
        }
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            byte[] pdf = convert(workbook, format, ONE_PAGE_PER_SHEET, "pdf");
            synchronized (pages) {
                pages.put(key, pdf);
                printing.remove(key);
            }
            mine.complete(pdf);
            return pdf;
        } catch (RuntimeException | Error e) {
            synchronized (pages) {
                printing.remove(key);
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public byte[] recalculate(byte[] workbook, String format) {
        return convert(workbook, format, "xlsx:Calc MS Excel 2007 XML", "xlsx");
    }

    /** Removes the profiles and work files (at shutdown; calls still running keep theirs until they end). */
    public void deleteWorkDirectory() {
        deleteTree(workDir);
    }

    /** The first line of {@code soffice --version}; the health check's probe. */
    public String version() {
        try {
            Process p = new ProcessBuilder(soffice.toString(), "--version").redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                throw new IllegalStateException(soffice + " --version did not answer within " + seconds());
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0 || !out.contains("LibreOffice")) {
                throw new IllegalStateException(soffice + " --version answered " + p.exitValue() + ": " + out);
            }
            return out.lines().filter(l -> l.contains("LibreOffice")).findFirst().orElse(out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + soffice + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private byte[] convert(byte[] workbook, String format, String filter, String extension) {
        if (!OPENS.contains(format)) {
            throw new InvalidInputException("LibreOffice opens " + OPENS.stream().sorted().toList() + " files here, not "
                    + format);
        }
        Path profile;
        try {
            profile = profiles.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidInputException("the call was stopped while it waited for LibreOffice; nothing was changed");
        }
        if (profile == null) {
            throw new InvalidInputException("LibreOffice is busy with other calls (libreoffice.processes: "
                    + profiles.remainingCapacity() + "); try again in a moment. Nothing was changed");
        }
        boolean clean = true;
        Path job = null;
        try {
            job = Files.createTempDirectory(workDir, "job-");
            Path in = job.resolve("book." + format);
            Files.write(in, workbook);
            Path out = Files.createDirectory(job.resolve("out"));
            Path log = job.resolve("soffice.log");
            Process p = new ProcessBuilder(soffice.toString(), "-env:UserInstallation=" + profile.toUri(), "--headless",
                    "--invisible", "--norestore", "--nologo", "--nolockcheck", "--convert-to", filter, "--outdir",
                    out.toString(), in.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            p.getOutputStream().close();
            long t0 = System.nanoTime();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                clean = false;
                kill(p);
                LOG.warn("LibreOffice did not finish within {}; stopped (pid {})", timeout, p.pid());
                throw new InvalidInputException("LibreOffice did not finish within " + seconds()
                        + " (libreoffice.timeout); it was stopped and nothing was stored");
            }
            Path result = out.resolve("book." + extension);
            if (p.exitValue() != 0 || !Files.isRegularFile(result) || Files.size(result) == 0) {
                clean = p.exitValue() == 0;
                throw new InvalidInputException("LibreOffice could not convert the " + format + " file to " + extension
                        + " (exit " + p.exitValue() + "): " + tail(log));
            }
            LOG.debug("LibreOffice converted {} bytes of {} to {} in {} ms", workbook.length, format, extension,
                    (System.nanoTime() - t0) / 1_000_000);
            return Files.readAllBytes(result);
        } catch (IOException e) {
            throw new UncheckedIOException("LibreOffice's conversion failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            clean = false;
            throw new InvalidInputException("the call was stopped while LibreOffice ran; nothing was changed");
        } finally {
            if (job != null) {
                deleteTree(job);
            }
            profiles.add(clean ? profile : replaced(profile));
        }
    }

    /** The process and everything it started (soffice is a script that starts oosplash, which starts soffice.bin). */
    private static void kill(Process p) throws InterruptedException {
        List<ProcessHandle> family = new ArrayList<>(p.descendants().toList());
        family.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        for (ProcessHandle h : family) {
            h.onExit().completeOnTimeout(h, 10, TimeUnit.SECONDS).join();
        }
    }

    /** A killed process may leave its profile half-written: start the next call on a new one. */
    private static Path replaced(Path profile) {
        try {
            deleteTree(profile);
            return freshProfile(profile);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not renew LibreOffice profile {}: {}", profile, e.toString());
            return profile;
        }
    }

    private static Path freshProfile(Path dir) throws IOException {
        Path user = Files.createDirectories(dir.resolve("user"));
        Files.writeString(user.resolve("registrymodifications.xcu"), SETTINGS, StandardCharsets.UTF_8);
        return dir;
    }

    private String seconds() {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "no output" : text.length() > 500 ? text.substring(text.length() - 500) : text;
        } catch (IOException e) {
            return "no output";
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    LOG.debug("could not delete {}", f);
                }
            });
        } catch (IOException e) {
            LOG.debug("could not delete {}", dir);
        }
    }
}
