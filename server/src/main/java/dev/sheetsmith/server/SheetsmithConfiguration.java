package dev.sheetsmith.server;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.sheetsmith.adapters.http.auth.BearerKeyOwners;
import dev.sheetsmith.adapters.http.mcp.McpEndpointServlet;
import dev.sheetsmith.adapters.storage.JdbiApiKeyStore;
import dev.sheetsmith.adapters.storage.JdbiSettingsStore;
import dev.sheetsmith.application.MemoryBudget;
import dev.sheetsmith.spi.ReadLimits;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** config.yml. Every key is documented in the README's configuration table. */
public class SheetsmithConfiguration extends Configuration {

    @Valid
    @NotNull
    @JsonProperty
    public DataSourceFactory database = new DataSourceFactory();

    @Valid
    @NotNull
    @JsonProperty
    public FileStoreFactory storage = new LocalFileStoreFactory();

    @Valid
    @NotNull
    @JsonProperty
    public Files files = new Files();

    @Valid
    @NotNull
    @JsonProperty
    public Downloads downloads = new Downloads();

    @Valid
    @NotNull
    @JsonProperty
    public Limits limits = new Limits();

    @Valid
    @NotNull
    @JsonProperty
    public Mcp mcp = new Mcp();

    @Valid
    @NotNull
    @JsonProperty
    public Plugins plugins = new Plugins();

    @Valid
    @NotNull
    @JsonProperty
    public OpenApi openapi = new OpenApi();

    @Valid
    @NotNull
    @JsonProperty
    public Identity identity = new Identity();

    @Valid
    @NotNull
    @JsonProperty
    public ApiKeys apiKeys = new ApiKeys();

    /** API keys (keys create, the admin API). */
    public static class ApiKeys {
        /**
         * How long an active key's row read from the database is trusted: the longest a revocation made through
         * another replica (or straight in the database) takes to reach this one. Zero reads the row on every request.
         */
        @NotNull
        @JsonProperty
        public Duration cacheTtl = Duration.milliseconds(JdbiApiKeyStore.KEY_CACHE_TTL.toMillis());

        public java.time.Duration cacheLifetime() {
            return javaDuration(cacheTtl);
        }
    }

    /** mcp.allowedHosts, and the host of downloads.publicBaseUrl: links must work where they point. */
    public Set<String> allowedHosts() {
        Set<String> hosts = new LinkedHashSet<>(mcp.allowedHosts);
        String publicUrl = downloads.publicBaseUrl;
        if (publicUrl != null && !publicUrl.isBlank()) {
            String host = URI.create(publicUrl.strip()).getHost();
            if (host != null) {
                hosts.add(host);
            }
        }
        return hosts;
    }

    /** An enum's value as written in config.yml, in any case; anything else is refused with the choices named. */
    static <E extends Enum<E>> E oneOf(Class<E> type, String value) {
        List<String> choices = new ArrayList<>();
        for (E each : type.getEnumConstants()) {
            String name = each.name().toLowerCase(Locale.ROOT).replace('_', '-');
            if (name.equalsIgnoreCase(value.strip())) {
                return each;
            }
            choices.add(name);
        }
        throw new IllegalArgumentException("must be " + String.join(" or ", choices) + ", not '" + value + "'");
    }

    /** A configured duration as java.time's. */
    static java.time.Duration javaDuration(Duration duration) {
        return java.time.Duration.ofMillis(duration.toMilliseconds());
    }

    /** How a gateway key (keys create --gateway) names the end user it acts for. */
    public static class Identity {
        @NotEmpty
        @JsonProperty
        public String userIdHeader = "X-OpenWebUI-User-Id";

        /** Open-WebUI's forwarding secret; when set, only a valid HS256 X-OpenWebUI-User-Jwt names the user. */
        @JsonProperty
        public String jwtSecret = "";

        /**
         * A gateway key's call that names no end user: refused with a message naming Open-WebUI's
         * setting, or (shared) served as the gateway's own owner, so all its users share one set of files.
         */
        @NotNull
        @JsonProperty
        public GatewayWithoutUser gatewayWithoutUser = GatewayWithoutUser.REFUSE;

        /** The policy as the bearer-key adapter takes it. */
        public BearerKeyOwners.GatewayWithoutUser gatewayPolicy() {
            return BearerKeyOwners.GatewayWithoutUser.valueOf(gatewayWithoutUser.name());
        }

        /** identity.gatewayWithoutUser's values. */
        public enum GatewayWithoutUser {
            REFUSE, SHARED;

            @JsonCreator
            public static GatewayWithoutUser of(String value) {
                return oneOf(GatewayWithoutUser.class, value);
            }
        }
    }

