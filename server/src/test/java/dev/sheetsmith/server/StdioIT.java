package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapperSupplier;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar sheetsmith.jar stdio}, spawned as Claude Desktop or Cursor spawn it, driven by the
 * MCP Java SDK's stdio client; beside it the packaged HTTP server on a database of its own.
 */
class StdioIT {

    private static PackagedServer server;

    @BeforeAll
    static void startHttpServer() throws Exception {
        server = new PackagedServer(TestServers.tempDir("stdio-http")).start();
    }

    @AfterAll
    static void stopHttpServer() throws Exception {
        server.close();
    }

    @Test
    void stdioServesTheToolsOfHttpAndHandsOverFilesByTheirPathOnDisk() throws Exception {
        Path data = TestServers.tempDir("stdio");
        ConcurrentLinkedQueue<String> stderr = new ConcurrentLinkedQueue<>();
        StdioClientTransport transport = new StdioClientTransport(ServerParameters.builder(java())
                .args("-Xmx512m", "-jar", PackagedServer.JAR.toString(), "stdio", config()).env(env(data)).build(),
                new JacksonMcpJsonMapperSupplier().get());
        transport.setStdErrorHandler(stderr::add);
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(120))
                .initializationTimeout(Duration.ofSeconds(120)).build();
        try {
            McpSchema.InitializeResult init = client.initialize();
            assertThat(init.serverInfo().name()).isEqualTo("sheetsmith");
            assertThat(init.serverInfo().version()).isEqualTo(SheetsmithVersion.get()).doesNotContain("dev");

            assertThat(toolNames(client)).isEqualTo(httpToolNames()).contains("create_excel_file", "read_range");

            McpSchema.CallToolResult created = client.callTool(new McpSchema.CallToolRequest("create_excel_file",
                    Map.of("filename", "team.xlsx", "sheets", List.of(Map.of("name", "Team", "headers",
                            List.of("name", "age"), "data", List.of(List.of("Ada", 36), List.of("Linus", 54)))))));
            assertThat(created.isError()).as("%s", created).isFalse();
            Map<?, ?> structured = (Map<?, ?>) created.structuredContent();
            Path path = Path.of((String) structured.get("path"));
            String text = ((McpSchema.TextContent) created.content().get(0)).text();
            assertThat(text).contains("saved on this computer at `" + path + "`").doesNotContain("http");
            assertThat(structured.get("downloadUrl")).isEqualTo(path.toUri().toString());
            assertThat(structured.containsKey("expiresAt")).isFalse();
            assertThat(path).startsWith(data.resolve("files").toRealPath()).isRegularFile();

            // A second reader (POI) and a third (the raw XML in the zip) see what was written.
            try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(path))) {
                assertThat(workbook.getSheet("Team").getRow(2).getCell(0).getStringCellValue()).isEqualTo("Linus");
                assertThat(workbook.getSheet("Team").getRow(2).getCell(1).getNumericCellValue()).isEqualTo(54.0);
            }
            try (ZipFile zip = new ZipFile(path.toFile())) {
                String sheet = new String(zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml")).readAllBytes(),
                        StandardCharsets.UTF_8);
                assertThat(sheet).contains("<t>Linus</t>", "<v>54.0</v>");
            }

            McpSchema.CallToolResult read = client.callTool(new McpSchema.CallToolRequest("read_range",
                    Map.of("file", structured.get("fileId"), "sheet", "Team", "range", "A1:B3")));
            assertThat(read.isError()).as("%s", read).isFalse();
            assertThat(((McpSchema.TextContent) read.content().get(0)).text()).contains("Ada", "Linus", "54");

            McpSchema.CallToolResult listed = client.callTool(new McpSchema.CallToolRequest("list_files", Map.of()));
            assertThat(((McpSchema.TextContent) listed.content().get(0)).text()).contains("team.xlsx", "`" + path + "`");
        } finally {
            client.closeGracefully();
        }
        assertThat(String.join("\n", stderr)).contains("serving MCP on stdio as owner 'local'");
        // The files are the owner 'local's, in the database the HTTP server would use on this data.
        assertThat(TestServers.filesUnder(data.resolve("files"))).isEqualTo(1);
    }

    /**
     * Nothing but JSON-RPC reaches stdout (start-up logging included), and requests written before
     * stdin closes are answered before the process ends, with exit status 0.
     */
    @Test
    void stdoutCarriesOnlyProtocolMessagesAndRequestsBeforeTheEndOfStdinAreAnswered() throws Exception {
        Path data = TestServers.tempDir("stdio-raw");
        Process process = process(data, "stdio", config());
        CompletableFuture<String> err = drain(process.getErrorStream());
        try (OutputStream in = process.getOutputStream()) {
            in.write((McpHttp.request(1, "initialize", Map.of("protocolVersion", "2025-06-18", "capabilities",
                    Map.of(), "clientInfo", Map.of("name", "raw", "version", "1"))) + "\n"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
                    + McpHttp.request(2, "tools/call", Map.of("name", "create_excel_file", "arguments", Map.of(
                            "filename", "raw.xlsx", "sheets", List.of(Map.of("name", "S", "data",
                                    List.of(List.of(1, 2))))))) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("stderr:\n%s", err.get()).isZero();
        List<JsonNode> messages = new ArrayList<>();
        for (String line : out.split("\n")) {
            JsonNode message = McpHttp.JSON.readTree(line);
            assertThat(message.path("jsonrpc").asText()).as(line).isEqualTo("2.0");
            messages.add(message);
        }
        assertThat(messages).extracting(m -> m.path("id").asInt()).containsExactly(1, 2);
        assertThat(messages.get(1).path("result").path("isError").asBoolean()).isFalse();
        assertThat(Path.of(messages.get(1).path("result").path("structuredContent").path("path").asText()))
                .isRegularFile();
        assertThat(err.get()).contains("INFO", "Sheetsmith " + SheetsmithVersion.get());
    }

    /** H2 opens a file in one process: stdio on the running server's database says so and what to do. */
    @Test
    void onTheDatabaseOfARunningServerStdioSaysWhatToDoAndExits() throws Exception {
        Process process = process(server.dataDir(), "stdio", config());
        process.getOutputStream().close();
        CompletableFuture<String> err = drain(process.getErrorStream());
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(out).isEmpty();
        assertThat(err.get()).contains("is in use by another process", "http://127.0.0.1:" + server.port(),
                "SHEETSMITH_DB_URL").doesNotContain("Exception", "\tat ");
    }

    private static List<String> toolNames(McpSyncClient client) {
        List<String> names = new ArrayList<>();
        String cursor = null;
        do {
            McpSchema.ListToolsResult page = client.listTools(cursor);
            page.tools().forEach(t -> names.add(t.name()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return names;
    }

    private static List<String> httpToolNames() throws Exception {
        McpHttp http = new McpHttp(server.port());
        String session = http.initialize();
        JsonNode list = McpHttp.JSON.readTree(http.post(session, McpHttp.request(2, "tools/list", Map.of())).body());
        List<String> names = new ArrayList<>();
        list.path("result").path("tools").forEach(t -> names.add(t.path("name").asText()));
        return names;
    }

    private static Map<String, String> env(Path data) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SHEETSMITH_DB_URL", "jdbc:h2:file:" + data.resolve("db").toAbsolutePath());
        env.put("SHEETSMITH_FILES_DIR", data.resolve("files").toAbsolutePath().toString());
        env.put("SHEETSMITH_PLUGINS_DIR", data.resolve("plugins").toAbsolutePath().toString());
        env.put("SHEETSMITH_PORT", Integer.toString(server.port()));
        return env;
    }

    private static Process process(Path data, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m", "-jar", PackagedServer.JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(data.toFile());
        builder.environment().putAll(env(data));
        return builder.start();
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static String config() {
        return Path.of(TestServers.CONFIG).toAbsolutePath().normalize().toString();
    }
}
