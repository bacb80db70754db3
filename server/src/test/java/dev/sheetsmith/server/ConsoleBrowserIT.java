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
 * delete, the admin page, and a phone-sized screen. Screenshots land in target/.
 */
@EnabledIf("browserInstalled")
class ConsoleBrowserIT {

    private static DropwizardTestSupport<SheetsmithConfiguration> app;
    private static WebDriver browser;
    private static String admin;
    private static String alice;
    private static String carol;

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
        app = TestServers.support(data);
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
