package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** What a release is: a version from the build everywhere it shows, and the archive people download. */
class ReleaseIT {

    private static final String VERSION = SheetsmithVersion.get();
    private static final Path TARGET = PackagedServer.JAR.getParent();

    @Test
    void theVersionComesFromTheBuildAndVersionPrintsIt() throws Exception {
        assertThat(VERSION).matches("\\d+\\.\\d+\\.\\d+.*").isNotEqualTo("dev");
        try (JarFile jar = new JarFile(PackagedServer.JAR.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Implementation-Version")).isEqualTo(VERSION);
        }
        assertThat(run(TARGET, ProcessHandle.current().info().command().orElse("java"), "-jar", PackagedServer.JAR.toString(), "--version")).isEqualTo(VERSION + "\n");
        Path versioned = TARGET.resolve("sheetsmith-" + VERSION + ".jar");
        assertThat(versioned).hasSameBinaryContentAs(PackagedServer.JAR);
    }

    @Test
    void theStartupLogNamesTheVersionAndTheFullUrlsWithoutLogbackWarnings() throws Exception {
        try (PackagedServer server = new PackagedServer(TestServers.tempDir("release")).start()) {
            String app = "http://127.0.0.1:" + server.port();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.readString(server.log()).contains("/healthcheck") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            String log = Files.readString(server.log());
            assertThat(log).contains("Sheetsmith " + VERSION + " started:", "MCP endpoint  " + app + "/mcp",
                    "console       " + app + "/console/", "OpenAPI       " + app + "/openapi.json",
                    "health check  http://127.0.0.1:" + server.adminPort() + "/healthcheck");
            // logback's own status lines ("07:17:24,886 |-WARN in LogbackAccessRequestLog - ...") are gone.
            assertThat(log).doesNotContain("|-WARN", "|-INFO", "|-ERROR");

            HttpResponse<String> info = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(app + "/api/admin/info")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(info.statusCode()).as(info.body()).isEqualTo(200);
            JsonNode body = McpHttp.JSON.readTree(info.body());
            assertThat(body.path("version").asText()).isEqualTo(VERSION);

            McpHttp http = new McpHttp(server.port());
            HttpResponse<String> init = http.post(null, McpHttp.request(1, "initialize", java.util.Map.of(
                    "protocolVersion", "2025-06-18", "capabilities", java.util.Map.of(), "clientInfo",
                    java.util.Map.of("name", "test", "version", "1"))));
            assertThat(McpHttp.JSON.readTree(init.body()).path("result").path("serverInfo").path("version").asText())
                    .isEqualTo(VERSION);
        }
    }

    @Test
    void theDistributionArchivesHoldTheJarConfigReadmeAndStartScripts() throws Exception {
        String root = "sheetsmith-" + VERSION + "/";
        List<String> expected = new java.util.ArrayList<>(List.of(root + "sheetsmith.jar", root + "config.yml",
                root + "README.md", root + "bin/sheetsmith", root + "bin/sheetsmith.bat"));
        // The project declares no license yet; the archive carries the root's LICENSE file once it has one.
        try (var licenses = Files.list(Path.of(".."))) {
            licenses.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("LICENSE"))
                    .forEach(n -> expected.add(root + n));
        }
        try (ZipFile zip = new ZipFile(TARGET.resolve("sheetsmith-" + VERSION + ".zip").toFile())) {
            assertThat(zip.stream().filter(e -> !e.isDirectory()).map(ZipEntry::getName).toList())
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(zip.getEntry(root + "sheetsmith.jar").getSize()).isEqualTo(Files.size(PackagedServer.JAR));
        }

        // The tar keeps the script executable; unpacked, it runs the jar from any folder.
        Path unpacked = TestServers.tempDir("dist");
        run(unpacked, "tar", "xzf", TARGET.resolve("sheetsmith-" + VERSION + ".tar.gz").toString());
        Path home = unpacked.resolve(root);
        assertThat(Files.getPosixFilePermissions(home.resolve("bin/sheetsmith")))
                .contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(home.resolve("config.yml")).hasSameTextualContentAs(Path.of(TestServers.CONFIG));
        assertThat(run(TestServers.tempDir("elsewhere"), home.resolve("bin/sheetsmith").toString(), "--version"))
                .isEqualTo(VERSION + "\n");
        assertThat(Files.readString(home.resolve("bin/sheetsmith.bat"))).contains("\r\n", "sheetsmith.jar");
    }

    private static String run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
