package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.DropwizardTestSupport;
import java.net.http.HttpResponse;
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
 * Two replicas on one PostgreSQL database (the same migrations as H2) and one S3 bucket (or one
 * folder when no S3 server is given), driven like a round-robin load balancer. .ci/run starts
 * PostgreSQL and S3Proxy and sets SHEETSMITH_TEST_PG_URL and SHEETSMITH_TEST_S3_*.
 */
@EnabledIfEnvironmentVariable(named = "SHEETSMITH_TEST_PG_URL", matches = "jdbc:postgresql:.+")
class PostgresReplicasIT {

    private static DropwizardTestSupport<SheetsmithConfiguration> first;
    private static DropwizardTestSupport<SheetsmithConfiguration> second;
    private static boolean usesS3;

    private static String s3Metrics() throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://127.0.0.1:" + second.getAdminPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static void createBucket(String endpoint, String bucket) {
        try (var s3 = software.amazon.awssdk.services.s3.S3Client.builder()
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1).endpointOverride(java.net.URI.create(endpoint))
                .forcePathStyle(true).requestChecksumCalculation(
                        software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                System.getenv("SHEETSMITH_TEST_S3_ACCESS_KEY"),
                                System.getenv("SHEETSMITH_TEST_S3_SECRET_KEY")))).build()) {
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    @BeforeAll
    static void start() throws Exception {
        String admin = System.getenv("SHEETSMITH_TEST_PG_URL");
        String name = "it_" + UUID.randomUUID().toString().replace("-", "");
        Jdbi.create(admin).useHandle(h -> h.execute("CREATE DATABASE " + name));
        String url = admin.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
        Path data = TestServers.tempDir("sheetsmith-pg-it");
        List<String> overrides = new ArrayList<>(List.of("database.url", url, "database.driverClass",
                "org.postgresql.Driver", "database.user", "sheetsmith", "database.password", ""));
        String s3 = System.getenv("SHEETSMITH_TEST_S3_ENDPOINT");
        if (s3 != null && !s3.isBlank()) {
            String bucket = "replicas" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            createBucket(s3, bucket);
            overrides.addAll(List.of("storage.type", "s3", "storage.s3.bucket", bucket, "storage.s3.endpoint", s3,
                    "storage.s3.pathStyle", "true", "storage.s3.accessKey", System.getenv("SHEETSMITH_TEST_S3_ACCESS_KEY"),
                    "storage.s3.secretKey", System.getenv("SHEETSMITH_TEST_S3_SECRET_KEY")));
            usesS3 = true;
        }
        first = TestServers.support(data, overrides.toArray(String[]::new));
        first.before();
        second = TestServers.support(data, overrides.toArray(String[]::new));
        second.before();
    }

    /**
     * Stops in reverse order of start: each support restores the dw.* system properties it found,
     * so stopping the first one last leaves none behind for later test classes.
     */
    @AfterAll
    static void stop() {
        if (second != null) {
            second.after();
        }
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
        String link = created.path("structuredContent").path("downloadUrl").asText();
        assertThat(a.download("http://127.0.0.1:" + first.getLocalPort() + link.substring(link.indexOf("/files/")))
                .statusCode()).isEqualTo(200);
        if (usesS3) {
            HttpResponse<String> health = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                    .newBuilder(java.net.URI.create("http://127.0.0.1:" + second.getAdminPort() + "/healthcheck"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        }
        // One replica goes away mid-conversation: the other serves the same session.
        String metricsBody = usesS3 ? s3Metrics() : "";
        second.after();
        second = null;
        JsonNode afterStop = a.callTool(session, "append_rows", Map.of("file", "shared.xlsx",
                "data", List.of(Map.of("Writer", "after-stop"))));
        assertThat(afterStop.path("isError").asBoolean()).isFalse();
        assertThat(afterStop.path("structuredContent").path("revision").asInt()).isEqualTo(12);
        assertThat(a.send("DELETE", session).statusCode()).isEqualTo(204);
        assertThat(a.post(session, McpHttp.request(9, "ping", null)).statusCode()).isEqualTo(404);
        if (usesS3) {
            assertThat(metricsBody).contains("storage.s3.write").contains("storage.s3.open");
        }
    }
}