    @Valid
    @NotNull
    @JsonProperty
    public OpenWebUi openwebui = new OpenWebUi();

    /** Open-WebUI's files API for import_from_openwebui (files users attach in a chat); off while baseUrl is empty. */
    public static class OpenWebUi {
        /** The address Sheetsmith reaches Open-WebUI at, e.g. http://open-webui:8080; the only one ever asked. */
        @JsonProperty
        public String baseUrl = "";

        /** An Open-WebUI API key (or an admin's token) that may read the users' files; never shown to callers. */
        @JsonProperty
        public String apiKey = "";

        /** How long to wait for Open-WebUI to connect and to start answering. */
        @NotNull
        @JsonProperty
        public Duration timeout = Duration.seconds(30);
    }

    public static class OpenApi {
        /** Browser origins allowed to call /openapi.json and /api/* (CORS), e.g. https://chat.example.com; "*" any. */
        @NotNull
        @JsonProperty
        public List<String> corsOrigins = new ArrayList<>();
    }

    /** Settings handed to each format plugin by id, e.g. {@code csv: {bom: "false"}}. */
    @NotNull
    @JsonProperty
    public Map<String, Map<String, String>> formats = new LinkedHashMap<>();

    public static class Plugins {
        /** Folder whose jars are loaded as third-party format plugins at start-up. */
        @JsonProperty
        public String directory = "./data/plugins";

        /** fail (default): a broken plugin jar stops start-up; skip: it is logged and left out. */
        @NotNull
        @JsonProperty
        public OnError onError = OnError.FAIL;

        /** What a plugin jar that cannot be loaded does to start-up. */
        public enum OnError {
            FAIL, SKIP;

            @JsonCreator
            public static OnError of(String value) {
                return oneOf(OnError.class, value);
            }
        }

        /** The plugin folder, or null when none is configured. */
        public Path folder() {
            return directory == null || directory.isBlank() ? null : Path.of(directory);
        }
    }

    /** Lets the server listen beyond loopback with no API key. Dangerous; logged loudly. */
    @JsonProperty
    public boolean allowUnauthenticated = false;

    /** Dropwizard's tasks on the admin port (/tasks/gc, /tasks/log-level); false answers them 403. */
    @JsonProperty
    public boolean adminTasks = true;

    public static class Files {
        /** Revisions kept per file (the current one included); older ones are deleted. */
        @Min(1)
        @JsonProperty
        public int keepRevisions = 20;

        /** Files unchanged for longer are deleted by the retention job; 0 keeps them forever. */
        @Min(0)
        @JsonProperty
        public int maxAgeDays = 0;

        /** How often the retention job runs. */
        @NotNull
        @JsonProperty
        public Duration retentionInterval = Duration.hours(1);

        /** true: the job only logs what it would delete. */
        @JsonProperty
        public boolean retentionDryRun = false;

        public java.time.Duration maxAge() {
            return java.time.Duration.ofDays(maxAgeDays);
        }

        /**
         * true: each revision's read index is built on its first read and stored beside it, so that
         * read_range, find_cells and describe_workbook cost the rows they return, not the file.
         */
        @JsonProperty
        public boolean readIndexes = true;

        /** Bytes of opened read indexes kept in memory (least recently used out first); 0 keeps none. */
        @Min(0)
        @JsonProperty
        public long readIndexCacheBytes = 32L * 1024 * 1024;

        /**
         * A committed revision of at least this many stored bytes gets its read index built in the
         * background right away, so its first read does not wait for the build; 0 builds each index
         * on its first read only.
         */
        @Min(0)
        @JsonProperty
        public long readIndexPrebuildBytes = dev.sheetsmith.application.ReadIndexPrebuild.DEFAULT_MIN_BYTES;

        /**
         * How long after its commit a revision's background build starts: a next edit of the file within
         * it replaces the revision, and a call that follows at once keeps the cores.
         */
        @NotNull
        @JsonProperty
        public Duration readIndexPrebuildDelay =
                Duration.milliseconds(dev.sheetsmith.application.ReadIndexPrebuild.DEFAULT_DELAY.toMillis());
    }

    public static class Downloads {
        /** Base URL in links, e.g. https://sheets.example.com; empty: the scheme and host the client used. */
        @JsonProperty
        public String publicBaseUrl = "";

        @NotNull
        @JsonProperty
        public Duration linkTtl = Duration.days(7);

        /** HMAC secret for links (>= 32 characters); empty: generated once and kept in the database. */
        @JsonProperty
        public String secret = "";

        public java.time.Duration linkLifetime() {
            return javaDuration(linkTtl);
        }

