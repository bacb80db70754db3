package dev.sheetsmith.adapters.libreoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.ports.out.Renderer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter with the real soffice (Debian's libreoffice-calc-nogui; .ci/run installs it and sets
 * SHEETSMITH_REQUIRE_LIBREOFFICE=1, so there a missing soffice fails), and with a fake soffice
 * that never finishes.
 */
class LibreOfficeEngineTest {

    /** 2 and 3, their product, and a coupon function POI has no implementation of (Excel's example: 181). */
    static final byte[] BOOK = TinyXlsx.of("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Sheetsmith total</t></is></c>"
            + "<c r=\"B1\"><v>2</v></c><c r=\"C1\"><v>3</v></c><c r=\"D1\"><f>B1*C1*1000+7</f></c></row>"
            + "<row r=\"2\"><c r=\"A2\"><f>COUPDAYS(DATE(2011,1,25),DATE(2011,11,15),2,1)</f></c></row>");

    @TempDir
    Path tmp;

    static Path soffice() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "soffice");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        if ("1".equals(System.getenv("SHEETSMITH_REQUIRE_LIBREOFFICE"))) {
            fail("LibreOffice (soffice) is required here but not on the PATH");
        }
        Assumptions.abort("LibreOffice (soffice) is not installed");
        return null;
    }

    @Test
    void recalculationFillsWhatOnlyLibreOfficeComputes() {
        LibreOfficeEngine engine = new LibreOfficeEngine(soffice(), Duration.ofSeconds(120), tmp.resolve("lo"), 1);

        String sheet = TinyXlsx.parts(engine.recalculate(BOOK, "xlsx")).get("xl/worksheets/sheet1.xml");

        assertThat(sheet).containsPattern("<c r=\"D1\"[^>]*><f[^>]*>B1\\*C1\\*1000\\+7</f><v>6007</v>");
        assertThat(sheet).containsPattern("<c r=\"A2\"[^>]*><f[^>]*>COUPDAYS\\([^<]*</f><v>181</v>");
        assertThat(engine.version()).startsWith("LibreOffice");
        // each call's files are gone; the profile stays for the next call until shutdown
        assertThat(tmp.resolve("lo").toFile().list()).containsExactly("profile-1");
        engine.deleteWorkDirectory();
        assertThat(tmp.resolve("lo")).doesNotExist();
    }

    @Test
    void aPdfShowsTheCellValuesToASecondReader() throws Exception {
        LibreOfficeEngine engine = new LibreOfficeEngine(soffice(), Duration.ofSeconds(120), tmp.resolve("lo"), 1);

        byte[] pdf = engine.render(BOOK, "xlsx", "pdf");

        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(pdfText(pdf, tmp)).contains("Sheetsmith", "6007", "181");
    }

    @Test
    void aSheetIsDrawnAsAPngPictureThatIsNotBlank() throws Exception {
        Path pdftoppm = Path.of("/usr/bin/pdftoppm");
        LibreOfficeEngine engine = new LibreOfficeEngine(soffice(), Duration.ofSeconds(120), tmp.resolve("lo"), 1,
                pdftoppm);
        if (!engine.drawsPictures()) {
            fail("poppler's pdftoppm belongs with LibreOffice here (.ci/run installs poppler-utils)");
        }

        byte[] png = engine.picture(BOOK, "xlsx", 0);

        assertThat(Arrays.copyOf(png, 8)).isEqualTo(PNG_SIGNATURE);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isBetween(100, Renderer.PICTURE_WIDTH);
        assertThat(image.getHeight()).isBetween(10, Renderer.PICTURE_HEIGHT);
        assertThat(darkPixels(image)).as("pixels of the drawn text").isGreaterThan(200);
        // there is one sheet: the second is a clear error, and the call's files are gone
        assertThatThrownBy(() -> engine.picture(BOOK, "xlsx", 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no sheet at position 1");
        assertThat(tmp.resolve("lo").toFile().list()).containsExactly("profile-1");
    }

    @Test
    void picturesAskedAtOnceStartLibreOfficeOnceForTheWorkbook() throws Exception {
        // soffice behind a script that counts its runs
        Path counting = tmp.resolve("soffice");
        Files.writeString(counting, "#!/bin/sh\necho run >> " + tmp.resolve("runs") + "\nexec " + soffice() + " \"$@\"\n");
        Files.setPosixFilePermissions(counting, PosixFilePermissions.fromString("rwx------"));
        LibreOfficeEngine engine = new LibreOfficeEngine(counting, Duration.ofSeconds(120), tmp.resolve("lo"), 2,
                Path.of("/usr/bin/pdftoppm"));

        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<byte[]>> asked = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                asked.add(pool.submit(() -> engine.picture(BOOK, "xlsx", 0)));
            }
            for (Future<byte[]> picture : asked) {
                assertThat(Arrays.copyOf(picture.get(150, TimeUnit.SECONDS), 8)).isEqualTo(PNG_SIGNATURE);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(Files.readAllLines(tmp.resolve("runs"))).hasSize(1);
        // kept: asked again, no new run
        engine.picture(BOOK, "xlsx", 0);
        assertThat(Files.readAllLines(tmp.resolve("runs"))).hasSize(1);
    }

    @Test
    void withoutPdftoppmThereAreNoPicturesAndAClearError() {
        LibreOfficeEngine engine = new LibreOfficeEngine(Path.of("/bin/true"), Duration.ofSeconds(5),
                tmp.resolve("lo"), 1, tmp.resolve("no-pdftoppm"));

        assertThat(engine.drawsPictures()).isFalse();
        assertThatThrownBy(() -> engine.picture(BOOK, "xlsx", 0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("poppler-utils");
        assertThat(Renderer.off("off").drawsPictures()).isFalse();
    }

    static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** Pixels clearly darker than white (text, lines, bars). */
    static int darkPixels(BufferedImage image) {
        int dark = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int sum = ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
                if (sum < 600) {
                    dark++;
                }
            }
        }
        return dark;
    }

    @Test
    void aBrokenFileIsAClearErrorAndTheNextCallStillWorks() {
        LibreOfficeEngine engine = new LibreOfficeEngine(soffice(), Duration.ofSeconds(120), tmp.resolve("lo"), 1);

        assertThatThrownBy(() -> engine.render("not a workbook".getBytes(StandardCharsets.UTF_8), "xlsx", "pdf"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("LibreOffice could not convert");
        assertThatThrownBy(() -> engine.render(BOOK, "docx", "pdf"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not docx");
        assertThat(engine.render(BOOK, "xlsx", "pdf")).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aSofficeThatHangsIsKilledAtTheTimeoutWithEverythingItStarted() throws Exception {
        Path pids = tmp.resolve("pids");
        Path fake = tmp.resolve("soffice");
        Files.writeString(fake, "#!/bin/sh\necho $$ > " + pids + "\nsleep 300 &\necho $! >> " + pids + "\nwait\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        LibreOfficeEngine engine = new LibreOfficeEngine(fake, Duration.ofSeconds(2), tmp.resolve("lo"), 1);

        long t0 = System.nanoTime();
        assertThatThrownBy(() -> engine.render(BOOK, "xlsx", "pdf")).isInstanceOf(InvalidInputException.class)
                .hasMessage("LibreOffice did not finish within 2 s (libreoffice.timeout); it was stopped and nothing"
                        + " was stored");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));

        for (String pid : Files.readAllLines(pids)) {
            assertThat(ProcessHandle.of(Long.parseLong(pid.strip())).map(ProcessHandle::isAlive).orElse(false))
                    .as("process %s", pid).isFalse();
        }
        // the single process slot is free again: the next call waits for no one
        t0 = System.nanoTime();
        assertThatThrownBy(() -> engine.recalculate(BOOK, "xlsx")).hasMessageContaining("did not finish within 2 s");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aMissingSofficeIsNamedByTheHealthProbe() {
        LibreOfficeEngine engine = new LibreOfficeEngine(tmp.resolve("no-soffice"), Duration.ofSeconds(5),
                tmp.resolve("lo"), 1);

        assertThatThrownBy(engine::version).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no-soffice");
    }

    /** The PDF's text through poppler's pdftotext (Debian's poppler-utils, installed by .ci/run). */
    static String pdfText(byte[] pdf, Path tmp) throws IOException, InterruptedException {
        Path file = Files.createTempFile(tmp, "doc", ".pdf");
        Files.write(file, pdf);
        Process p;
        try {
            p = new ProcessBuilder("pdftotext", "-layout", file.toString(), "-").redirectErrorStream(true).start();
        } catch (IOException e) {
            if ("1".equals(System.getenv("SHEETSMITH_REQUIRE_LIBREOFFICE"))) {
                throw new IOException("pdftotext (poppler-utils) is required here", e);
            }
            Assumptions.abort("pdftotext (poppler-utils) is not installed");
            return null;
        }
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }
}
