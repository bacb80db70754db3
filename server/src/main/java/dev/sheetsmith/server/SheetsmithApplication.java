package dev.sheetsmith.server;

import dev.sheetsmith.adapters.http.admin.AdminResource;
import dev.sheetsmith.adapters.http.BaseUrls;
import dev.sheetsmith.adapters.http.web.ConsoleSecurityFilter;
import dev.sheetsmith.adapters.http.web.CorsFilter;
import dev.sheetsmith.adapters.http.openapi.OpenApiResource;
import dev.sheetsmith.adapters.http.openapi.PreviewCards;
import dev.sheetsmith.adapters.http.openapi.ResourcePaths;
import dev.sheetsmith.adapters.http.web.ApiExceptionMappers;
import dev.sheetsmith.adapters.http.web.RequestGuardFilter;
import dev.sheetsmith.adapters.http.auth.BearerKeyOwners;
import dev.sheetsmith.adapters.http.auth.KeyAuth;
import dev.sheetsmith.adapters.http.downloads.DownloadResource;
import dev.sheetsmith.adapters.http.mcp.McpEndpointServlet;
import dev.sheetsmith.adapters.http.mcp.McpServerFactory;
import dev.sheetsmith.adapters.http.tools.ToolRegistry;
import dev.sheetsmith.adapters.libreoffice.LibreOfficeEngine;
import dev.sheetsmith.adapters.storage.FilesystemFileStore;
import dev.sheetsmith.adapters.storage.JdbiApiKeyStore;
import dev.sheetsmith.adapters.storage.JdbiAuditLog;
import dev.sheetsmith.adapters.storage.S3FileStore;
import dev.sheetsmith.adapters.storage.JdbiFileMetadataStore;
import dev.sheetsmith.adapters.storage.JdbiSessionStore;
import dev.sheetsmith.adapters.storage.JdbiSettingsStore;
import dev.sheetsmith.adapters.storage.SchemaMigrator;
import dev.sheetsmith.adapters.storage.StorageJdbi;
import dev.sheetsmith.adapters.storage.TempFileScratchSpace;
import dev.sheetsmith.application.AdminService;
import dev.sheetsmith.application.ApiKeyService;
import dev.sheetsmith.application.AuditService;
import dev.sheetsmith.application.ConvertFilesService;
import dev.sheetsmith.application.CreateWorkbookService;
import dev.sheetsmith.application.DownloadFileService;
import dev.sheetsmith.application.DownloadLinks;
import dev.sheetsmith.application.EditWorkbookService;
import dev.sheetsmith.application.FormatRegistry;
import dev.sheetsmith.application.ManageFilesService;
import dev.sheetsmith.application.MemoryBudget;
import dev.sheetsmith.application.McpSessionService;
import dev.sheetsmith.application.OwnerTransferService;
import dev.sheetsmith.application.Quota;
import dev.sheetsmith.application.RetentionService;
import dev.sheetsmith.application.RevisionCommitter;
import dev.sheetsmith.application.StorageSweepService;
import dev.sheetsmith.application.ReadWorkbookService;
import dev.sheetsmith.domain.Limits;
import dev.sheetsmith.engine.xlsx.edit.XlsxWorkbookEditor;
import dev.sheetsmith.engine.xlsx.read.XlsxWorkbookReader;
import dev.sheetsmith.ports.out.FileStore;
import dev.sheetsmith.ports.out.Recalculator;
import dev.sheetsmith.ports.out.Renderer;
import dev.sheetsmith.spi.FormatPlugin;
import dev.sheetsmith.spi.ReadLimits;
import com.codahale.metrics.Gauge;
import io.dropwizard.assets.AssetsBundle;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.lifecycle.Managed;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapperSupplier;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletRegistration;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root: every collaborator is built here, and only here. */
public final class SheetsmithApplication extends Application<SheetsmithConfiguration> {

    private static final Logger LOG = LoggerFactory.getLogger(SheetsmithApplication.class);

