package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sheetsmith.application.ApiKeyService;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.Role;
import dev.sheetsmith.ports.in.ApiKeysUseCase.CreatedApiKey;
import io.dropwizard.testing.DropwizardTestSupport;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * apiKeys.cacheTtl is how long a server trusts an active key's row it read: with 0 seconds a key revoked
 * elsewhere (another replica, the database directly; here a second key store on the same database) stops at
 * the very next request, where the default 5 seconds would still let it through.
 */
class KeyCacheTtlIT {

    private DropwizardTestSupport<SheetsmithConfiguration> app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.after();
        }
    }

    @Test
    void withACacheTtlOfZeroAKeyRevokedElsewhereStopsAtTheNextRequest() throws Exception {
        Path data = TestServers.tempDir("sheetsmith-key-ttl-it");
        ApiKeyService elsewhere = TestServers.keys(data);
        CreatedApiKey key = elsewhere.create(new Owner("carol"), Role.USER, false);
        app = TestServers.support(data, "apiKeys.cacheTtl", "0 seconds");
        app.before();
        assertThat(app.getConfiguration().apiKeys.cacheLifetime()).isZero();
        McpHttp http = new McpHttp(app.getLocalPort());
        String[] auth = {"Authorization", "Bearer " + key.secret()};
        String init = McpHttp.request(1, "initialize", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
                "clientInfo", Map.of("name", "t", "version", "1")));
        assertThat(http.post(null, init, auth).statusCode()).isEqualTo(200);

        assertThat(elsewhere.revoke(key.key().id())).isTrue();
        assertThat(http.post(null, init, auth).statusCode()).as("revoked in the database, not through this server")
                .isEqualTo(401);
    }
}
