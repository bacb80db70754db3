package dev.sheetsmith.adapters.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sheetsmith.adapters.http.BaseUrls;
import dev.sheetsmith.adapters.http.InMemoryKeys;
import dev.sheetsmith.adapters.http.auth.BearerKeyOwners;
import dev.sheetsmith.adapters.http.auth.KeyAuth;
import dev.sheetsmith.adapters.http.web.ApiExceptionMappers;
import dev.sheetsmith.domain.AuditEvent;
import dev.sheetsmith.domain.McpSession;
import dev.sheetsmith.domain.NotFoundException;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.OwnerUsage;
import dev.sheetsmith.domain.Page;
import dev.sheetsmith.domain.Role;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.ports.in.AdminUseCase;
import dev.sheetsmith.ports.in.AuditUseCase;
import dev.sheetsmith.ports.in.ConvertFilesUseCase;
import dev.sheetsmith.ports.in.CreatedWorkbook;
import dev.sheetsmith.ports.in.DownloadLink;
import dev.sheetsmith.ports.in.ManageFilesUseCase;
import dev.sheetsmith.ports.in.TransferFilesUseCase;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin resource in Jersey, without a port: who gets in, and how errors come back. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AdminResourceTest {

    private static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");

    private final InMemoryKeys keys = new InMemoryKeys();
    private final List<String> audited = new ArrayList<>();
    private final StoredFile report = new StoredFile("f1", new Owner("alice"), "report.xlsx", "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", 123, "ab".repeat(32), 2, "s/f1",
            NOW, NOW);

    private final ResourceExtension resources = resources();

    private ResourceExtension resources() {
        BearerKeyOwners owners = new BearerKeyOwners(keys, "X-OpenWebUI-User-Id", null,
                Clock.fixed(NOW, ZoneOffset.UTC));
        ResourceExtension.Builder builder = ResourceExtension.builder().addResource(new AdminResource(new Files(),
                keys, new Formats(), new BaseUrls("https://sheets.example.com"), () -> Map.of("database", "h2"),
                new Audit(), () -> List.of(report), command -> new TransferFilesUseCase.Transfer(command.from(),
                        command.to(), List.of(new TransferFilesUseCase.Moved("f1", "report.xlsx",
                                "report (2).xlsx")))));
        ApiExceptionMappers.all().forEach(builder::addProvider);
        KeyAuth.providers(owners).forEach(builder::addProvider);
        return builder.build();
    }

    @Test
    void aServerWithoutKeysTreatsTheCallerAsItsLocalAdmin() {
        Response created = call("/api/admin/keys", null).post(Entity.json(Map.of("owner", "ops", "role", "admin")));
        assertThat(created.getStatus()).isEqualTo(200);
        JsonNode body = created.readEntity(JsonNode.class);
        assertThat(body.path("secret").asText()).startsWith("ssk_");
        assertThat(body.path("note").asText()).isEqualTo("The secret is shown only now.");
        assertThat(body.path("role").asText()).isEqualTo("admin");
        assertThat(audited).containsExactly("ops|local-admin|admin.key.create|key k1, admin");
    }

    @Test
    void withKeysARequestWithoutOneIsAnswered401WithTheBearerChallenge() {
        keys.create(new Owner("ops"), Role.ADMIN, false);
        Response response = call("/api/admin/info", null).get();
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(error(response)).startsWith("Unauthorized: this server needs 'Authorization: Bearer <API key>'");
    }

    @Test
    void aWrongKeyIsAnswered401AndTheKeyIsNotRepeated() {
        keys.create(new Owner("ops"), Role.ADMIN, false);
        Response response = call("/api/admin/info", "ssk_k1_wrong").get();
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(error(response)).contains("not a valid, unrevoked Sheetsmith API key").doesNotContain("wrong");
        // refused before its body is read: the connection is not offered for another request
        assertThat(response.getHeaderString("Connection")).isEqualTo("close");
    }

    @Test
    void aUserKeyIsAnswered403NotAnAdminKey() {
        String user = keys.create(new Owner("alice"), Role.USER, false).secret();
        Response response = call("/api/admin/keys", user).get();
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(error(response)).isEqualTo("Forbidden: this is the admin API and the key is not an admin key");
        assertThat(response.getHeaderString("Connection")).isEqualTo("close");
    }

    @Test
    void aGatewayKeyThatNamesNoEndUserIsAnswered403NamingOpenWebUisSetting() {
        String gateway = keys.create(new Owner("openwebui"), Role.ADMIN, true).secret();
        Response response = call("/api/admin/info", gateway).get();
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(error(response)).contains(BearerKeyOwners.OPEN_WEBUI_FORWARD_SETTING);
    }

    @Test
    void aGatewaysEndUserIsNeverAnAdmin() {
        String gateway = keys.create(new Owner("openwebui"), Role.ADMIN, true).secret();
        Response response = call("/api/admin/info", gateway).header("X-OpenWebUI-User-Id", "u42").get();
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(error(response)).contains("not an admin key");
    }

    @Test
    void anAdminKeyListsKeysInPagesWithoutSecretsAndTheActorIsTheKey() {
        String admin = keys.create(new Owner("ops"), Role.ADMIN, false).secret();
        String secret = call("/api/admin/keys", admin).post(Entity.json(Map.of("owner", " carol ")))
                .readEntity(JsonNode.class).path("secret").asText();
        JsonNode first = call("/api/admin/keys?limit=1", admin).get(JsonNode.class);
        assertThat(first.path("items").size()).isEqualTo(1);
        assertThat(first.path("items").get(0).fieldNames()).toIterable().containsExactly("id", "owner", "role",
                "gateway", "active", "created", "lastUsed");
        assertThat(first.path("nextCursor").asText()).isEqualTo("k1");
        JsonNode second = call("/api/admin/keys?limit=1&cursor=k1", admin).get(JsonNode.class);
        assertThat(second.path("items").get(0).path("owner").asText()).isEqualTo("carol");
        assertThat(second.path("nextCursor").isNull()).isTrue();
        assertThat(second.toString()).doesNotContain(secret);
        assertThat(audited).containsExactly("carol|key k1|admin.key.create|key k2, user");
    }

    @Test
    void badInputIsAnswered400InTheApisErrorShape() {
        String admin = keys.create(new Owner("ops"), Role.ADMIN, false).secret();
        Response noOwner = call("/api/admin/keys", admin).post(Entity.json(Map.of()));
        assertThat(noOwner.getStatus()).isEqualTo(400);
        assertThat(error(noOwner)).isEqualTo("'owner' is required, e.g. {\"owner\": \"alice\"}");
        Response badRole = call("/api/admin/keys", admin).post(Entity.json(Map.of("owner", "x", "role", "boss")));
        assertThat(badRole.getStatus()).isEqualTo(400);
        assertThat(error(badRole)).contains("boss");
        Response badLimit = call("/api/admin/owners?limit=0", admin).get();
        assertThat(badLimit.getStatus()).isEqualTo(400);
        assertThat(error(badLimit)).isEqualTo("'limit' must be between 1 and 500");
        Response badSince = call("/api/admin/files?since=yesterday", admin).get();
        assertThat(badSince.getStatus()).isEqualTo(400);
        assertThat(error(badSince)).contains("'since' must be a date");
        Response noOwnerToEnd = call("/api/admin/sessions", admin).delete();
        assertThat(noOwnerToEnd.getStatus()).isEqualTo(400);
        assertThat(keys.list()).hasSize(1);
        assertThat(audited).isEmpty();
    }

    @Test
    void unknownItemsAreAnswered404InTheApisErrorShape() {
        String admin = keys.create(new Owner("ops"), Role.ADMIN, false).secret();
        Response key = call("/api/admin/keys/nope", admin).delete();
        assertThat(key.getStatus()).isEqualTo(404);
        assertThat(error(key)).isEqualTo("no active key with id nope");
        Response file = call("/api/admin/files/nope", admin).get();
        assertThat(file.getStatus()).isEqualTo(404);
        assertThat(error(file)).isEqualTo("no file with id nope");
        assertThat(audited).isEmpty();
    }

    @Test
    void aFileCarriesItsOwnerAndALinkOnTheConfiguredBase() {
        String admin = keys.create(new Owner("ops"), Role.ADMIN, false).secret();
        JsonNode file = call("/api/admin/files/f1", admin).get(JsonNode.class);
        assertThat(file.fieldNames()).toIterable().containsExactly("fileId", "name", "format", "sizeBytes", "revision",
                "sha256", "modified", "owner", "downloadUrl", "expiresAt");
        assertThat(file.path("downloadUrl").asText()).isEqualTo("https://sheets.example.com/files/f1/report.xlsx?exp=1&sig=x");
        JsonNode listed = call("/api/admin/files", admin).get(JsonNode.class).path("items").get(0);
        // the list names each file's owner too: the console's admin view shows whose file it deletes
        assertThat(listed.path("owner").asText()).isEqualTo("alice");
        assertThat(listed.has("downloadUrl")).isFalse();
        JsonNode purge = call("/api/admin/retention", admin).get(JsonNode.class).path("nextPurge").get(0);
        assertThat(purge.path("owner").asText()).isEqualTo("alice");
        assertThat(purge.has("downloadUrl")).isFalse();
    }

    @Test
    void aTransferSaysWhatMovedAndWhoDidIt() {
        String admin = keys.create(new Owner("ops"), Role.ADMIN, false).secret();
        JsonNode moved = call("/api/admin/owners/local/transfer", admin).post(Entity.json(Map.of("to", "alice")))
                .readEntity(JsonNode.class);
        assertThat(moved.path("from").asText()).isEqualTo("local");
        assertThat(moved.path("moved").get(0).path("previousName").asText()).isEqualTo("report.xlsx");
        assertThat(moved.path("moved").get(0).path("name").asText()).isEqualTo("report (2).xlsx");
        Response same = call("/api/admin/owners/alice/transfer", admin).post(Entity.json(Map.of("to", "alice")));
        assertThat(same.getStatus()).isEqualTo(400);
        assertThat(error(same)).contains("same owner");
    }

    private Invocation.Builder call(String path, String key) {
        String[] pathAndQuery = path.split("\\?", 2);
        WebTarget target = resources.target(pathAndQuery[0]);
        if (pathAndQuery.length > 1) {
            for (String pair : pathAndQuery[1].split("&")) {
                String[] nameAndValue = pair.split("=", 2);
                target = target.queryParam(nameAndValue[0], nameAndValue[1]);
            }
        }
        Invocation.Builder request = target.request();
        return key == null ? request : request.header("Authorization", "Bearer " + key);
    }

    private static String error(Response response) {
        assertThat(response.getMediaType().toString()).startsWith("application/json");
        JsonNode body = response.readEntity(JsonNode.class);
        assertThat(body.size()).isEqualTo(1);
        return body.path("error").asText();
    }

    private final class Files implements AdminUseCase {

        @Override
        public List<OwnerUsage> owners() {
            return List.of(new OwnerUsage(new Owner("alice"), 1, 123, 0, NOW));
        }

        @Override
        public Page<McpSession> sessions(Owner owner, String cursor, int limit) {
            return new Page<>(List.of(), null);
        }

        @Override
        public boolean endSession(String sessionId) {
            return false;
        }

        @Override
        public int endSessions(Owner owner) {
            return 0;
        }

        @Override
        public Page<StoredFile> files(Owner owner, String nameContains, Instant changedSince, String cursor, int limit) {
            return new Page<>(List.of(report), null);
        }

        @Override
        public ManageFilesUseCase.LinkedFile file(String fileId) {
            if (!fileId.equals(report.id())) {
                throw new NotFoundException("no file with id " + fileId);
            }
            return new ManageFilesUseCase.LinkedFile(report, new DownloadLink("/files/f1/report.xlsx?exp=1&sig=x",
                    NOW.plusSeconds(3600)));
        }

        @Override
        public StoredFile deleteFile(String fileId) {
            throw new NotFoundException("no file with id " + fileId);
        }
    }

    private final class Audit implements AuditUseCase {

        @Override
        public void record(String owner, String actor, String action, String fileId, String detail) {
            audited.add(owner + "|" + actor + "|" + action + "|" + detail);
        }

        @Override
        public Page<AuditEvent> events(String owner, String action, String cursor, int limit) {
            return new Page<>(List.of(), null);
        }
    }

    private static final class Formats implements ConvertFilesUseCase {

        @Override
        public CreatedWorkbook exportFile(Owner owner, String fileRef, String format, String sheet) {
            throw new UnsupportedOperationException("not an admin route");
        }

        @Override
        public CreatedWorkbook importFile(Owner owner, String filename, byte[] content, String sourceFormat) {
            throw new UnsupportedOperationException("not an admin route");
        }

        @Override
        public List<FormatInfo> formats() {
            return List.of(new FormatInfo("xlsx", "xlsx", "application/xlsx", "Excel", true, 100, "built-in"));
        }
    }
}
