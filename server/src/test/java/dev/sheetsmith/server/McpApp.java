package dev.sheetsmith.server;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole app for one test class, as most ITs want it: the real config.yml on a temp H2 database
 * and file folder, port 0 ({@link TestServers#overrides}), started before the class and stopped
 * after it. Register it on a static field and open MCP sessions per test from instance fields:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final McpApp APP = McpApp.start("sheetsmith-x-it", "limits.maxCellsPerCall", "1000");
 *
 * private final McpHttp http = APP.http();
 * private final String session = APP.session(http);
 * }</pre>
 */
final class McpApp implements BeforeAllCallback, AfterAllCallback {

    private final Path dataDir;
    private final DropwizardAppExtension<SheetsmithConfiguration> app;

    private McpApp(Path dataDir, String... overrides) {
        this.dataDir = dataDir;
        this.app = TestServers.app(dataDir, overrides);
    }

    /** An app on a new temp folder named after {@code prefix}, with config overrides as key/value pairs. */
    static McpApp start(String prefix, String... overrides) {
        return new McpApp(TestServers.tempDir(prefix), overrides);
    }

    /** An app on {@code dataDir}, for a test that puts something there first (plugins, files). */
    static McpApp on(Path dataDir, String... overrides) {
        return new McpApp(dataDir, overrides);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        try {
            app.before();
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("the app did not start", t);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        app.after();
    }

    int getLocalPort() {
        return app.getLocalPort();
    }

    int getAdminPort() {
        return app.getAdminPort();
    }

    Path dataDir() {
        return dataDir;
    }

    /** A bare-HTTP MCP client of this app. */
    McpHttp http() {
        return new McpHttp(getLocalPort());
    }

    /** The MCP Java SDK's client of this app, initialized; the caller closes it. */
    McpSyncClient sdkClient() {
        return sdkClient(getLocalPort());
    }

    /** The MCP Java SDK's client of the app on {@code port}, initialized; the caller closes it. */
    static McpSyncClient sdkClient(int port) {
        var transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port).endpoint("/mcp").build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return client;
    }

    /** A new initialized MCP session of {@code http}: its id. */
    String session(McpHttp http) {
        try {
            return http.initialize();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening an MCP session", e);
        }
    }
}
