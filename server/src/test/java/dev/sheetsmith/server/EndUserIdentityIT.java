package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.sheetsmith.application.ApiKeyService;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.Role;
import io.dropwizard.testing.DropwizardTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A gateway key narrows its owner to the end user Open-WebUI forwards (a header, or a verified JWT
 * when a secret is set); any other key never chooses its user, whatever it sends.
 */
class EndUserIdentityIT {

    private static final String JWT_SECRET = "jwt-secret-jwt-secret-jwt-secret-0123456789";
    private final HttpClient http = HttpClient.newHttpClient();
    private DropwizardTestSupport<SheetsmithConfiguration> app;
    private String gateway;
    private String alice;

    private void start(String... overrides) throws Exception {
        Path data = TestServers.tempDir("sheetsmith-identity-it");
        ApiKeyService keys = TestServers.keys(data);
        gateway = keys.create(new Owner("openwebui"), Role.USER, true).secret();
        alice = keys.create(new Owner("alice"), Role.USER, false).secret();
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
    void eachForwardedUserSeesOnlyTheirOwnFilesAndOtherKeysCannotPretend() throws Exception {
        start();
        assertThat(create(gateway, "u1-report", "X-OpenWebUI-User-Id", "user-1").statusCode()).isEqualTo(200);
        assertThat(create(gateway, "u2-report", "X-OpenWebUI-User-Id", "user-2").statusCode()).isEqualTo(200);
        assertThat(create(gateway, "shared", new String[0]).statusCode()).isEqualTo(200);

        assertThat(names(gateway, "X-OpenWebUI-User-Id", "user-1")).containsExactly("u1-report.xlsx");
        assertThat(names(gateway, "X-OpenWebUI-User-Id", "user-2")).containsExactly("u2-report.xlsx");
        assertThat(names(gateway)).containsExactly("shared.xlsx");
        // A key that is not a gateway sends the header in vain: it stays alice.
        assertThat(create(alice, "alice-own", "X-OpenWebUI-User-Id", "user-1").statusCode()).isEqualTo(200);
        assertThat(names(alice, "X-OpenWebUI-User-Id", "user-1")).containsExactly("alice-own.xlsx");
        assertThat(names(gateway, "X-OpenWebUI-User-Id", "user-1")).containsExactly("u1-report.xlsx");
        // A user id that could smuggle a path or markup is refused.
        assertThat(call(gateway, "list_files", "{}", "X-OpenWebUI-User-Id", "../../root").statusCode()).isEqualTo(401);

        McpHttp mcp = new McpHttp(app.getLocalPort());
        HttpResponse<String> init = mcp.post(null, McpHttp.request(1, "initialize", java.util.Map.of("protocolVersion",
                "2025-06-18", "capabilities", java.util.Map.of(), "clientInfo", java.util.Map.of("name", "owui",
                        "version", "1"))), "Authorization", "Bearer " + gateway, "X-OpenWebUI-User-Id", "user-1");
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        assertThat(mcp.post(session, McpHttp.request(2, "tools/list", null), "Authorization", "Bearer " + gateway,
                "X-OpenWebUI-User-Id", "user-2").statusCode()).isEqualTo(404);
        assertThat(mcp.post(session, McpHttp.request(3, "tools/list", null), "Authorization", "Bearer " + gateway,
                "X-OpenWebUI-User-Id", "user-1").statusCode()).isEqualTo(200);
    }

    @Test
    void withAJwtSecretOnlyAVerifiedTokenNamesTheUser() throws Exception {
        start("identity.jwtSecret", JWT_SECRET);
        String u3 = jwt(JWT_SECRET, "user-3", Instant.now().plusSeconds(300));
        assertThat(create(gateway, "u3-report", "X-OpenWebUI-User-Jwt", u3).statusCode()).isEqualTo(200);
        assertThat(names(gateway, "X-OpenWebUI-User-Jwt", u3)).containsExactly("u3-report.xlsx");
        // The plain header is ignored in this mode: it is the gateway's own (empty) space.
        assertThat(names(gateway, "X-OpenWebUI-User-Id", "user-3")).isEmpty();

        String forged = jwt("another-secret-another-secret-another-0123", "user-3", Instant.now().plusSeconds(300));
        String expired = jwt(JWT_SECRET, "user-3", Instant.now().minusSeconds(5));
        String unsigned = new com.nimbusds.jwt.PlainJWT(new JWTClaimsSet.Builder().claim("id", "user-3")
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build()).serialize();
        for (String bad : List.of(forged, expired, unsigned, "not-a-jwt")) {
            HttpResponse<String> response = call(gateway, "list_files", "{}", "X-OpenWebUI-User-Jwt", bad);
            assertThat(response.statusCode()).as(bad).isEqualTo(401);
            assertThat(response.body()).contains("error").doesNotContain("Exception");
        }
    }

    private static String jwt(String secret, String user, Instant expires) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().claim("id", user)
                .expirationTime(Date.from(expires)).build());
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private HttpResponse<String> create(String key, String name, String... headers) throws Exception {
        return call(key, "create_excel_file", "{\"filename\":\"" + name + "\",\"headers\":[\"x\"]}", headers);
    }

    private List<String> names(String key, String... headers) throws Exception {
        HttpResponse<String> response = call(key, "list_files", "{}", headers);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        for (JsonNode f : McpHttp.JSON.readTree(response.body()).path("result").path("files")) {
            names.add(f.path("name").asText());
        }
        return names;
    }

    private HttpResponse<String> call(String key, String tool, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getLocalPort()
                + "/api/tools/" + tool)).header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