        /** The configured secret, or the one generated on first start and kept in the database for every replica. */
        public byte[] signingKey(JdbiSettingsStore settings) {
            if (secret != null && !secret.isBlank()) {
                if (secret.length() < 32) {
                    throw new IllegalStateException("downloads.secret must have at least 32 characters");
                }
                return secret.getBytes(StandardCharsets.UTF_8);
            }
            String stored = settings.getOrCreate("downloads.secret", () -> {
                byte[] bytes = new byte[32];
                new SecureRandom().nextBytes(bytes);
                return Base64.getEncoder().encodeToString(bytes);
            });
            return Base64.getDecoder().decode(stored);
        }
    }

    public static class Limits {
        @Min(1)
        @JsonProperty
        public long maxCellsPerCall = 100_000;

        @Min(1)
        @Max(1000)
        @JsonProperty
        public int maxSheets = 100;

        /** Largest file import_file accepts (decoded bytes). */
        @Min(1)
        @JsonProperty
        public long maxImportBytes = 20L * 1024 * 1024;

        /** Largest file POST /api/files takes, counted while it streams (the JSON body limit does not apply there). */
        @Min(1024)
        @JsonProperty
        public long maxUploadBytes = 100L * 1024 * 1024;

        /** An uploaded xlsm's macros: keep-inert stores them as they are (never run), refuse refuses the file. */
        @NotNull
        @JsonProperty
        public Macros macros = Macros.KEEP_INERT;

        /** limits.macros's values. */
        public enum Macros {
            KEEP_INERT, REFUSE;

            @JsonCreator
            public static Macros of(String value) {
                return oneOf(Macros.class, value);
            }
        }

        /** Bytes one owner's files may take (current revisions); 0 for no quota. */
        @Min(0)
        @JsonProperty
        public long ownerQuotaBytes = 0;

        /** Rows a sheet may reach, header included (the Excel Tools server's MAX_ROWS); Excel's maximum by default. */
        @Min(1)
        @Max(1_048_576)
        @JsonProperty
        public int maxRows = 1_048_576;

        /** Columns a sheet may reach (the Excel Tools server's MAX_COLS); Excel's maximum by default. */
        @Min(1)
        @Max(16_384)
        @JsonProperty
        public int maxColumns = 16_384;

        /** Bytes one part of an imported zip (a sheet's XML, shared strings, content.xml) may unpack to. */
        @Min(1024)
        @JsonProperty
        public long maxUnpackedBytes = 256L * 1024 * 1024;

        /**
         * Memory that large calls together may reserve: a share of the maximum heap ("50%") or a size
         * ("512MiB", "2GB").
         */
        @NotNull
        @JsonProperty
        public String memoryBudget = "50%";

        /** How long a large call that does not fit in the memory budget waits before it is told to try again. */
        @NotNull
        @JsonProperty
        public Duration memoryWait = Duration.seconds(30);

        /** {@link #memoryBudget} in bytes, for a JVM whose maximum heap is {@code maxHeap}. */
        public long memoryBudgetBytes(long maxHeap) {
            String value = memoryBudget.strip();
            if (value.endsWith("%")) {
                double share = Double.parseDouble(value.substring(0, value.length() - 1).strip());
                if (!(share > 0 && share <= 100)) {
                    throw new IllegalArgumentException("limits.memoryBudget must be a share between 0% and 100%, not "
                            + value);
                }
                return (long) (maxHeap * share / 100);
            }
            return io.dropwizard.util.DataSize.parse(value).toBytes();
        }

        /** The domain's limits on what one call may make. */
        public dev.sheetsmith.domain.Limits toDomain() {
            return new dev.sheetsmith.domain.Limits(maxCellsPerCall, maxSheets, maxRows, maxColumns);
        }

        /** What a format plugin may read from one import. */
        public ReadLimits readLimits() {
            return new ReadLimits(maxCellsPerCall, maxRows, maxColumns, maxUnpackedBytes, maxImportBytes);
        }

        /** The memory budget for a JVM of this maximum heap, its figures as gauges (memory-budget.*). */
        public MemoryBudget buildMemoryBudget(long maxHeap, MetricRegistry metrics) {
            MemoryBudget budget = new MemoryBudget(memoryBudgetBytes(maxHeap), javaDuration(memoryWait));
            metrics.register("memory-budget.capacity-bytes", (Gauge<Long>) budget::capacityBytes);
            metrics.register("memory-budget.reserved-bytes", (Gauge<Long>) budget::reservedBytes);
            metrics.register("memory-budget.peak-bytes", (Gauge<Long>) budget::peakBytes);
            metrics.register("memory-budget.waiting-calls", (Gauge<Integer>) budget::waitingCalls);
            metrics.register("memory-budget.refused-calls", (Gauge<Long>) budget::refusedCalls);
            return budget;
        }
    }

