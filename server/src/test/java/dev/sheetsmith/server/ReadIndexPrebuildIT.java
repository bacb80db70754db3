package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Gauge;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A committed revision of at least files.readIndexPrebuildBytes gets its read index built in the
 * background, with no read asking for it: after a create, an edit and an upload the index appears
 * in the file folder by itself, and describe_workbook answers from it what a server without read
 * indexes answers from the file. Smaller revisions, and every revision with the threshold 0, get
 * theirs on their first read, as before. Real server, real H2, real file folder, real MCP client.
 */
class ReadIndexPrebuildIT {

    /** Above the large workbook below (tens of KB stored), below the small one (a few KB). */
    private static final String THRESHOLD = "16384";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void aLargeCreateEditAndUploadGetTheirIndexesWithoutAReadAndDescribeAnswersAsTheFileDoes() throws Exception {
        Path data = TestServers.tempDir("sheetsmith-prebuild-it");
        Path files = data.resolve("files");
        String bigId;
        String uploadedId;
        JsonNode described;
        JsonNode describedUpload;
        JsonNode describedSmall;
        DropwizardTestSupport<SheetsmithConfiguration> on = TestServers.support(data,
                "files.readIndexPrebuildBytes", THRESHOLD);
        on.before();
        try {
            McpHttp http = new McpHttp(on.getLocalPort());
            String session = http.initialize();
            // the small one first: the one build thread takes revisions in order, so once the large
            // one's index is there, the small one was passed over, not merely not reached yet
            String smallId = create(http, session, "small.xlsx", 3);
            bigId = create(http, session, "big.xlsx", 3000);
            assertThat(Files.size(revision(files, bigId, 1))).isGreaterThan(Long.parseLong(THRESHOLD));
            assertThat(Files.size(revision(files, smallId, 1))).isLessThan(Long.parseLong(THRESHOLD));

            Path bigIndex = awaitIndex(files, bigId, 1);
            assertThat(indexOf(files, smallId, 1)).as("below the threshold: built by its first read only").isEmpty();
            FileTime built = Files.getLastModifiedTime(bigIndex);
            assertThat(structured(http.callTool(session, "describe_workbook", Map.of("file", "big.xlsx"))).toString())
                    .contains("big.xlsx", "A1:F3001");
            assertThat(Files.getLastModifiedTime(bigIndex)).as("the read opened the built index").isEqualTo(built);

            // an edit is a new revision: its index is built too, again without a read
            McpHttp.ok(http.callTool(session, "write_range", Map.of("file", "big.xlsx", "start_cell", "B2",
                    "values", List.of(List.of("changed")))));
            awaitIndex(files, bigId, 2);
            McpHttp.ok(http.callTool(session, "append_rows", Map.of("file", "big.xlsx",
                    "data", List.of(List.of(1, "appended", 2, 3, 4, 5)))));
            Path latest = awaitIndex(files, bigId, 3);
            FileTime latestBuilt = Files.getLastModifiedTime(latest);
            described = structured(http.callTool(session, "describe_workbook", Map.of("file", "big.xlsx")));
            assertThat(described.toString()).contains("A1:F3002");
            assertThat(Files.getLastModifiedTime(latest)).isEqualTo(latestBuilt);

            // an upload is a new file of its own
            HttpResponse<String> upload = multipart(on.getLocalPort(), "uploaded.xlsx",
                    Files.readAllBytes(revision(files, bigId, 1)));
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
            uploadedId = McpHttp.JSON.readTree(upload.body()).path("files").get(0).path("fileId").asText();
            awaitIndex(files, uploadedId, 1);
            describedUpload = structured(http.callTool(session, "describe_workbook", Map.of("file", uploadedId)));

            assertThat(gauge(on, "read-index-prebuild.built")).isEqualTo(4L);
            assertThat(gauge(on, "read-index-prebuild.failed")).isEqualTo(0L);
            assertThat(indexOf(files, smallId, 1)).isEmpty();
            describedSmall = structured(http.callTool(session, "describe_workbook", Map.of("file", "small.xlsx")));
            assertThat(indexOf(files, smallId, 1)).as("built by the read").isPresent();
        } finally {
            on.after();
        }

        // the same files, read by a server that reads the files themselves
        DropwizardTestSupport<SheetsmithConfiguration> fromFiles = TestServers.support(data,
                "files.readIndexes", "false");
        fromFiles.before();
        try {
            McpHttp http = new McpHttp(fromFiles.getLocalPort());
            String session = http.initialize();
            assertThat(structured(http.callTool(session, "describe_workbook", Map.of("file", "big.xlsx"))))
                    .isEqualTo(described);
            assertThat(structured(http.callTool(session, "describe_workbook", Map.of("file", uploadedId))))
                    .isEqualTo(describedUpload);
            assertThat(structured(http.callTool(session, "describe_workbook", Map.of("file", "small.xlsx"))))
                    .isEqualTo(describedSmall);
            assertThat(fromFiles.getEnvironment().metrics().getGauges()).doesNotContainKey("read-index-prebuild.built");
        } finally {
            fromFiles.after();
        }
    }