    /** stdin and the stream MCP messages go to, for the stdio command. */
    private final InputStream stdin;
    private final OutputStream protocolOut;
    private volatile Wired wired;

    public SheetsmithApplication() {
        this(System.in, System.out);
    }

    SheetsmithApplication(InputStream stdin, OutputStream protocolOut) {
        this.stdin = stdin;
        this.protocolOut = protocolOut;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && StdioCommand.NAME.equals(args[0])) {
            // Only MCP messages may reach stdout: everything else that prints, console logging included, goes to
            // stderr from here on.
            PrintStream protocol = System.out;
            System.setOut(System.err);
            new SheetsmithApplication(System.in, protocol).run(args);
            // Thread pools of the wiring are not daemons; the command has stopped what it started.
            System.exit(0);
        }
        new SheetsmithApplication().run(args);
    }

    /** What run() wired that the stdio command serves (it starts no HTTP server). */
    record Wired(ToolRegistry tools, McpJsonMapper json, Duration requestTimeout) {
    }

    Wired wired() {
        if (wired == null) {
            throw new IllegalStateException("the application has not been run");
        }
        return wired;
    }

    @Override
    public String getName() {
        return "sheetsmith";
    }

    @Override
    public void initialize(Bootstrap<SheetsmithConfiguration> bootstrap) {
        // ${VAR} and ${VAR:-default} in config.yml come from the environment (Docker, systemd); defaults may
        // nest (${SHEETSMITH_MAX_ROWS:-${MAX_ROWS:-1048576}}).
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false, true)));
        bootstrap.addCommand(new KeysCommand(System.out));
        bootstrap.addCommand(new StdioCommand(this, stdin, protocolOut));
        // The web console: static files, no build step; "/" leads to it.
        bootstrap.addBundle(new AssetsBundle("/assets/console", "/console", "index.html", "console"));
    }

    /** The second engine when libreoffice.enabled, with its health check; null when off. */
    private static LibreOfficeEngine libreOffice(SheetsmithConfiguration config, Environment env) {
        if (!config.libreoffice.enabled) {
            return null;
        }
        LibreOfficeEngine engine = new LibreOfficeEngine(Path.of(config.libreoffice.path),
                Duration.ofMillis(config.libreoffice.timeout.toMilliseconds()),
                Path.of(System.getProperty("java.io.tmpdir"), "sheetsmith-libreoffice-" + ProcessHandle.current().pid()),
                config.libreoffice.processes);
        env.healthChecks().register("libreoffice", new LibreOfficeHealthCheck(engine));
        env.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                engine.deleteWorkDirectory();
            }
        });
        return engine;
    }

    @Override
    public void run(SheetsmithConfiguration config, Environment env) throws Exception {
        Clock clock = Clock.systemUTC();

        Databases.makeDurable(config.database);
        Jdbi jdbi = StorageJdbi.configure(new JdbiFactory().build(env, config.database, "database"));
        new SchemaMigrator(jdbi).migrate();
        Databases.checkDurable(jdbi, config.database.getUrl());
        ApiKeyService apiKeys = new ApiKeyService(new JdbiApiKeyStore(jdbi), clock);
        requireLoopbackWithoutKeys(config, apiKeys.anyActive());
        FileStore fileStore = fileStore(config, env);
        JdbiSessionStore sessionStore = new JdbiSessionStore(jdbi);
        JdbiFileMetadataStore fileMetadata = new JdbiFileMetadataStore(jdbi);

        Map<String, String> formatSources = new LinkedHashMap<>();
        FormatRegistry formats = new FormatRegistry(loadFormats(config, formatSources));
        env.healthChecks().register("format-plugins", new FormatPluginsHealthCheck(formatSources));
        DownloadLinks links = new DownloadLinks(downloadSecret(config, new JdbiSettingsStore(jdbi)),
                Duration.ofMillis(config.downloads.linkTtl.toMilliseconds()), clock);
        Limits limits = new Limits(config.limits.maxCellsPerCall, config.limits.maxSheets, config.limits.maxRows,
                config.limits.maxColumns);
        Quota quota = new Quota(fileMetadata, config.limits.ownerQuotaBytes);
        XlsxWorkbookEditor editor = new XlsxWorkbookEditor(limits.maxRows());
        MemoryBudget memory = memoryBudget(config, env);
        var createWorkbook = new CreateWorkbookService(formats, fileStore, fileMetadata, links, limits, clock, quota,
                editor, new TempFileScratchSpace(), memory);
        var sessions = new McpSessionService(sessionStore,
                Duration.ofMillis(config.mcp.sessionIdleTimeout.toMilliseconds()), clock,
                config.mcp.maxSessionsPerOwner);

        scheduleSessionSweep(env, sessions, config.mcp.sessionSweepInterval.toMilliseconds());

        McpJsonMapper json = new JacksonMcpJsonMapperSupplier().get();
        BaseUrls baseUrls = new BaseUrls(config.downloads.publicBaseUrl);
        Duration requestTimeout = Duration.ofMillis(config.mcp.requestTimeout.toMilliseconds());
        BearerKeyOwners owners = new BearerKeyOwners(apiKeys, config.identity.userIdHeader, config.identity.jwtSecret,
                BearerKeyOwners.GatewayWithoutUser.of(config.identity.gatewayWithoutUser), clock);
        McpEndpointServlet mcp = new McpEndpointServlet(json, sessions, owners, baseUrls,
                new McpEndpointServlet.Settings(requestTimeout, config.mcp.requireSession,
                        Duration.ofMillis(config.mcp.progressInterval.toMilliseconds()),
                        dev.sheetsmith.adapters.http.tools.ToolProfile.named(config.mcp.toolProfile).orElseThrow()));
        var files = new ManageFilesService(fileMetadata, fileStore, links);
        LibreOfficeEngine libreOffice = libreOffice(config, env);
        var workbooks = new ReadWorkbookService(fileMetadata, fileStore, new XlsxWorkbookReader(), memory,
                libreOffice == null ? Recalculator.OFF : libreOffice);
        var edits = new EditWorkbookService(fileMetadata, fileStore, editor, links, limits,
                new RevisionCommitter(fileMetadata, fileStore, quota, config.files.keepRevisions, clock), memory);
        var convert = new ConvertFilesService(formats, fileMetadata, fileStore, createWorkbook,
                config.limits.maxImportBytes, formatSources, new ReadLimits(limits.maxCellsPerCall(),
                        limits.maxRows(), limits.maxColumns(), config.limits.maxUnpackedBytes,
                        config.limits.maxImportBytes), memory,
                libreOffice == null ? Renderer.off(ConvertFilesService.PDF_OFF) : libreOffice);
        AuditService audit = new AuditService(new JdbiAuditLog(jdbi), clock);
        ToolRegistry tools = new ToolRegistry(json, env.metrics(), audit, createWorkbook, files, workbooks, edits,
                convert, config.compat.excelTools);
        wired = new Wired(tools, json, requestTimeout);
        McpStatelessSyncServer mcpServer = new McpServerFactory(json, version()).build(mcp, tools, requestTimeout);
        env.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                mcpServer.close();
            }
        });
        ServletRegistration.Dynamic servlet = env.servlets().addServlet("mcp", mcp);
        servlet.setAsyncSupported(true);
        servlet.addMapping("/mcp");
        // Host, Origin, JSON content type and the body limit, on every route of the port, ahead of the rest.
        env.servlets().addFilter("request-guard", new RequestGuardFilter(allowedHosts(config),
                Set.copyOf(config.mcp.allowedOrigins), Set.copyOf(config.openapi.corsOrigins), config.mcp.maxRequestBytes))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        // Errors as JSON from every REST route; Dropwizard's auth (keys, @RolesAllowed) over the same key policy as /mcp.
        ApiExceptionMappers.all().forEach(env.jersey()::register);
        KeyAuth.providers(owners).forEach(env.jersey()::register);

        env.jersey().register(new DownloadResource(new DownloadFileService(links, fileMetadata, fileStore)));
        env.jersey().register(new OpenApiResource(tools, new PreviewCards(workbooks, files), baseUrls, version(),
                ResourcePaths.of(AdminResource.class)));
        RetentionService retention = new RetentionService(fileMetadata, files, audit,
                Duration.ofDays(config.files.maxAgeDays), clock);
        scheduleRetention(env, retention, config.files);
        scheduleStorageSweep(env, new StorageSweepService(fileMetadata, fileStore,
                sweepSafetyAge(requestTimeout), clock), config.files.retentionInterval.toMilliseconds());
        Instant started = clock.instant();
        env.jersey().register(new AdminResource(new AdminService(fileMetadata, sessionStore, files), apiKeys,
                convert, baseUrls, () -> serverInfo(config, started, clock, memory), audit, () -> retention.preview(),
                new OwnerTransferService(fileMetadata, audit)));
        env.servlets().addFilter("console-security", new ConsoleSecurityFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/console/*");
        env.servlets().addServlet("console-redirect", new ConsoleRedirectServlet()).addMapping("");
        env.servlets().addFilter("openapi-cors", new CorsFilter(Set.copyOf(config.openapi.corsOrigins)))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/openapi.json", "/api/*");
        AdminPort.install(env, config.adminTasks);
        if (config.getServerFactory() instanceof DefaultServerFactory serverFactory) {
            ServerStartup.register(env, serverFactory, version());
        }
        LOG.info("Sheetsmith {} ready: MCP at /mcp, formats {}", version(),
                formats.all().stream().map(FormatPlugin::id).toList());
    }

    /** The memory budget, with its figures as gauges (memory-budget.*) on the admin port's /metrics. */
    private static MemoryBudget memoryBudget(SheetsmithConfiguration config, Environment env) {
        long maxHeap = Runtime.getRuntime().maxMemory();
        MemoryBudget budget = new MemoryBudget(config.limits.memoryBudgetBytes(maxHeap),
                Duration.ofMillis(config.limits.memoryWait.toMilliseconds()));
        env.metrics().register("memory-budget.capacity-bytes", (Gauge<Long>) budget::capacityBytes);
        env.metrics().register("memory-budget.reserved-bytes", (Gauge<Long>) budget::reservedBytes);
        env.metrics().register("memory-budget.peak-bytes", (Gauge<Long>) budget::peakBytes);
        env.metrics().register("memory-budget.waiting-calls", (Gauge<Integer>) budget::waitingCalls);
        env.metrics().register("memory-budget.refused-calls", (Gauge<Long>) budget::refusedCalls);
        LOG.info("Memory budget: {} MB of a {} MB maximum heap (limits.memoryBudget {})",
                budget.capacityBytes() / 1_000_000, maxHeap / 1_000_000, config.limits.memoryBudget);
        return budget;
    }

    private static Map<String, Object> serverInfo(SheetsmithConfiguration config, Instant started, Clock clock,
            MemoryBudget memory) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("version", version());
        info.put("started", started.toString());
        info.put("uptimeSeconds", Duration.between(started, clock.instant()).toSeconds());
        String url = config.database.getUrl();
        info.put("database", url.startsWith("jdbc:postgresql") ? "postgresql" : url.startsWith("jdbc:h2") ? "h2" : "other");
        info.put("storage", config.storage.type);
        info.put("limits", Map.of("maxCellsPerCall", config.limits.maxCellsPerCall, "maxSheets",
                config.limits.maxSheets, "maxImportBytes", config.limits.maxImportBytes, "maxRequestBytes",
                config.mcp.maxRequestBytes, "keepRevisions", config.files.keepRevisions));
        Map<String, Object> budget = new LinkedHashMap<>();
        budget.put("capacityBytes", memory.capacityBytes());
        budget.put("reservedBytes", memory.reservedBytes());
        budget.put("peakBytes", memory.peakBytes());
        budget.put("waitingCalls", memory.waitingCalls());
        budget.put("refusedCalls", memory.refusedCalls());
        budget.put("maxWaitSeconds", memory.maxWait().toSeconds());
        budget.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        info.put("memoryBudget", budget);
        return info;
    }

    /** Local files by default; an S3 bucket when storage.type is s3. Each with its health check. */
    private static FileStore fileStore(SheetsmithConfiguration config, Environment env) throws IOException {
        if ("s3".equals(config.storage.type)) {
            SheetsmithConfiguration.S3 s3 = config.storage.s3;
            if (s3.bucket == null || s3.bucket.isBlank()) {
                throw new IllegalStateException("storage.type is s3 but storage.s3.bucket is empty");
            }
            S3FileStore store = new S3FileStore(s3.bucket, s3.prefix, s3.region, s3.endpoint, s3.pathStyle,
                    s3.accessKey, s3.secretKey);
            env.lifecycle().manage(new Managed() {
                @Override
                public void stop() {
                    store.close();
                }
            });
            env.healthChecks().register("file-store", new FileStoreHealthCheck(store::reachable,
                    "bucket " + s3.bucket + " does not answer"));
            return new TimedFileStore(store, env.metrics(), "s3");
        }
        FilesystemFileStore store = new FilesystemFileStore(Path.of(config.storage.directory));
        env.healthChecks().register("file-store", new FileStoreHealthCheck(store::isWritable,
                "file store folder is missing or read-only"));
        return new TimedFileStore(store, env.metrics(), "local");
    }

    /** The retention job; with retentionDryRun it only logs what it would delete. */
    private static void scheduleRetention(Environment env, RetentionService retention,
            SheetsmithConfiguration.Files files) {
        if (files.maxAgeDays <= 0) {
            return;
        }
        long every = files.retentionInterval.toMilliseconds();
        env.lifecycle().scheduledExecutorService("retention", true).threads(1).build().scheduleWithFixedDelay(() -> {
            try {
                var due = retention.preview();
                if (due.isEmpty()) {
                    return;
                }
                LOG.info("Retention: {} file(s) unchanged for over {} days{}: {}", due.size(), files.maxAgeDays,
                        files.retentionDryRun ? " would be deleted (dry run)" : " are deleted",
                        due.stream().map(f -> f.owner().id() + "/" + f.name()).toList());
                if (!files.retentionDryRun) {
                    retention.purge();
                }
            } catch (RuntimeException e) {
                LOG.warn("Retention run failed; it runs again in {} ms", every, e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Bytes no row names are removed at start-up and then with the retention job's interval. Only
     * those older than any call can take: a write on another replica may still be before its commit.
     */
    private static void scheduleStorageSweep(Environment env, StorageSweepService sweep, long everyMillis) {
        ScheduledExecutorService sweeper = env.lifecycle().scheduledExecutorService("storage-sweep", true).threads(1)
                .build();
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                StorageSweepService.Swept swept = sweep.sweep();
                if (swept.orphansDeleted() > 0 || swept.unfinishedWritesRemoved() > 0) {
                    LOG.info("Storage sweep: removed {} stored file(s) that no file or revision names and {}"
                            + " unfinished write(s), of {} stored", swept.orphansDeleted(),
                            swept.unfinishedWritesRemoved(), swept.keys());
                }
            } catch (RuntimeException e) {
                LOG.warn("Storage sweep failed; it runs again in {} ms", everyMillis, e);
            }
        }, 0, everyMillis, TimeUnit.MILLISECONDS);
    }

    /** At least an hour, and well beyond the longest a call may take (mcp.requestTimeout). */
    static Duration sweepSafetyAge(Duration requestTimeout) {
        Duration twice = requestTimeout.multipliedBy(2);
        return twice.compareTo(Duration.ofHours(1)) > 0 ? twice : Duration.ofHours(1);
    }

    /** One DELETE of idle rows: harmless when several replicas run it at the same time. */
    private static void scheduleSessionSweep(Environment env, McpSessionService sessions, long everyMillis) {
        ScheduledExecutorService sweeper = env.lifecycle().scheduledExecutorService("session-sweep", true).threads(1)
                .build();
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                int removed = sessions.sweep();
                if (removed > 0) {
                    LOG.info("Removed {} idle MCP session(s)", removed);
                }
            } catch (RuntimeException e) {
                LOG.warn("Session sweep failed; it runs again in {} ms", everyMillis, e);
            }
        }, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
    }

    /** Built-in formats from the class path, then third-party jars; each gets its settings. */
    private static List<FormatPlugin> loadFormats(SheetsmithConfiguration config, Map<String, String> sources)
            throws IOException {
        List<PluginJars.Loaded> found = new ArrayList<>();
        for (FormatPlugin plugin : ServiceLoader.load(FormatPlugin.class)) {
            found.add(new PluginJars.Loaded(plugin, "built-in"));
        }
        String folder = config.plugins.directory;
        found.addAll(PluginJars.load(folder == null || folder.isBlank() ? null : Path.of(folder),
                "skip".equals(config.plugins.onError)));
        List<FormatPlugin> plugins = new ArrayList<>();
        for (PluginJars.Loaded loaded : found) {
            FormatPlugin plugin = loaded.plugin();
            String previous = sources.putIfAbsent(plugin.id(), loaded.source());
            if (previous != null) {
                throw new IllegalStateException("two format plugins use the id '" + plugin.id() + "': " + previous
                        + " and " + loaded.source());
            }
            plugin.configure(config.formats.getOrDefault(plugin.id(), Map.of()));
            LOG.info("Loaded format plugin '{}' ({}) from {}", plugin.id(), plugin.getClass().getName(), loaded.source());
            plugins.add(plugin);
        }
        for (String id : config.formats.keySet()) {
            if (!sources.containsKey(id)) {
                throw new IllegalStateException("formats." + id + " configures a format that is not installed;"
                        + " installed: " + sources.keySet());
            }
        }
        return plugins;
    }

    private static byte[] downloadSecret(SheetsmithConfiguration config, JdbiSettingsStore settings) {
        String configured = config.downloads.secret;
        if (configured != null && !configured.isBlank()) {
            if (configured.length() < 32) {
                throw new IllegalStateException("downloads.secret must have at least 32 characters");
            }
            return configured.getBytes(StandardCharsets.UTF_8);
        }
        String stored = settings.getOrCreate("downloads.secret", () -> {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            return Base64.getEncoder().encodeToString(bytes);
        });
        return Base64.getDecoder().decode(stored);
    }

    private static Set<String> allowedHosts(SheetsmithConfiguration config) {
        Set<String> hosts = new LinkedHashSet<>(config.mcp.allowedHosts);
        String publicUrl = config.downloads.publicBaseUrl;
        if (publicUrl != null && !publicUrl.isBlank()) {
            String host = URI.create(publicUrl.strip()).getHost();
            if (host != null) {
                hosts.add(host);
            }
        }
        return hosts;
    }

    /**
     * Without API keys anyone who reaches the port is the owner of every file, so the server
     * listens only on loopback unless the operator says allowUnauthenticated: true.
     */
    private static void requireLoopbackWithoutKeys(SheetsmithConfiguration config, boolean anyKeys) {
        if (anyKeys || !(config.getServerFactory() instanceof DefaultServerFactory factory)) {
            return;
        }
        for (ConnectorFactory connector : factory.getApplicationConnectors()) {
            if (connector instanceof HttpConnectorFactory http && !isLoopback(http.getBindHost())) {
                if (!config.allowUnauthenticated) {
                    throw new IllegalStateException("server.applicationConnectors binds to '" + http.getBindHost()
                            + "' but no API key exists, so anyone reaching the port would see every file. Create a"
                            + " key first (java -jar sheetsmith.jar keys create --owner NAME), bind to 127.0.0.1, or"
                            + " set allowUnauthenticated: true.");
                }
                LOG.warn("*** allowUnauthenticated is true and the server listens on '{}' with no API key:"
                        + " ANYONE WHO CAN REACH THIS PORT CAN READ AND CREATE FILES. ***", http.getBindHost());
            }
        }
    }

    private static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String version() {
        return SheetsmithVersion.get();
    }
}
