package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.DropwizardTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a crash leaves in the file store (bytes written before a commit that never came, a
 * temporary file of a write cut short) is removed when the server starts; what a row names stays.
 */
class StorageSweepIT {

    @Test
    void atStartUpOldBytesThatNoRowNamesAreRemovedAndEverythingNamedStays() throws Exception {
        Path data = TestServers.tempDir("sheetsmith-sweep-it");
        Path files = data.resolve("files");
        String fileId;
        DropwizardTestSupport<SheetsmithConfiguration> first = TestServers.support(data);
        first.before();
        try {
            McpHttp http = new McpHttp(first.getLocalPort());
            String session = http.initialize();
            fileId = McpHttp.ok(http.callTool(session, "create_excel_file", Map.of("filename", "kept.xlsx",
                    "data", List.of(List.of("A"), List.of(1))))).path("structuredContent").path("fileId").asText();
            McpHttp.ok(http.callTool(session, "write_range", Map.of("file", "kept.xlsx", "start_cell", "A3",
                    "values", List.of(List.of(2)))));
        } finally {
            first.after();
        }
        FileTime longAgo = FileTime.from(Instant.now().minus(Duration.ofHours(3)));
        List<Path> named;
        try (var walk = Files.walk(files.resolve(fileId))) {
            named = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(named).hasSize(2);
        for (Path p : named) {
            Files.setLastModifiedTime(p, longAgo); // old, but named by the file and its revisions
        }
        Path orphan = write(files.resolve(fileId).resolve("r3-0badf00d.xlsx"), longAgo);
        Path orphanFile = write(files.resolve(UUID.randomUUID().toString().replace("-", "")).resolve("r1.xlsx"),
                longAgo);
        Path halfWritten = write(files.resolve(fileId).resolve(".r4-12345678.xlsx." + UUID.randomUUID() + ".tmp"),
                longAgo);
        Path young = write(files.resolve(fileId).resolve("r5-00c0ffee.xlsx"), FileTime.from(Instant.now()));

        DropwizardTestSupport<SheetsmithConfiguration> second = TestServers.support(data);
        second.before();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while ((Files.exists(orphan) || Files.exists(orphanFile) || Files.exists(halfWritten))
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(orphan).doesNotExist();
            assertThat(orphanFile).doesNotExist();
            assertThat(halfWritten).doesNotExist();
            assertThat(young).as("may be a write on its way to its commit").exists();
            for (Path p : named) {
                assertThat(p).exists();
            }
            McpHttp http = new McpHttp(second.getLocalPort());
            String session = http.initialize();
            JsonNode read = McpHttp.ok(http.callTool(session, "read_range", Map.of("file", "kept.xlsx")));
            assertThat(read.path("structuredContent").path("rows").toString()).isEqualTo("[[\"A\"],[1],[2]]");
            assertThat(McpHttp.ok(http.callTool(session, "list_revisions", Map.of("file", "kept.xlsx")))
                    .path("structuredContent").path("revisions").findValuesAsText("revision")).containsExactly("2", "1");
            McpHttp.ok(http.callTool(session, "restore_revision", Map.of("file", "kept.xlsx", "revision", 1)));
        } finally {
            second.after();
        }
    }

    private static Path write(Path path, FileTime time) throws java.io.IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, "not a committed revision");
        Files.setLastModifiedTime(path, time);
        return path;
    }
}
