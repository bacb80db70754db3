package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.DropwizardTestSupport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Two replicas on one PostgreSQL database (the same migrations as H2) and one file folder, driven
 * like a round-robin load balancer. .ci/run starts PostgreSQL and sets SHEETSMITH_TEST_PG_URL.
 */
@EnabledIfEnvironmentVariable(named = "SHEETSMITH_TEST_PG_URL", matches = "jdbc:postgresql:.+")
class PostgresReplicasIT {

    private static DropwizardTestSupport<SheetsmithConfiguration> first;
    private static DropwizardTestSupport<SheetsmithConfiguration> second;

    @BeforeAll
    static void start() throws Exception {
        String admin = System.getenv("SHEETSMITH_TEST_PG_URL");
        String name = "it_" + UUID.randomUUID().toString().replace("-", "");
        Jdbi.create(admin).useHandle(h -> h.execute("CREATE DATABASE " + name));
        String url = admin.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
        Path data = TestServers.tempDir("sheetsmith-pg-it");
        String[] overrides = {"database.url", url, "database.driverClass", "org.postgresql.Driver",
            "database.user", "sheetsmith", "database.password", ""};
        first = TestServers.support(data, overrides);
        first.before();
        second = TestServers.support(data, overrides);
        second.before();
    }

    @AfterAll
    static void stop() {
        second.after();
        first.after();
    }

    @Test
    void aConversationAlternatesBetweenReplicasAndConcurrentEditsLoseNothing() throws Exception {
        McpHttp a = new McpHttp(first.getLocalPort());
        McpHttp b = new McpHttp(second.getLocalPort());
        String session = a.initialize();
        JsonNode created = b.callTool(session, "create_excel_file", Map.of("filename", "shared.xlsx",
                "data", List.of(Map.of("Writer", "seed"))));
        assertThat(created.path("isError").asBoolean()).as(created.toString()).isFalse();
        assertThat(a.callTool(session, "read_range", Map.of("file", "shared.xlsx")).path("structuredContent")
                .path("rows").size()).isEqualTo(2);

        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<JsonNode>> appends = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            McpHttp replica = i % 2 == 0 ? a : b;
            int writer = i;
            appends.add(pool.submit(() -> replica.callTool(session, "append_rows", Map.of("file", "shared.xlsx",
                    "data", List.of(Map.of("Writer", "w" + writer))))));
        }
        for (Future<JsonNode> f : appends) {
            assertThat(f.get(2, TimeUnit.MINUTES).path("isError").asBoolean()).isFalse();
        }
        pool.shutdown();
        JsonNode rows = b.callTool(session, "read_range", Map.of("file", "shared.xlsx")).path("structuredContent")
                .path("rows");
        assertThat(rows.size()).isEqualTo(12);
        assertThat(a.send("DELETE", session).statusCode()).isEqualTo(204);
        assertThat(b.post(session, McpHttp.request(9, "ping", null)).statusCode()).isEqualTo(404);
    }
}