    @Test
    void withTheThresholdZeroARevisionGetsItsIndexOnItsFirstReadOnly() throws Exception {
        Path data = TestServers.tempDir("sheetsmith-prebuild-off-it");
        Path files = data.resolve("files");
        DropwizardTestSupport<SheetsmithConfiguration> off = TestServers.support(data,
                "files.readIndexPrebuildBytes", "0");
        off.before();
        try {
            assertThat(off.getEnvironment().metrics().getGauges()).doesNotContainKey("read-index-prebuild.built");
            McpHttp http = new McpHttp(off.getLocalPort());
            String session = http.initialize();
            String id = create(http, session, "big.xlsx", 3000);
            assertThat(Files.size(revision(files, id, 1))).isGreaterThan(Long.parseLong(THRESHOLD));
            // a prebuild of this size takes well under this on this machine (the test above waits for it)
            Thread.sleep(3000);
            assertThat(indexOf(files, id, 1)).isEmpty();
            assertThat(structured(http.callTool(session, "describe_workbook", Map.of("file", id))).toString())
                    .contains("A1:F3001");
            assertThat(indexOf(files, id, 1)).as("built by the read").isPresent();
        } finally {
            off.after();
        }
    }

    private static String create(McpHttp http, String session, String name, int rows) throws Exception {
        List<List<Object>> data = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            data.add(List.of(r, "item " + r + " of " + name, r * 1.25, r % 7 == 0, "2024-05-" + (10 + r % 19),
                    "note " + Integer.toHexString(r * 7919)));
        }
        return McpHttp.ok(http.callTool(session, "create_excel_file", Map.of("filename", name, "headers",
                List.of("n", "item", "price", "flag", "when", "note"), "data", data))).path("structuredContent")
                .path("fileId").asText();
    }

    /** The stored bytes of a file's revision (r1.xlsx, then r2-xxxxxxxx.xlsx, ...). */
    private static Path revision(Path files, String fileId, int revision) throws IOException {
        try (var list = Files.list(files.resolve(fileId))) {
            return list.filter(f -> f.getFileName().toString().matches("r" + revision + "(-[0-9a-f]+)?\\.xlsx"))
                    .findFirst().orElseThrow(() -> new AssertionError("no revision " + revision + " of " + fileId));
        }
    }

    /** The read index beside a revision, if one is stored. */
    private static Optional<Path> indexOf(Path files, String fileId, int revision) throws IOException {
        try (var list = Files.list(files.resolve(fileId))) {
            return list.filter(f -> f.getFileName().toString().matches("r" + revision + "(-[0-9a-f]+)?\\.xlsx\\.ri\\d+"))
                    .findFirst();
        }
    }

    private static Path awaitIndex(Path files, String fileId, int revision) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Optional<Path> index = indexOf(files, fileId, revision);
        while (index.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            index = indexOf(files, fileId, revision);
        }
        assertThat(index).as("the read index of revision %d of %s, built without a read", revision, fileId)
                .isPresent();
        return index.get();
    }

    private static JsonNode structured(JsonNode result) {
        return McpHttp.ok(result).path("structuredContent");
    }

    private static Object gauge(DropwizardTestSupport<SheetsmithConfiguration> app, String name) {
        Gauge<?> gauge = app.getEnvironment().metrics().getGauges().get(name);
        assertThat(gauge).as(name).isNotNull();
        return gauge.getValue();
    }

    private HttpResponse<String> multipart(int port, String name, byte[] content) throws Exception {
        String boundary = "----prebuild" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        byte[] bytes = body.toByteArray();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/files"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
