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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's preview shows a sheet's picture (its chart included) in a real browser, under the
 * console's CSP (images from its own origin only): the {@code <img>} loads, with a natural size.
 * Its own server with LibreOffice on, so {@link ConsoleBrowserIT} stays quick.
 */
@EnabledIf("dev.sheetsmith.server.ConsoleBrowserIT#browserInstalled")
class ConsoleSheetPictureBrowserIT {

    private DropwizardTestSupport<SheetsmithConfiguration> app;
    private ChromeDriver browser;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.after();
        }
    }

    @Test
    void thePreviewShowsTheSheetWithItsChartAsAPicture() throws Exception {
        Path data = TestServers.tempDir("sheetsmith-console-picture-it");
        ApiKeyService keys = TestServers.keys(data);
        String dora = keys.create(new Owner("dora"), Role.USER, false).secret();
        app = TestServers.support(data, "libreoffice.enabled", "true", "libreoffice.path", LibreOfficeIT.soffice());
        app.before();
        post(dora, "/api/tools/create_excel_file", "{\"filename\":\"sales\",\"data\":[{\"Month\":\"Jan\",\"Sales\":12},"
                + "{\"Month\":\"Feb\",\"Sales\":30},{\"Month\":\"Mar\",\"Sales\":21}]}");
        post(dora, "/api/tools/create_chart", "{\"file\":\"sales.xlsx\",\"type\":\"column\",\"data_range\":\"A1:B4\","
                + "\"title\":\"Sales by month\",\"anchor\":\"D2\"}");

        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"), "--window-size=1200,900");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(
                new File("/usr/bin/chromedriver")).usingAnyFreePort().build(), options);
        browser.get("http://127.0.0.1:" + app.getLocalPort() + "/");
        WebElement key = new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("key")));
        key.sendKeys(dora);
        browser.findElement(By.cssSelector("#sign-in-form button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(By.xpath(
                "//table[@id='files-table']//td[text()='sales.xlsx']")).isEmpty());
        browser.findElement(By.xpath("//table[@id='files-table']//tr[td[text()='sales.xlsx']]//button[text()='Preview']"))
                .click();

        // LibreOffice draws it: allow for a slow start on a busy machine
        Long width = new WebDriverWait(browser, Duration.ofSeconds(90)).until(d -> {
            Object w = browser.executeScript("const i = document.querySelector('#preview-body img.sheet-picture');"
                    + " return i && i.complete ? i.naturalWidth : null;");
            return w instanceof Long n && n > 0 ? n : null;
        });
        assertThat(width).isGreaterThan(300);
        WebElement img = browser.findElement(By.cssSelector("#preview-body img.sheet-picture"));
        assertThat(img.getAttribute("src")).startsWith("http://127.0.0.1:" + app.getLocalPort() + "/pictures/");
        assertThat(img.getAttribute("alt")).isEqualTo("Sheet Sheet1 as LibreOffice draws it");
        assertThat(browser.findElement(By.id("preview-body")).getText()).contains("Jan", "30");
        Files.write(Path.of("target", "console-sheet-picture.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    private void post(String key, String path, String body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + app.getLocalPort() + path)).header("Content-Type", "application/json").header("Authorization",
                "Bearer " + key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
