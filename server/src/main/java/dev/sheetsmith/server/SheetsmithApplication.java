package dev.sheetsmith.server;

import com.codahale.metrics.Gauge;
import dev.sheetsmith.adapters.http.admin.AdminResource;
import dev.sheetsmith.adapters.http.BaseUrls;
import dev.sheetsmith.adapters.http.web.ConsoleSecurityFilter;
import dev.sheetsmith.adapters.http.web.CorsFilter;
import dev.sheetsmith.adapters.http.openapi.OpenApiResource;
import dev.sheetsmith.adapters.http.openapi.PreviewCards;
import dev.sheetsmith.adapters.http.openapi.ResourcePaths;
import dev.sheetsmith.adapters.http.web.ApiExceptionMappers;
import dev.sheetsmith.adapters.http.web.RequestGuardFilter;
import dev.sheetsmith.adapters.http.uploads.UploadResource;
import dev.sheetsmith.adapters.http.auth.BearerKeyOwners;
import dev.sheetsmith.adapters.http.auth.KeyAuth;
import dev.sheetsmith.adapters.http.downloads.DownloadResource;
import dev.sheetsmith.adapters.http.mcp.McpEndpointServlet;
import dev.sheetsmith.adapters.http.mcp.McpServerFactory;
import dev.sheetsmith.adapters.http.pictures.PictureResource;
import dev.sheetsmith.adapters.http.tools.ToolRegistry;
import dev.sheetsmith.adapters.libreoffice.LibreOfficeEngine;
import dev.sheetsmith.adapters.storage.JdbiApiKeyStore;
import dev.sheetsmith.adapters.storage.JdbiAuditLog;
import dev.sheetsmith.adapters.storage.JdbiFileMetadataStore;
import dev.sheetsmith.adapters.storage.JdbiSessionStore;
import dev.sheetsmith.adapters.storage.JdbiSettingsStore;
import dev.sheetsmith.adapters.storage.TempFileScratchSpace;
import dev.sheetsmith.application.AdminService;
import dev.sheetsmith.application.ApiKeyService;
import dev.sheetsmith.application.AuditService;
import dev.sheetsmith.application.ConvertFilesService;
import dev.sheetsmith.application.UploadFilesService;
import dev.sheetsmith.application.ImportChatFileService;
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
import dev.sheetsmith.application.SheetPictureService;
import dev.sheetsmith.application.StorageSweepService;
import dev.sheetsmith.application.ReadWorkbookService;
import dev.sheetsmith.application.ReadIndexes;
import dev.sheetsmith.application.ReadIndexPrebuild;
import dev.sheetsmith.domain.Limits;
import dev.sheetsmith.engine.xlsx.edit.XlsxWorkbookEditor;
import dev.sheetsmith.engine.xlsx.read.XlsxWorkbookReader;
import dev.sheetsmith.engine.xlsx.read.XlsxReadIndex;
import dev.sheetsmith.engine.xlsx.intake.XlsxIntake;
import org.glassfish.jersey.media.multipart.MultiPartFeature;
import dev.sheetsmith.ports.out.FileMetadataStore;
import dev.sheetsmith.ports.out.FileStore;
import dev.sheetsmith.ports.out.Recalculator;
import dev.sheetsmith.ports.out.Renderer;
import dev.sheetsmith.spi.FormatPlugin;
import io.dropwizard.assets.AssetsBundle;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.lifecycle.Managed;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapperSupplier;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletRegistration;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
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

    @Override
    public void run(SheetsmithConfiguration config, Environment env) throws Exception {
        // Stores, formats and what every part shares
        Clock clock = Clock.systemUTC();
        ManagedDataSource pool = Databases.pool(config.database, env);
        Jdbi jdbi = Databases.open(config.database, pool, env);
        ApiKeyService apiKeys = new ApiKeyService(new JdbiApiKeyStore(jdbi, pool, config.apiKeys.cacheLifetime(),
                System::nanoTime), clock);
        LoopbackGuard.requireLoopbackWithoutKeys(config, apiKeys.anyActive());
        FileStore fileStore = config.storage.build(env);
        JdbiSessionStore sessionStore = new JdbiSessionStore(jdbi, pool);
        MemoryBudget memory = memoryBudget(config, env);
        XlsxWorkbookReader reader = new XlsxWorkbookReader();
        ReadIndexes readIndexes = config.files.readIndexes
                ? new ReadIndexes(fileStore, new XlsxReadIndex(), memory, config.files.readIndexCacheBytes) : null;
        FileMetadataStore fileMetadata = prebuildReadIndexes(config, env, readIndexes, reader,
                new JdbiFileMetadataStore(jdbi, pool));
        InstalledFormats installed = InstalledFormats.load(config.plugins, config.formats);
        env.healthChecks().register("format-plugins", new FormatPluginsHealthCheck(installed.sources()));
        FormatRegistry formats = new FormatRegistry(installed.plugins());
        AuditService audit = new AuditService(new JdbiAuditLog(jdbi, pool), clock);
        BackgroundJobs jobs = new BackgroundJobs(env);

        // Use cases
        DownloadLinks links = new DownloadLinks(config.downloads.signingKey(new JdbiSettingsStore(jdbi)),
                config.downloads.linkLifetime(), clock);
        Limits limits = config.limits.toDomain();
        Quota quota = new Quota(fileMetadata, config.limits.ownerQuotaBytes);
        XlsxWorkbookEditor editor = new XlsxWorkbookEditor(limits.maxRows());
        var createWorkbook = new CreateWorkbookService(formats, fileStore, fileMetadata, links, limits, clock, quota,
                editor, new TempFileScratchSpace(), memory);
        var sessions = new McpSessionService(sessionStore, config.mcp.sessionIdleLimit(), clock,
                config.mcp.maxSessionsPerOwner);
        var files = new ManageFilesService(fileMetadata, fileStore, links);
        LibreOfficeEngine libreOffice = libreOffice(config, env);
        var workbooks = new ReadWorkbookService(fileMetadata, fileStore, reader, memory,
                libreOffice == null ? Recalculator.OFF : libreOffice, readIndexes);
        var edits = new EditWorkbookService(fileMetadata, fileStore, editor, links, limits,
                new RevisionCommitter(fileMetadata, fileStore, quota, config.files.keepRevisions, clock), memory);
        var uploads = new UploadFilesService(formats, new XlsxIntake(), fileStore, fileMetadata, links, quota, clock,
                new TempFileScratchSpace(), memory, createWorkbook, config.limits.readLimits(),
                config.limits.maxUploadBytes, UploadFilesService.Macros.valueOf(config.limits.macros.name()));
        var convert = new ConvertFilesService(formats, fileMetadata, fileStore, createWorkbook,
                config.limits.maxImportBytes, installed.sources(), config.limits.readLimits(), memory,
                libreOffice == null ? Renderer.off(ConvertFilesService.PDF_OFF) : libreOffice, uploads);
        var retention = new RetentionService(fileMetadata, files, audit, config.files.maxAge(), clock);

        // MCP and the HTTP routes
        McpJsonMapper json = new JacksonMcpJsonMapperSupplier().get();
        BaseUrls baseUrls = new BaseUrls(config.downloads.publicBaseUrl);
        Duration requestTimeout = config.mcp.requestTimeLimit();
        BearerKeyOwners owners = new BearerKeyOwners(apiKeys, config.identity.userIdHeader, config.identity.jwtSecret,
                config.identity.gatewayPolicy(), clock);
        var chatFiles = new ImportChatFileService(OpenWebUiFiles.of(config.openwebui.baseUrl, config.openwebui.apiKey,
                Duration.ofMillis(config.openwebui.timeout.toMilliseconds())), convert, config.limits.maxImportBytes);
        ToolRegistry tools = new ToolRegistry(json, env.metrics(), audit, createWorkbook, files, workbooks, edits,
                convert, config.compat.excelTools, chatFiles);
        wired = new Wired(tools, json, requestTimeout);
        McpEndpointServlet mcp = new McpEndpointServlet(json, sessions, owners, baseUrls,
                config.mcp.endpointSettings(config.getServerFactory()));
        serveMcp(env, mcp, new McpServerFactory(json, version()).build(mcp, tools, requestTimeout));
        guardRequests(env, config);
        env.jersey().register(new DownloadResource(new DownloadFileService(links, fileMetadata, fileStore)));
        // Errors as JSON from every REST route; Dropwizard's auth (keys, @RolesAllowed) over the same key policy as /mcp.
        ApiExceptionMappers.all().forEach(env.jersey()::register);
        KeyAuth.providers(owners).forEach(env.jersey()::register);
        var pictures = new SheetPictureService(links, fileMetadata, fileStore, libreOffice == null
                ? Renderer.off(ConvertFilesService.PDF_OFF) : libreOffice, memory, config.limits.maxImportBytes);
        env.jersey().register(new PictureResource(pictures));
        env.jersey().register(new OpenApiResource(tools, new PreviewCards(workbooks, files, pictures), baseUrls, version(),
                ResourcePaths.merged(ResourcePaths.of(AdminResource.class), ResourcePaths.of(UploadResource.class))));
        env.jersey().register(MultiPartFeature.class);
        env.jersey().register(new UploadResource(uploads, audit, baseUrls));
        env.jersey().register(new AdminResource(new AdminService(fileMetadata, sessionStore, files), apiKeys,
                convert, baseUrls, new ServerInfo(config, clock, memory), audit, () -> retention.preview(),
                new OwnerTransferService(fileMetadata, audit)));
        serveConsole(env, config);
        AdminPort.install(env, config.adminTasks);

        // Jobs on a timer
        jobs.sessionSweep(sessions, config.mcp.sessionSweepInterval.toMilliseconds());
        jobs.retention(retention, config.files);
        jobs.storageSweep(new StorageSweepService(fileMetadata, fileStore, new TempFileScratchSpace(),
                BackgroundJobs.sweepSafetyAge(requestTimeout), clock), config.files.retentionInterval.toMilliseconds());

        if (config.getServerFactory() instanceof DefaultServerFactory serverFactory) {
            ServerStartup.register(env, serverFactory, version());
        }
        LOG.info("Sheetsmith {} ready: MCP at /mcp, formats {}", version(),
                formats.all().stream().map(FormatPlugin::id).toList());
    }

    /** The second engine when libreoffice.enabled, with its health check; null when off. */
    private static LibreOfficeEngine libreOffice(SheetsmithConfiguration config, Environment env) {
        if (!config.libreoffice.enabled) {
            return null;
        }
        LibreOfficeEngine engine = new LibreOfficeEngine(Path.of(config.libreoffice.path),
                Duration.ofMillis(config.libreoffice.timeout.toMilliseconds()),
                Path.of(System.getProperty("java.io.tmpdir"), "sheetsmith-libreoffice-" + ProcessHandle.current().pid()),
                config.libreoffice.processes, Path.of(config.libreoffice.pdftoppm));
        env.healthChecks().register("libreoffice", new LibreOfficeHealthCheck(engine));
        env.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                engine.deleteWorkDirectory();
            }
        });
        return engine;
    }

    /**
     * The metadata store every writer commits through, watched by the background build of large
     * revisions' read indexes (files.readIndexPrebuildBytes; 0, or no read indexes, builds none
     * ahead), with its counts as gauges (read-index-prebuild.*) on the admin port's /metrics.
     */
    private static FileMetadataStore prebuildReadIndexes(SheetsmithConfiguration config, Environment env,
            ReadIndexes readIndexes, XlsxWorkbookReader reader, FileMetadataStore metadata) {
        if (readIndexes == null || config.files.readIndexPrebuildBytes == 0) {
            return metadata;
        }
        ReadIndexPrebuild prebuild = new ReadIndexPrebuild(readIndexes, reader::reads,
                config.files.readIndexPrebuildBytes, config.files.readIndexPrebuildDelay.toJavaDuration());
        env.metrics().register("read-index-prebuild.built", (Gauge<Long>) prebuild::builtCount);
        env.metrics().register("read-index-prebuild.skipped", (Gauge<Long>) prebuild::skippedCount);
        env.metrics().register("read-index-prebuild.failed", (Gauge<Long>) prebuild::failedCount);
        env.metrics().register("read-index-prebuild.dropped", (Gauge<Long>) prebuild::droppedCount);
        env.metrics().register("read-index-prebuild.waiting", (Gauge<Integer>) prebuild::waitingCount);
        env.lifecycle().manage(new Managed() {
            @Override
            public void start() {
                prebuild.start();
            }

            @Override
            public void stop() throws InterruptedException {
                // what waits is dropped and the build under way cut short: its first read builds it
                prebuild.stop(5, TimeUnit.SECONDS);
            }
        });
        return prebuild.watching(metadata);
    }

    /** The memory budget, its figures as gauges (memory-budget.*) on the admin port's /metrics. */
    private static MemoryBudget memoryBudget(SheetsmithConfiguration config, Environment env) {
        long maxHeap = Runtime.getRuntime().maxMemory();
        MemoryBudget budget = config.limits.buildMemoryBudget(maxHeap, env.metrics());
        LOG.info("Memory budget: {} MB of a {} MB maximum heap (limits.memoryBudget {})",
                budget.capacityBytes() / 1_000_000, maxHeap / 1_000_000, config.limits.memoryBudget);
        return budget;
    }

    /** The MCP endpoint at /mcp; the server closes with the application. */
    private static void serveMcp(Environment env, McpEndpointServlet mcp, McpStatelessSyncServer mcpServer) {
        env.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                mcpServer.close();
            }
        });
        ServletRegistration.Dynamic servlet = env.servlets().addServlet("mcp", mcp);
        servlet.setAsyncSupported(true);
        servlet.addMapping("/mcp");
    }

    /** Host, Origin, JSON content type and the body limit, on every route of the port, ahead of the rest. */
    private static void guardRequests(Environment env, SheetsmithConfiguration config) {
        env.servlets().addFilter("request-guard", new RequestGuardFilter(config.allowedHosts(),
                Set.copyOf(config.mcp.allowedOrigins), Set.copyOf(config.openapi.corsOrigins), config.mcp.maxRequestBytes,
                UploadResource.PATH, config.limits.maxUploadBytes))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    }

    /** The web console's headers, "/" leading to it, and CORS for the OpenAPI tool server. */
    private static void serveConsole(Environment env, SheetsmithConfiguration config) {
        env.servlets().addFilter("console-security", new ConsoleSecurityFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/console/*");
        env.servlets().addServlet("console-redirect", new ConsoleRedirectServlet()).addMapping("");
        env.servlets().addFilter("openapi-cors", new CorsFilter(Set.copyOf(config.openapi.corsOrigins)))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/openapi.json", "/api/*");
    }

    private static String version() {
        return SheetsmithVersion.get();
    }
}
