package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sheetsmith.application.ApiKeyService;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.Role;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real headless Chromium (Debian's, installed by .ci/run), driven with
 * Selenium: sign-in, the file list, a preview whose {@code <script>} cell shows as text, download,
 * delete, uploads through the file input and by drag-and-drop (several files, each refusal named),
 * a preview with formatted values, counts and a cut notice, the admin page creating and
 * revoking keys, ending a session and deleting a file, and a phone-sized screen. Screenshots land
 * in target/.
 */
@EnabledIf("browserInstalled")
class ConsoleBrowserIT {

    private static DropwizardTestSupport<SheetsmithConfiguration> app;
    private static WebDriver browser;
    private static String admin;
    private static String alice;
    private static String carol;
    private static String erin;

    static boolean browserInstalled() {
        return Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isExecutable(Path.of("/usr/bin/chromedriver"));
    }

    @BeforeAll
    static void start() throws Exception {
        Path data = TestServers.tempDir("sheetsmith-console-it");
        ApiKeyService keys = TestServers.keys(data);
        admin = keys.create(new Owner("ops"), Role.ADMIN, false).secret();
        alice = keys.create(new Owner("alice"), Role.USER, false).secret();
        carol = keys.create(new Owner("carol"), Role.USER, false).secret();
        erin = keys.create(new Owner("erin"), Role.USER, false).secret();
        // small limits, for the drop test's refusals: a file too big, and one past the owner's quota
        app = TestServers.support(data, "limits.maxUploadBytes", String.valueOf(MAX_UPLOAD), "limits.ownerQuotaBytes",
                String.valueOf(QUOTA));
        app.before();
        post("/api/tools/create_excel_file", "{\"filename\":\"people\",\"data\":[{\"Name\":\"Ada\",\"Note\":"
                + "\"<script>alert(1)</script>\"},{\"Name\":\"Linus\",\"Note\":\"<b>bold?</b>\"}]}");
        post("/api/tools/create_excel_file", "{\"filename\":\"budget\",\"headers\":[\"Item\",\"Cost\"]}");

        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"), "--window-size=1200,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        app.after();
    }

    @Test
    void aUserSignsInListsPreviewsDownloadsAndDeletes() throws Exception {
        signIn("ssk_0000000000000000_" + "A".repeat(43));
        assertThat(waitFor(By.id("sign-in-error")).getText()).contains("not valid");

        signIn(alice);
        waitUntilRows(2);
        List<String> names = browser.findElements(By.cssSelector("#files-table td.name")).stream()
                .map(WebElement::getText).toList();
        assertThat(names).containsExactlyInAnyOrder("people.xlsx", "budget.xlsx");
        screenshot("console-files.png");

        WebElement people = row("people.xlsx");
        people.findElement(By.xpath(".//button[text()='Preview']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("preview-body"), "<script>alert(1)</script>"));
        assertThat(browser.findElement(By.id("preview-body")).getText()).contains("<b>bold?</b>").contains("Ada");
        assertThat(browser.findElements(By.cssSelector("#preview-body b"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#preview-body script"))).isEmpty();
        screenshot("console-preview.png");

        String href = people.findElement(By.cssSelector("a.download")).getAttribute("href");
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(new String(download.body(), 0, 2)).isEqualTo("PK");

        row("budget.xlsx").findElement(By.cssSelector("button.delete")).click();
        browser.switchTo().alert().accept();
        waitUntilRows(1);
        assertThat(browser.findElement(By.id("show-admin")).isDisplayed()).isFalse();
        assertThat(browser.getCurrentUrl()).doesNotContain("ssk_");

        browser.manage().window().setSize(new Dimension(390, 844));
        screenshot("console-phone.png");
        assertThat(row("people.xlsx").isDisplayed()).isTrue();
        browser.manage().window().setSize(new Dimension(1200, 900));
        browser.findElement(By.id("sign-out")).click();
    }

    @Test
    void aUserUploadsSeveralFilesThroughThePageAndPreviewsOne() throws Exception {
        Path dir = Files.createTempDirectory("console-upload");
        Path csv = Files.writeString(dir.resolve("team.csv"), "Name,Hours\nAda,12.5\nGrace,7\n");
        Path notes = Files.writeString(dir.resolve("notes.txt"), "not a spreadsheet");
        signIn(carol);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(
                By.id("files-empty")));
        browser.findElement(By.id("upload-input")).sendKeys(csv.toAbsolutePath() + "\n" + notes.toAbsolutePath());
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElements(
                By.cssSelector("#upload-list li.uploaded, #upload-list li.refused")).size() == 2);
        String list = browser.findElement(By.id("upload-list")).getText();
        assertThat(list).contains("team.csv").contains("stored as team.xlsx").contains("notes.txt")
                .contains("refused: 'notes.txt' is not a file this server takes in");
        assertThat(browser.findElements(By.cssSelector("#upload-list li.uploaded progress"))).singleElement()
                .satisfies(bar -> assertThat(bar.getAttribute("value")).isEqualTo("100"));
        waitUntilRows(1);
        screenshot("console-upload.png");
        row("team.xlsx").findElement(By.xpath(".//button[text()='Preview']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("preview-body"), "Grace"));
        assertThat(browser.findElement(By.id("preview-body")).getText()).contains("Hours").contains("12.5");
        screenshot("console-upload-preview.png");
        browser.findElement(By.id("sign-out")).click();
    }

    static final int MAX_UPLOAD = 300_000;
    static final int QUOTA = 300_000;

    /**
     * Four files dropped on the file list at once, as a user drags them from their desktop: the page
     * builds File objects, puts them in a DataTransfer and dispatches dragenter, dragover and drop on the
     * list. One is stored; one is not a spreadsheet, one is past limits.maxUploadBytes, one would pass the
     * owner's quota (an upload first filled it to within 20 KB): each row says why, and the stored one
     * previews.
     */
    @Test
    void aUserDropsSeveralFilesOnTheListAndEachRefusalSaysWhy() throws Exception {
        byte[] ballast = ballastWorkbook(QUOTA - 20_000);
        HttpResponse<String> filled = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + app.getLocalPort() + "/api/files?name=ballast.xlsx")).header("Content-Type",
                "application/octet-stream").header("Authorization", "Bearer " + erin)
                .POST(HttpRequest.BodyPublishers.ofByteArray(ballast)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(filled.statusCode()).as(filled.body()).isEqualTo(200);
        signIn(erin);
        waitUntilRows(1);
        ChromeDriver chrome = (ChromeDriver) browser;
        chrome.executeScript("""
                const digits = [];
                for (let i = 0; i < 4000; i++) { digits.push(i + "," + Math.random() + "," + Math.random()); }
                window.dropped = new DataTransfer();
                window.dropped.items.add(new File(["Name,Hours\\nAda,12.5\\nGrace,7\\n"], "team.csv", {type: "text/csv"}));
                window.dropped.items.add(new File(["not a spreadsheet"], "notes.txt", {type: "text/plain"}));
                window.dropped.items.add(new File([new Uint8Array(arguments[0])], "huge.csv", {type: "text/csv"}));
                window.dropped.items.add(new File([digits.join("\\n")], "ledger.csv", {type: "text/csv"}));
                const list = document.getElementById("files");
                for (const type of ["dragenter", "dragover"]) {
                  list.dispatchEvent(new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: window.dropped}));
                }
                """, MAX_UPLOAD + 100_000);
        assertThat(browser.findElement(By.id("files")).getAttribute("class")).contains("dropping");
        screenshot("console-drop-over.png");
        Object cancelled = chrome.executeScript("""
                const drop = new DragEvent("drop", {bubbles: true, cancelable: true, dataTransfer: window.dropped});
                document.getElementById("files").dispatchEvent(drop);
                return drop.defaultPrevented;
                """);
        assertThat(cancelled).as("the page takes the drop (the browser does not open the files)").isEqualTo(true);
        assertThat(browser.findElement(By.id("files")).getAttribute("class")).doesNotContain("dropping");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.findElements(
                By.cssSelector("#upload-list li.uploaded, #upload-list li.refused")).size() == 4);
        screenshot("console-drop.png");
        java.util.Map<String, String> rows = new java.util.HashMap<>();
        for (WebElement item : browser.findElements(By.cssSelector("#upload-list li"))) {
            rows.put(item.findElement(By.className("upload-name")).getText().replaceAll(" \\(.*", ""),
                    item.getAttribute("class") + ": " + item.findElement(By.className("upload-status")).getText());
        }
        assertThat(rows).containsOnlyKeys("team.csv", "notes.txt", "huge.csv", "ledger.csv");
        assertThat(rows.get("team.csv")).isEqualTo("uploaded: stored as team.xlsx");
        assertThat(rows.get("notes.txt")).startsWith("refused: refused: 'notes.txt' is not a file this server takes in");
        assertThat(rows.get("huge.csv")).startsWith("refused: too big: Payload Too Large: an upload may have at most "
                + MAX_UPLOAD + " bytes (limits.maxUploadBytes)");
        assertThat(rows.get("ledger.csv")).startsWith("refused: refused: ").contains("over the storage quota of " + QUOTA
                + " bytes (limits.ownerQuotaBytes)");
        assertThat(browser.findElements(By.cssSelector("#upload-list li.uploaded progress"))).singleElement()
                .satisfies(bar -> assertThat(bar.getAttribute("value")).isEqualTo("100"));
        assertThat(browser.findElements(By.cssSelector("#upload-list li.refused progress"))).isEmpty();
        waitUntilRows(2);
        row("team.xlsx").findElement(By.xpath(".//button[text()='Preview']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("preview-body"), "Grace"));
        assertThat(browser.findElement(By.id("preview-body")).getText()).contains("Hours").contains("12.5");
        screenshot("console-drop-preview.png");
        browser.findElement(By.id("sign-out")).click();
    }

    /** A real workbook (POI) of about {@code size} bytes: a part of random bytes the workbook does not use. */
    private static byte[] ballastWorkbook(int size) throws Exception {
        java.io.ByteArrayOutputStream book = new java.io.ByteArrayOutputStream();
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
            workbook.createSheet("Ballast").createRow(0).createCell(0).setCellValue("ballast");
            workbook.write(book);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(
                book.toByteArray())); java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                byte[] part = in.readAllBytes();
                if (e.getName().equals("[Content_Types].xml")) { // a type for the extra part
                    part = new String(part, java.nio.charset.StandardCharsets.UTF_8).replaceFirst("<Default ",
                            "<Default Extension=\"bin\" ContentType=\"application/octet-stream\"/><Default ")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }
                zip.write(part);
            }
            byte[] noise = new byte[size - book.size() - 400];
            new java.util.Random(7).nextBytes(noise);
            zip.putNextEntry(new java.util.zip.ZipEntry("customXml/ballast.bin"));
            zip.write(noise);
        }
        return out.toByteArray();
    }

    @Test
    void anAdminAlsoSeesOwnersSessionsAndKeys() {
        signIn(admin);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(
                By.id("show-admin"))).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("owners-table"), "alice"));
        assertThat(browser.findElement(By.id("keys-table")).getText()).contains("ops").contains("admin");
        screenshot("console-admin.png");
        browser.findElement(By.id("sign-out")).click();
    }

    @Test
    void aPreviewShowsValuesAsTheFileFormatsThemWithItsSizeAndWhatWasCut() throws Exception {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            rows.append(i == 0 ? "" : ",").append("{\"Item\":\"Item ").append(i + 1).append("\",\"Price\":")
                    .append(i == 0 ? "1234.5" : String.valueOf(i)).append(",\"Share\":0.12,\"When\":\"2026-03-01\"}");
        }
        post(carol, "/api/tools/create_excel_file", "{\"filename\":\"ledger\",\"data\":[" + rows + "]}");
        for (String[] format : new String[][] {{"B2:B25", "currency"}, {"C2:C25", "percent"}, {"D2:D25", "date_us"}}) {
            post(carol, "/api/tools/format_range", "{\"file\":\"ledger.xlsx\",\"range\":\"" + format[0]
                    + "\",\"number_format\":\"" + format[1] + "\"}");
        }
        signIn(carol);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(By.xpath(
                "//table[@id='files-table']//td[text()='ledger.xlsx']")).isEmpty());
        row("ledger.xlsx").findElement(By.xpath(".//button[text()='Preview']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("preview-body"), "$1,234.50"));
        String shown = browser.findElement(By.id("preview-body")).getText();
        assertThat(shown).contains("$1,234.50", "$2.00", "12%", "03/01/2026").doesNotContain("1234.5 ")
                .doesNotContain("0.12");
        assertThat(browser.findElement(By.cssSelector("#preview-body .count")).getText())
                .isEqualTo("25 rows x 4 columns");
        // the header and 20 rows are shown: 4 rows are cut, and the page says so
        assertThat(browser.findElements(By.cssSelector("#preview-body table tr"))).hasSize(21);
        assertThat(browser.findElement(By.cssSelector("#preview-body .cut")).getText())
                .contains("Showing the first 21 row(s)").contains("4 row(s)").contains("cut");
        assertThat(row("ledger.xlsx").findElement(By.cssSelector("td.time")).getText())
                .matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
        screenshot("console-preview-formatted.png");
        ((ChromeDriver) browser).executeScript("arguments[0].scrollIntoView()",
                browser.findElement(By.cssSelector("#preview-body .cut")));
        screenshot("console-preview-cut.png");
        browser.findElement(By.id("sign-out")).click();
    }

    @Test
    void anAdminCreatesAndRevokesAKeyEndsASessionAndDeletesAFileEachAfterConfirming() throws Exception {
        post(carol, "/api/tools/create_excel_file", "{\"filename\":\"scratch\",\"headers\":[\"x\"]}");
        McpHttp mcp = new McpHttp(app.getLocalPort());
        String session = mcp.post(null, McpHttp.request(1, "initialize", java.util.Map.of("protocolVersion",
                "2025-06-18", "capabilities", java.util.Map.of(), "clientInfo", java.util.Map.of("name",
                        "carol-laptop", "version", "1"))), "Authorization", "Bearer " + carol).headers()
                .firstValue("Mcp-Session-Id").orElseThrow();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        signIn(admin);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("show-admin"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sessions-table"), "carol-laptop"));
        // the key this page signed in with is marked, so its revoke is not a surprise
        assertThat(browser.findElement(By.xpath("//table[@id='keys-table']//tr[td[text()='ops']]")).getText())
                .contains("active (yours)");
        for (WebElement time : browser.findElements(By.cssSelector("#admin td.time"))) {
            assertThat(time.getText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}|never");
        }

        // a key for dave: the secret is shown once, works, and is gone when the box is closed
        browser.findElement(By.id("new-key-owner")).sendKeys("dave");
        browser.findElement(By.cssSelector("#new-key-form button")).click();
        browser.switchTo().alert().accept();
        WebElement secretBox = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-key")));
        String secret = browser.findElement(By.id("new-key-secret")).getText();
        assertThat(secret).startsWith("ssk_");
        assertThat(secretBox.getText()).contains("shown only this once");
        String keyId = browser.findElement(By.id("new-key-id")).getText();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#keys-table tr[data-key-id='" + keyId
                + "']")));
        browser.findElement(By.id("new-key-copy")).click();
        wait.until(ExpectedConditions.textMatches(By.id("new-key-copied"), java.util.regex.Pattern.compile(".+")));
        screenshot("console-admin-new-key.png");
        assertThat(status(secret, "/api/tools/list_files")).isEqualTo(200);
        browser.findElement(By.id("new-key-done")).click();
        assertThat(browser.findElement(By.id("new-key")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain(secret);
        assertThat(browser.getPageSource()).doesNotContain(secret);

        // revoke it: dismissing the confirmation changes nothing; accepting revokes
        By daveRow = By.cssSelector("#keys-table tr[data-key-id='" + keyId + "']");
        browser.findElement(daveRow).findElement(By.cssSelector("button.revoke")).click();
        browser.switchTo().alert().dismiss();
        assertThat(browser.findElement(daveRow).getText()).contains("active");
        browser.findElement(daveRow).findElement(By.cssSelector("button.revoke")).click();
        browser.switchTo().alert().accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(daveRow, "revoked"));
        assertThat(browser.findElement(By.id("admin-message")).getText()).contains("revoked");
        assertThat(status(secret, "/api/tools/list_files")).isEqualTo(401);

        // end carol's session
        By sessionRow = By.cssSelector("#sessions-table tr[data-session-id='" + session + "']");
        browser.findElement(sessionRow).findElement(By.cssSelector("button.end-session")).click();
        assertThat(browser.switchTo().alert().getText()).contains("carol").contains("carol-laptop");
        browser.switchTo().alert().accept();
        wait.until(ExpectedConditions.numberOfElementsToBe(sessionRow, 0));
        assertThat(mcp.post(session, McpHttp.request(2, "ping", null), "Authorization", "Bearer " + carol)
                .statusCode()).isEqualTo(404);

        // delete carol's scratch file
        By scratch = By.xpath("//table[@id='admin-files-table']//tr[td[text()='scratch.xlsx'] and td[text()='carol']]");
        wait.until(ExpectedConditions.presenceOfElementLocated(scratch)).findElement(By.cssSelector("button.delete"))
                .click();
        assertThat(browser.switchTo().alert().getText()).contains("scratch.xlsx").contains("carol");
        browser.switchTo().alert().accept();
        wait.until(ExpectedConditions.numberOfElementsToBe(scratch, 0));
        assertThat(send(carol, "/api/tools/list_files", "{}").body()).doesNotContain("scratch.xlsx");
        screenshot("console-admin-after.png");
        browser.manage().window().setSize(new Dimension(390, 844));
        screenshot("console-admin-phone.png");
        assertThat(browser.findElement(By.cssSelector("#new-key-form button")).isDisplayed()).isTrue();
        browser.manage().window().setSize(new Dimension(1200, 900));
        browser.findElement(By.id("sign-out")).click();
    }

    private static int status(String key, String path) throws Exception {
        return send(key, path, "{}").statusCode();
    }

    private static HttpResponse<String> send(String key, String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + app.getLocalPort() + path)).header("Content-Type", "application/json").header("Authorization",
                "Bearer " + key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void post(String key, String path, String body) throws Exception {
        HttpResponse<String> r = send(key, path, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static void signIn(String key) {
        browser.get("http://127.0.0.1:" + app.getLocalPort() + "/");
        if (!browser.findElement(By.id("sign-in")).isDisplayed()) {
            browser.findElement(By.id("sign-out")).click();
        }
        WebElement input = waitFor(By.id("key"));
        input.clear();
        input.sendKeys(key);
        browser.findElement(By.cssSelector("#sign-in-form button")).click();
    }

    private static WebElement waitFor(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> {
            WebElement e = d.findElement(by);
            return e.isDisplayed() && !e.getText().isBlank() || "key".equals(e.getAttribute("id")) ? e : null;
        });
    }

    private static void waitUntilRows(int count) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElements(
                By.cssSelector("#files-table tbody tr")).size() == count);
    }

    private static WebElement row(String name) {
        return browser.findElement(By.xpath("//table[@id='files-table']//tr[td[@class='name' and text()='" + name
                + "']]"));
    }

    private static void screenshot(String name) {
        try {
            Files.write(Path.of("target", name), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void post(String path, String body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + app.getLocalPort() + path)).header("Content-Type", "application/json").header("Authorization",
                "Bearer " + alice).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
