package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The OpenAPI tool server as Open-WebUI reads and calls it. */
class OpenApiIT {

    @RegisterExtension
    static final McpApp APP = McpApp.start("sheetsmith-openapi-it", "openapi.corsOrigins", "https://chat.example.com");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theDocumentHasOneOperationPerMcpToolWithTheSameSchemas() throws Exception {
        JsonNode doc = McpHttp.JSON.readTree(get("/openapi.json").body());
        assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
        List<String> operations = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(e -> operations.add(e.getValue().path("post").path("operationId")
                .asText()));
        McpHttp mcp = new McpHttp(APP.getLocalPort());
        JsonNode tools = McpHttp.JSON.readTree(mcp.post(mcp.initialize(), McpHttp.request(2, "tools/list", null)).body())
                .path("result").path("tools");
        List<String> toolNames = new ArrayList<>();
        tools.forEach(t -> toolNames.add(t.path("name").asText()));
        assertThat(operations).containsAll(toolNames).contains("preview_file");
        JsonNode create = doc.path("paths").path("/api/tools/create_excel_file").path("post");
        assertThat(create.path("requestBody").path("content").path("application/json").path("schema"))
                .isEqualTo(tools.get(0).path("inputSchema"));
        assertThat(create.path("description").asText()).isNotBlank();
        assertThat(doc.path("servers").get(0).path("url").asText()).startsWith("http://127.0.0.1:");
    }

    @Test
    void theAdminApiIsDocumentedFromItsRoutesWithoutOperationIds() throws Exception {
        JsonNode paths = McpHttp.JSON.readTree(get("/openapi.json").body()).path("paths");
        JsonNode files = paths.path("/api/admin/files").path("get");
        assertThat(files.path("operationId").isMissingNode()).isTrue();
        assertThat(files.path("parameters").findValuesAsText("name")).contains("owner", "name", "since", "cursor",
                "limit");
        assertThat(paths.path("/api/admin/owners/{owner}/transfer").path("post").path("requestBody").toString())
                .contains("\"required\":[\"to\"]");
        assertThat(paths.path("/api/admin/keys/{id}").path("delete").path("parameters").get(0).path("in").asText())
                .isEqualTo("path");
        assertThat(paths.path("/api/admin/sessions").has("delete")).isTrue();
        assertThat(paths.path("/api/tools/preview_file").path("post").path("operationId").asText())
                .isEqualTo("preview_file");
    }

    @Test
    void callsAnswerTextWithTheLinkAndErrorsAre4xxJson() throws Exception {
        HttpResponse<String> ok = post("/api/tools/create_excel_file", "{\"filename\":\"api\",\"data\":[{\"a\":1}]}");
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode body = McpHttp.JSON.readTree(ok.body());
        assertThat(body.path("text").asText()).contains("[Download api.xlsx](http");
        assertThat(body.path("result").path("name").asText()).isEqualTo("api.xlsx");

        HttpResponse<String> bad = post("/api/tools/create_excel_file", "{\"filename\":\"x\",\"data\":[{\"a\":1},\"b\"]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(McpHttp.JSON.readTree(bad.body()).path("error").asText()).contains("data[1]");
        assertThat(post("/api/tools/no_such_tool", "{}").statusCode()).isEqualTo(404);
        assertThat(post("/api/tools/read_range", "{\"file\":\"missing\"}").statusCode()).isEqualTo(400);
        assertThat(post("/api/tools/create_excel_file", "not json").statusCode()).isBetween(400, 499);
    }

    @Test
    void thePreviewCardIsInlineHtmlWithEveryCellEscaped() throws Exception {
        post("/api/tools/create_excel_file", "{\"filename\":\"xss\",\"data\":[{\"Name\":\"<script>alert(1)</script>\","
                + "\"Note\":\"a & b\"}]}");
        HttpResponse<String> card = post("/api/tools/preview_file", "{\"file\":\"xss\"}");
        assertThat(card.statusCode()).isEqualTo(200);
        assertThat(card.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(card.headers().firstValue("Content-Disposition").orElse("")).isEqualTo("inline");
        assertThat(card.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("a &amp; b")
                .doesNotContain("<script>").contains("Download xss.xlsx");
        assertThat(post("/api/tools/preview_file", "{\"file\":\"nope\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void thePreviewShowsFormattedValuesTheSheetsSizeAndWhatWasCutAsHtmlOrJson() throws Exception {
        post("/api/tools/create_excel_file", "{\"filename\":\"prices\",\"data\":[{\"Item\":\"Pen\",\"Price\":1234.5,"
                + "\"Share\":0.125},{\"Item\":\"Ink\",\"Price\":3,\"Share\":1},{\"Item\":\"Cap\",\"Price\":2,"
                + "\"Share\":0}]}");
        assertThat(post("/api/tools/format_range", "{\"file\":\"prices\",\"range\":\"B2:B4\",\"number_format\":"
                + "\"currency\"}").statusCode()).isEqualTo(200);
        assertThat(post("/api/tools/format_range", "{\"file\":\"prices\",\"range\":\"C2:C4\",\"number_format\":"
                + "\"0.0%\"}").statusCode()).isEqualTo(200);
        // a chat client asking for JSON, as it does for every tool, still gets the card
        HttpResponse<String> card = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/tools/preview_file"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"file\":\"prices\",\"rows\":1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(card.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(card.body()).contains("<td>$1,234.50</td>").contains("<td>12.5%</td>")
                .contains("4 rows x 3 columns").contains("2 row(s) cut");
        HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/tools/preview_file"))
                .header("Content-Type", "application/json").header("Accept", "application/vnd.sheetsmith.preview+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"file\":\"prices\",\"rows\":5}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        var sheet = McpHttp.JSON.readTree(json.body()).path("sheets").get(0);
        assertThat(sheet.path("rowCount").asInt()).isEqualTo(4);
        assertThat(sheet.path("columnCount").asInt()).isEqualTo(3);
        assertThat(sheet.path("rows").get(2).toString()).isEqualTo("[\"Ink\",\"$3.00\",\"100.0%\"]");
        assertThat(sheet.path("cut").isNull()).isTrue();
    }

    @Test
    void corsIsAnsweredForConfiguredOriginsOnly() throws Exception {
        HttpResponse<String> allowed = preflight("https://chat.example.com");
        assertThat(allowed.statusCode()).isEqualTo(204);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(""))
                .isEqualTo("https://chat.example.com");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElse("")).contains("Authorization");
        assertThat(preflight("https://evil.example.com").headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> simple = http.send(HttpRequest.newBuilder(URI.create(base() + "/openapi.json"))
                .header("Origin", "https://chat.example.com").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(simple.headers().firstValue("Access-Control-Expose-Headers").orElse("")).contains("Content-Disposition");
    }

    private HttpResponse<String> preflight(String origin) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + "/api/tools/list_files"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
                .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String base() {
        return "http://127.0.0.1:" + APP.getLocalPort();
    }
}