    @Valid
    @NotNull
    @JsonProperty
    public Compat compat = new Compat();

    /** Tool names of servers Sheetsmith replaces. */
    public static class Compat {
        /**
         * The Excel Tools server's tool names (get_excel_info, create_excel_chart, format_excel_cells,
         * import_csv_to_excel, export_excel_to_csv) as thin adapters over Sheetsmith's own tools.
         * On by default so prompts and tool configs written for it keep working after a switch.
         */
        @JsonProperty
        public boolean excelTools = true;
    }

    public static class Mcp {
        /** Host names accepted in Host and Origin headers (DNS-rebinding guard). */
        @NotNull
        @JsonProperty
        public List<String> allowedHosts = new ArrayList<>(List.of("localhost", "127.0.0.1", "[::1]"));

        /** Extra browser origins allowed to call /mcp, e.g. https://chat.example.com. */
        @NotNull
        @JsonProperty
        public List<String> allowedOrigins = new ArrayList<>();

        @Min(1024)
        @JsonProperty
        public long maxRequestBytes = 16L * 1024 * 1024;

        @NotNull
        @JsonProperty
        public Duration requestTimeout = Duration.minutes(5);

        @NotNull
        @JsonProperty
        public Duration sessionIdleTimeout = Duration.hours(24);

        /** How often sessions idle past sessionIdleTimeout are deleted. */
        @NotNull
        @JsonProperty
        public Duration sessionSweepInterval = Duration.minutes(10);

        /** false: a request without Mcp-Session-Id is served as a one-shot instead of 400 (for clients that lose it). */
        @JsonProperty
        public boolean requireSession = true;

        /** How often a long tool call reports progress to a client that sent a progressToken. */
        @NotNull
        @JsonProperty
        public Duration progressInterval = Duration.seconds(1);

        /** Open sessions one owner keeps; one more ends that owner's least recently seen session. */
        @Min(1)
        @JsonProperty
        public int maxSessionsPerOwner = 100;

        /** Tools listed by default: full (every tool) or compact (a small set for small-context models). */
        @NotNull
        @JsonProperty
        public ToolProfileName toolProfile = ToolProfileName.FULL;

        /** mcp.toolProfile's values. */
        public enum ToolProfileName {
            FULL, COMPACT;

            @JsonCreator
            public static ToolProfileName of(String value) {
                return oneOf(ToolProfileName.class, value);
            }
        }

        public java.time.Duration requestTimeLimit() {
            return javaDuration(requestTimeout);
        }

        public java.time.Duration sessionIdleLimit() {
            return javaDuration(sessionIdleTimeout);
        }

        /** What the MCP servlet needs of this block and of the server's (server.gzip.enabled). */
        public McpEndpointServlet.Settings endpointSettings(io.dropwizard.core.server.ServerFactory server) {
            boolean gzip = !(server instanceof io.dropwizard.core.server.AbstractServerFactory factory)
                    || factory.getGzipFilterFactory().isEnabled();
            return endpointSettings().withGzip(gzip);
        }

        /** What the MCP servlet needs of this block (answers compressed as by default, server.gzip.enabled). */
        public McpEndpointServlet.Settings endpointSettings() {
            return new McpEndpointServlet.Settings(requestTimeLimit(), requireSession, javaDuration(progressInterval),
                    dev.sheetsmith.adapters.http.tools.ToolProfile.valueOf(toolProfile.name()));
        }
    }

    @Valid
    @NotNull
    @JsonProperty
    public LibreOffice libreoffice = new LibreOffice();

    /**
     * LibreOffice as an optional second engine (adapters-libreoffice): export_file to pdf, and
     * values for formula cells Sheetsmith's engine cannot compute. Off by default.
     */
    public static class LibreOffice {
        @JsonProperty
        public boolean enabled = false;

        /** The soffice program (Debian's libreoffice-calc-nogui puts it at /usr/bin/soffice). */
        @NotEmpty
        @JsonProperty
        public String path = "/usr/bin/soffice";

        /** How long one conversion may run before it is killed (and a call waits for a free process). */
        @NotNull
        @JsonProperty
        public Duration timeout = Duration.seconds(60);

        /** Conversions that may run at once, each a soffice process of about 200 MiB. */
        @Min(1)
        @Max(16)
        @JsonProperty
        public int processes = 1;

        /**
         * Poppler's pdftoppm (Debian: poppler-utils), which draws a sheet's page as the PNG picture
         * previews show; when it is missing, previews show values as text only.
         */
        @NotEmpty
        @JsonProperty
        public String pdftoppm = "/usr/bin/pdftoppm";
    }
}
