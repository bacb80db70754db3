package dev.sheetsmith.server;

import dev.sheetsmith.adapters.http.mcp.McpServerFactory;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.EnvironmentCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import net.sourceforge.argparse4j.inf.Argument;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar sheetsmith.jar stdio [config.yml]}: the same tools over MCP stdio, for clients
 * that start a process (Claude Desktop, Cursor). The application is wired as for the server, but no
 * HTTP connector is started. Every call acts as the owner 'local'. Download links point at
 * {@code downloads.publicBaseUrl} when it is set (a running HTTP server on the same database and
 * secret); otherwise a result names the file's path on this computer.
 *
 * <p>Only MCP messages go to {@code out}: {@link SheetsmithApplication#main} has pointed
 * {@code System.out}, and with it every console log appender, at stderr before anything runs.
 * An embedded H2 database held by a running server is refused with a message that says what to
 * do, before anything is opened.
 */
final class StdioCommand extends EnvironmentCommand<SheetsmithConfiguration> {

    static final String NAME = "stdio";
    private static final Logger LOG = LoggerFactory.getLogger(StdioCommand.class);

    private final SheetsmithApplication application;
    private final InputStream in;
    private final OutputStream out;

    StdioCommand(SheetsmithApplication application, InputStream in, OutputStream out) {
        super(application, NAME, "Serve the tools over MCP stdio, for clients that start a process"
                + " (Claude Desktop, Cursor); logs go to stderr.");
        this.application = Objects.requireNonNull(application, "application");
        this.in = Objects.requireNonNull(in, "in");
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    protected Argument addFileArgument(Subparser subparser) {
        return subparser.addArgument("file").nargs("?").setDefault("config.yml").help("configuration file");
    }

    @Override
    protected void run(Bootstrap<SheetsmithConfiguration> bootstrap, Namespace namespace,
            SheetsmithConfiguration config) throws Exception {
        // Checked on the URL as configured: the wiring makes it durable (run() below), once.
        if (KeysCommand.inUseByAnotherProcess(config.database)) {
            throw new StdioException("stdio: the database " + shortUrl(config.database.getUrl()) + " is in use by"
                    + " another process, most likely a Sheetsmith server (" + AdminApiKeys.serverUrl(config, null)
                    + ").\n  An embedded H2 database opens in one process only. Either connect the client to that"
                    + " server over HTTP (its /mcp; see the README, 'Claude Desktop'), stop the server, or give"
                    + " stdio a database of its own (SHEETSMITH_DB_URL and SHEETSMITH_FILES_DIR).");
        }
        if (publicBaseUrl(config) == null && config.storage.localDirectory().isEmpty()) {
            throw new StdioException("stdio: storage.type is " + config.storage.type() + ", so files have no path on"
                    + " this computer; set downloads.publicBaseUrl (SHEETSMITH_PUBLIC_URL) to the running server"
                    + " that serves their download links.");
        }
        super.run(bootstrap, namespace, config);
    }

    @Override
    protected void run(Environment environment, Namespace namespace, SheetsmithConfiguration config)
            throws Exception {
        SheetsmithApplication.Wired wired = application.wired();
        List<LifeCycle> managed = environment.lifecycle().getManagedObjects();
        for (LifeCycle each : managed) {
            each.start();
        }
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                List<LifeCycle> reversed = new ArrayList<>(managed);
                Collections.reverse(reversed);
                for (LifeCycle each : reversed) {
                    try {
                        each.stop();
                    } catch (Exception e) {
                        LOG.warn("stopping {} failed", each, e);
                    }
                }
            }
        };
        // A client that ends the process with SIGTERM still gets the pool (and H2) closed.
        Thread hook = new Thread(stop, "stdio-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        String baseUrl = publicBaseUrl(config);
        McpServerFactory.LocalFiles localFiles = null;
        if (baseUrl == null) {
            Path root = Files.createDirectories(config.storage.localDirectory().orElseThrow()).toRealPath();
            localFiles = file -> root.resolve(file.storageKey());
        }
        StdioStreams streams = new StdioStreams(wired.requestTimeout());
        McpSyncServer server = new McpServerFactory(wired.json(), SheetsmithVersion.get()).buildStdio(
                new StdioServerTransportProvider(wired.json(), streams.input(in), streams.output(out)),
                wired.tools(), wired.requestTimeout(), baseUrl, localFiles);
        LOG.info("Sheetsmith {} serving MCP on stdio as owner 'local'; files {}", SheetsmithVersion.get(),
                baseUrl == null ? "by their path under " + root(config) : "by download links at " + baseUrl);
        streams.awaitEnd();
        LOG.info("stdin closed: stopping");
        server.closeGracefully();
        stop.run();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // already exiting: the hook runs (and finds nothing left to do)
        }
    }

    /** A refusal is its message on stderr, not a stack trace. */
    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof StdioException) {
            cli.getStdErr().println(e.getMessage());
        } else {
            super.onError(cli, namespace, e);
        }
    }

    private static String publicBaseUrl(SheetsmithConfiguration config) {
        String url = config.downloads.publicBaseUrl;
        if (url == null || url.isBlank()) {
            return null;
        }
        String stripped = url.strip();
        return stripped.endsWith("/") ? stripped.substring(0, stripped.length() - 1) : stripped;
    }

    private static Path root(SheetsmithConfiguration config) {
        return config.storage.localDirectory().orElseThrow().toAbsolutePath().normalize();
    }

    private static String shortUrl(String url) {
        return url.contains(";") ? url.substring(0, url.indexOf(';')) : url;
    }

    /** A stdio start that cannot go on; its message says what to do. */
    static final class StdioException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        StdioException(String message) {
            super(message, null, false, false);
        }
    }
}
