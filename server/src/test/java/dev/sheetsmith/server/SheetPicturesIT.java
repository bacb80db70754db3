package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sheetsmith.application.ApiKeyService;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.Role;
import io.dropwizard.testing.DropwizardTestSupport;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pictures of sheets in previews (LibreOffice prints the sheet, poppler's pdftoppm draws the page):
 * with libreoffice.enabled the preview's JSON and card link each sheet's PNG through a signed
 * link; the PNG is a real, non-blank picture, a chart shows in it, and a revision's picture is
 * kept. With the switch off, no picture anywhere and the route says why. Another user's file is
 * not found, and a link opens only what it was signed for.
 */
class SheetPicturesIT {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private final HttpClient http = HttpClient.newHttpClient();
    private DropwizardTestSupport<SheetsmithConfiguration> app;
    private String alice;
    private String bob;

    private void start(String... overrides) throws Exception {
        Path data = TestServers.tempDir("sheetsmith-pictures-it");
        ApiKeyService keys = TestServers.keys(data);
        alice = keys.create(new Owner("alice"), Role.USER, false).secret();
        bob = keys.create(new Owner("bob"), Role.USER, false).secret();
        app = TestServers.support(data, overrides);
        app.before();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.after();
        }
    }

    @Test
    void switchedOnEachSheetHasAPictureAndAChartShowsInIt() throws Exception {
        start("libreoffice.enabled", "true", "libreoffice.path", LibreOfficeIT.soffice());
        // headers and rows, not a Map per row: Map.of has no order, and the chart needs Sales in column B
        assertThat(tool(alice, "create_excel_file", Map.of("filename", "sales", "headers", List.of("Month", "Sales"),
                "data", List.of(List.of("Jan", 12), List.of("Feb", 30), List.of("Mar", 21), List.of("Apr", 44))))
                .statusCode()).isEqualTo(200);
        assertThat(tool(alice, "create_sheet", Map.of("file", "sales.xlsx", "sheet", "Notes")).statusCode())
                .isEqualTo(200);
        assertThat(tool(alice, "write_range", Map.of("file", "sales.xlsx", "sheet", "Notes", "start_cell", "A1",
                "values", List.of(List.of("Quillstone notes written on the second sheet")))).statusCode())
                .isEqualTo(200);

        JsonNode before = previewJson(alice, "sales.xlsx");
        String plainLink = before.path("sheets").get(0).path("picture").asText();
        assertThat(plainLink).contains("/pictures/").contains("?exp=").contains("&sig=");
        assertThat(before.path("sheets").get(1).path("picture").asText()).contains("/1.png?");
        long t0 = System.nanoTime();
        BufferedImage plain = png(get(plainLink));
        long firstMs = (System.nanoTime() - t0) / 1_000_000;
        BufferedImage notes = png(get(before.path("sheets").get(1).path("picture").asText()));
        // the second sheet is the second sheet: a different picture with its one line of text
        assertThat(differentPixels(plain, notes)).isGreaterThan(100);
        t0 = System.nanoTime();
        HttpResponse<byte[]> again = get(plainLink);
        long keptMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(again.headers().firstValue("Cache-Control").orElse("")).contains("max-age");
        System.out.printf("SheetPicturesIT: first picture %d ms, kept picture %d ms%n", firstMs, keptMs);
        assertThat(keptMs).as("a kept picture (first took %d ms)", firstMs).isLessThan(Math.max(500, firstMs / 2));

        HttpResponse<String> charted = tool(alice, "create_chart", Map.of("file", "sales.xlsx", "type", "column",
                "data_range", "A1:B5", "title", "Sales by month", "anchor", "D2"));
        assertThat(charted.statusCode()).as(charted.body()).isEqualTo(200);
        JsonNode after = previewJson(alice, "sales.xlsx");
        String chartLink = after.path("sheets").get(0).path("picture").asText();
        assertThat(chartLink).isNotEqualTo(plainLink);
        HttpResponse<byte[]> chartPng = get(chartLink);
        BufferedImage chart = png(chartPng);
        Files.write(Path.of(System.getProperty("java.io.tmpdir"), "sheetsmith-chart-picture.png"), chartPng.body());
        assertThat(chart.getWidth()).isGreaterThan(plain.getWidth());
        assertThat(inkedPixels(chart)).as("the chart's bars, axes and title").isGreaterThan(inkedPixels(plain) + 1000);

        // the link of the earlier revision: the file has changed since
        HttpResponse<byte[]> stale = get(plainLink);
        assertThat(stale.statusCode()).isEqualTo(404);
        assertThat(new String(stale.body())).contains("has changed since").contains("open the preview again");
        // a link opens only what it was signed for
        String otherSheet = chartLink.replace("/0.png?", "/1.png?");
        assertThat(get(otherSheet).statusCode()).isEqualTo(403);
        assertThat(get(chartLink.replaceAll("sig=[^&]+", "sig=forged")).statusCode()).isEqualTo(403);

        // the card shows the picture above the values
        HttpResponse<String> card = card(alice, "sales.xlsx");
        assertThat(card.body()).contains("<img class=\"pic\" src=\"http").contains("/pictures/")
                .contains("alt=\"Sheet Sheet1 as LibreOffice draws it\"");

        // another user's file is not found, and nothing of it is linked
        HttpResponse<String> other = tool(bob, "preview_file", Map.of("file", after.path("fileId").asText()));
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).doesNotContain("/pictures/");
    }

    @Test
    void switchedOffThereIsNoPictureAndTheRouteSaysWhy() throws Exception {
        start();
        tool(alice, "create_excel_file", Map.of("filename", "plain", "data", List.of(Map.of("A", 1))));
        JsonNode preview = previewJson(alice, "plain.xlsx");
        assertThat(preview.path("sheets").get(0).path("picture").isNull()).isTrue();
        assertThat(card(alice, "plain.xlsx").body()).doesNotContain("<img").doesNotContain("/pictures/");
        HttpResponse<byte[]> route = get("http://127.0.0.1:" + app.getLocalPort() + "/pictures/"
                + preview.path("fileId").asText() + "/1/0.png?exp=9999999999&sig=x");
        assertThat(route.statusCode()).isEqualTo(404);
        assertThat(new String(route.body())).contains("draws no pictures").contains("libreoffice.enabled: true");
    }

    private JsonNode previewJson(String key, String file) throws Exception {
        HttpResponse<String> response = http.send(request(key, "/api/tools/preview_file", Map.of("file", file))
                .header("Accept", "application/vnd.sheetsmith.preview+json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return McpHttp.JSON.readTree(response.body());
    }

    private HttpResponse<String> card(String key, String file) throws Exception {
        HttpResponse<String> card = tool(key, "preview_file", Map.of("file", file));
        assertThat(card.statusCode()).as(card.body()).isEqualTo(200);
        assertThat(card.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        return card;
    }

    private HttpResponse<String> tool(String key, String name, Map<String, Object> args) throws Exception {
        return http.send(request(key, "/api/tools/" + name, args).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String key, String path, Map<String, Object> args) throws Exception {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getLocalPort() + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(McpHttp.JSON.writeValueAsString(args)));
    }

    /** A picture link, opened as a browser's {@code <img>} does: no API key. */
    private HttpResponse<byte[]> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A real PNG (javax.imageio decodes it) of sane size that is not blank. */
    static BufferedImage png(HttpResponse<byte[]> response) throws IOException {
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).isEqualTo("image/png");
        assertThat(Arrays.copyOf(response.body(), 8)).isEqualTo(PNG);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
        assertThat(image.getWidth()).isBetween(50, 1600);
        assertThat(image.getHeight()).isBetween(10, 1200);
        assertThat(inkedPixels(image)).as("pixels that are not white").isGreaterThan(100);
        return image;
    }

    static int inkedPixels(BufferedImage image) {
        int inked = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 700) {
                    inked++;
                }
            }
        }
        return inked;
    }

    static int differentPixels(BufferedImage a, BufferedImage b) {
        int different = Math.abs(a.getWidth() * a.getHeight() - b.getWidth() * b.getHeight());
        for (int y = 0; y < Math.min(a.getHeight(), b.getHeight()); y++) {
            for (int x = 0; x < Math.min(a.getWidth(), b.getWidth()); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    different++;
                }
            }
        }
        return different;
    }
}
