package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
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
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A gateway key narrows its owner to the end user Open-WebUI forwards (a header, or a verified JWT
 * when a secret is set); any other key never chooses its user, whatever it sends. A gateway call that
 * names no user is refused unless the operator chose the shared mode, and every refusal says what is
 * wrong (the key, the missing user, the user token) without repeating what was sent.
 */
class EndUserIdentityIT {

    private static final String JWT_SECRET = "jwt-secret-jwt-secret-jwt-secret-0123456789";
    private final HttpClient http = HttpClient.newHttpClient();
    private DropwizardTestSupport<SheetsmithConfiguration> app;
    private String gateway;
    private String alice;
    private Path dataDir;

    private void start(String... overrides) throws Exception {
        Path data = TestServers.tempDir("sheetsmith-identity-it");
        dataDir = data;
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

        assertThat(names(gateway, "X-OpenWebUI-User-Id", "user-1")).containsExactly("u1-report.xlsx");
        assertThat(names(gateway, "X-OpenWebUI-User-Id", "user-2")).containsExactly("u2-report.xlsx");
        // A key that is not a gateway sends the header in vain: it stays alice.
        assertThat(create(alice, "alice-own", "X-OpenWebUI-User-Id", "user-1").statusCode()).isEqualTo(200);
        assertThat(names(alice, "X-OpenWebUI-User-Id", "user-1")).containsExactly("alice-own.xlsx");
        assertThat(names(gateway, "X-OpenWebUI-User-Id", "user-1")).containsExactly("u1-report.xlsx");
        // A user id that could smuggle a path or markup is refused, and the answer says which header is wrong.
        HttpResponse<String> smuggled = call(gateway, "list_files", "{}", "X-OpenWebUI-User-Id", "../../root");
        assertThat(smuggled.statusCode()).isEqualTo(401);
        assertThat(error(smuggled)).contains("API key is valid").contains("X-OpenWebUI-User-Id")
                .doesNotContain("../../root");

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
    void aGatewayCallThatNamesNoUserIsRefusedNamingOpenWebUisSettingAndStoresNothing() throws Exception {
        start();
        HttpResponse<String> refused = create(gateway, "everyones");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(error(refused)).contains("gateway key").contains("names no end user")
                .contains("X-OpenWebUI-User-Id").contains("ENABLE_FORWARD_USER_INFO_HEADERS=true")
                .contains("identity.gatewayWithoutUser: shared");
        assertThat(refused.headers().firstValue("WWW-Authenticate")).isEmpty();

        // MCP: the same refusal as a JSON-RPC error, before any session exists.
        HttpResponse<String> init = new McpHttp(app.getLocalPort()).post(null, initialize(), "Authorization",
                "Bearer " + gateway);
        assertThat(init.statusCode()).isEqualTo(403);
        JsonNode rpc = McpHttp.JSON.readTree(init.body());
        assertThat(rpc.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(rpc.path("error").path("message").asText()).contains("ENABLE_FORWARD_USER_INFO_HEADERS");
        assertThat(init.headers().firstValue("Mcp-Session-Id")).isEmpty();

        // Nothing was stored for anyone, and the gateway's users still work.
        assertThat(TestServers.filesUnder(dataDir.resolve("files"))).isZero();
        assertThat(create(gateway, "mine", "X-OpenWebUI-User-Id", "user-1").statusCode()).isEqualTo(200);
        assertThat(names(gateway, "X-OpenWebUI-User-Id", "user-1")).containsExactly("mine.xlsx");
    }

    @Test
    void sharedModeServesAGatewayWithoutUserAsItsOwnOwnerWhenTheOperatorSaysSo() throws Exception {
        start("identity.gatewayWithoutUser", "shared");
        assertThat(create(gateway, "shared").statusCode()).isEqualTo(200);
        assertThat(create(gateway, "u1-report", "X-OpenWebUI-User-Id", "user-1").statusCode()).isEqualTo(200);

        assertThat(names(gateway)).containsExactly("shared.xlsx");
        assertThat(names(gateway, "X-OpenWebUI-User-Id", "user-1")).containsExactly("u1-report.xlsx");
    }

    @Test
    void aWrongKeyIsReportedAsAWrongKey() throws Exception {
        start();
        HttpResponse<String> wrong = call("ssk_0000000000000000_" + "A".repeat(43), "list_files", "{}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(error(wrong)).contains("not a valid, unrevoked Sheetsmith API key").doesNotContain("AAAAAAAA");
    }

    @Test
    void withAJwtSecretOnlyAVerifiedTokenNamesTheUser() throws Exception {
        start("identity.jwtSecret", JWT_SECRET);
        String u3 = jwt(JWT_SECRET, "user-3", Instant.now().plusSeconds(300));
        assertThat(create(gateway, "u3-report", "X-OpenWebUI-User-Jwt", u3).statusCode()).isEqualTo(200);
        assertThat(names(gateway, "X-OpenWebUI-User-Jwt", u3)).containsExactly("u3-report.xlsx");
        // The plain header is ignored in this mode: it names nobody, so the call is refused (below).
        assertThat(call(gateway, "list_files", "{}", "X-OpenWebUI-User-Id", "user-3").statusCode()).isEqualTo(403);

        String forged = jwt("another-secret-another-secret-another-0123", "user-3", Instant.now().plusSeconds(300));
        String expired = jwt(JWT_SECRET, "user-3", Instant.now().minusSeconds(5));
        String unsigned = new com.nimbusds.jwt.PlainJWT(new JWTClaimsSet.Builder().claim("id", "user-3")
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build()).serialize();
        for (String bad : List.of(forged, expired, unsigned, "not-a-jwt")) {
            HttpResponse<String> response = call(gateway, "list_files", "{}", "X-OpenWebUI-User-Jwt", bad);
            assertThat(response.statusCode()).as(bad).isEqualTo(401);
            assertThat(response.body()).contains("error").doesNotContain("Exception");
        }
        // In this mode the token is the proof: a gateway call without one is refused, naming the header.
        HttpResponse<String> none = call(gateway, "list_files", "{}", "X-OpenWebUI-User-Id", "user-3");
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(error(none)).contains("X-OpenWebUI-User-Jwt").contains("ENABLE_FORWARD_USER_INFO_HEADERS");
    }

    @Test
    void aBadUserTokenSaysWhatIsWrongWithItAndNeverEchoesIt() throws Exception {
        start("identity.jwtSecret", JWT_SECRET);
        Instant expiry = Instant.parse("2026-01-02T03:04:05Z");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(jwt(JWT_SECRET, "user-3", expiry), "expired at 2026-01-02T03:04:05Z");
        expected.put(jwt("another-secret-another-secret-another-0123", "user-3", Instant.now().plusSeconds(300)),
                "signature does not match identity.jwtSecret");
        expected.put("not-a-jwt", "malformed");
        expected.put("eyJhbGciOiJIUzI1NiJ9.!!!.???", "malformed");
        expected.put(new com.nimbusds.jwt.PlainJWT(new JWTClaimsSet.Builder().claim("id", "user-3")
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build()).serialize(), "not signed");
        expected.put(rs256("user-3"), "algorithm 'RS256'; Sheetsmith accepts only HS256");
        expected.put(signed(JWT_SECRET, new JWTClaimsSet.Builder().claim("id", "user-3").build()), "no expiry");
        expected.put(signed(JWT_SECRET, new JWTClaimsSet.Builder().claim("name", "Ada")
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build()), "names no user");
        expected.put(signed(JWT_SECRET, new JWTClaimsSet.Builder().claim("id", "<script>")
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build()), "user id is not one");
        expected.put(signed(JWT_SECRET, new JWTClaimsSet.Builder().claim("id", "user-3")
                .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .notBeforeTime(Date.from(Instant.now().plusSeconds(300))).build()), "not valid before");

        for (Map.Entry<String, String> bad : expected.entrySet()) {
            HttpResponse<String> response = call(gateway, "list_files", "{}", "X-OpenWebUI-User-Jwt", bad.getKey());
            assertThat(response.statusCode()).as(bad.getValue()).isEqualTo(401);
            String message = error(response);
            assertThat(message).as(bad.getValue()).contains("API key is valid").contains("X-OpenWebUI-User-Jwt")
                    .contains(bad.getValue()).doesNotContain("not a valid, unrevoked");
            for (String part : bad.getKey().split("\\.")) {
                if (part.length() > 8) {
                    assertThat(response.body()).as(bad.getValue()).doesNotContain(part);
                }
            }
        }
        // MCP says the same in its JSON-RPC error.
        String expired = jwt(JWT_SECRET, "user-3", expiry);
        HttpResponse<String> init = new McpHttp(app.getLocalPort()).post(null, initialize(), "Authorization",
                "Bearer " + gateway, "X-OpenWebUI-User-Jwt", expired);
        assertThat(init.statusCode()).isEqualTo(401);
        assertThat(McpHttp.JSON.readTree(init.body()).path("error").path("message").asText())
                .contains("expired at 2026-01-02T03:04:05Z").doesNotContain(expired.split("\\.")[1]);
    }

    private static String signed(String secret, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static String rs256(String user) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder().claim("id", user)
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
        jwt.sign(new RSASSASigner(pair.getPrivate()));
        return jwt.serialize();
    }

    private static String initialize() {
        return McpHttp.request(1, "initialize", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
                "clientInfo", Map.of("name", "owui", "version", "1")));
    }

    private static String error(HttpResponse<String> response) throws Exception {
        return McpHttp.JSON.readTree(response.body()).path("error").asText();
    }

    private static String jwt(String secret, String user, Instant expires) throws Exception {
        return signed(secret, new JWTClaimsSet.Builder().claim("id", user).expirationTime(Date.from(expires)).build());
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
