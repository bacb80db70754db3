package dev.sheetsmith.server;

import com.codahale.metrics.MetricRegistry;
import dev.sheetsmith.adapters.storage.JdbiApiKeyStore;
import dev.sheetsmith.adapters.storage.JdbiAuditLog;
import dev.sheetsmith.adapters.storage.JdbiFileMetadataStore;
import dev.sheetsmith.adapters.storage.SchemaMigrator;
import dev.sheetsmith.adapters.storage.StorageJdbi;
import dev.sheetsmith.application.ApiKeyService;
import dev.sheetsmith.application.AuditService;
import dev.sheetsmith.application.OwnerTransferService;
import dev.sheetsmith.domain.ApiKey;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.Role;
import dev.sheetsmith.ports.in.ApiKeysUseCase;
import dev.sheetsmith.ports.in.TransferFilesUseCase;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.function.UnaryOperator;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Argument;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code java -jar sheetsmith.jar keys create --owner alice [--admin] [--take-local-files]},
 * {@code keys list}, {@code keys revoke --id ID}; the config file is {@code config.yml} unless named last.
 *
 * <p>The command works on the configured database. An embedded H2 file can be open in one process
 * only, so while the server runs on it the command asks that server instead, through its admin API
 * on the application port of the same configuration (or {@code --url}): without keys, a loopback
 * caller is the local admin; with keys, it needs an admin key ({@code --admin-key} or
 * {@code SHEETSMITH_ADMIN_KEY}). When neither way is open it says what to do, in a few lines.
 */
final class KeysCommand extends ConfiguredCommand<SheetsmithConfiguration> {

    static final String ADMIN_KEY_ENV = "SHEETSMITH_ADMIN_KEY";
    /** H2's "Database may be already in use" (ErrorCode.DATABASE_ALREADY_OPEN_1). */
    private static final int H2_DATABASE_IN_USE = 90020;

    private final PrintStream out;
    private final UnaryOperator<String> env;

    KeysCommand(PrintStream out) {
        this(out, System::getenv);
    }

    KeysCommand(PrintStream out, UnaryOperator<String> env) {
        super("keys", "Create, list and revoke API keys (create prints the key once).");
        this.out = Objects.requireNonNull(out, "out");
        this.env = Objects.requireNonNull(env, "env");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").choices("create", "list", "revoke").help("what to do");
        subparser.addArgument("--owner").help("create: the owner the key acts for, e.g. alice");
        subparser.addArgument("--admin").action(Arguments.storeTrue()).help("create: an admin key");
        subparser.addArgument("--gateway").action(Arguments.storeTrue())
                .help("create: a gateway key (Open-WebUI) that may name the end user it acts for");
        subparser.addArgument("--take-local-files").dest("takeLocalFiles").action(Arguments.storeTrue())
                .help("create: give the files made before the first key (owner 'local') to the new key's owner");
        subparser.addArgument("--id").help("revoke: the key id shown by 'keys list'");
        subparser.addArgument("--url").help("the running server's base URL, when the database is in use by it"
                + " (default: the application connector of the configuration, e.g. http://127.0.0.1:9080)");
        subparser.addArgument("--admin-key").dest("adminKey").metavar("KEY").help("an admin key for the running server's admin API,"
                + " needed once keys exist (default: the environment variable " + ADMIN_KEY_ENV + ")");
        super.configure(subparser);
    }

    @Override
    protected Argument addFileArgument(Subparser subparser) {
        return subparser.addArgument("file").nargs("?").setDefault("config.yml").help("configuration file");
    }

    @Override
    protected void run(Bootstrap<SheetsmithConfiguration> bootstrap, Namespace namespace, SheetsmithConfiguration config)
            throws Exception {
        Databases.makeDurable(config.database);
        Request request = Request.of(namespace);
        DataSourceFactory database = config.database;
        if (inUseByAnotherProcess(database)) {
            String adminKey = namespace.getString("adminKey") != null ? namespace.getString("adminKey")
                    : env.apply(ADMIN_KEY_ENV);
            AdminApiKeys api = new AdminApiKeys(AdminApiKeys.serverUrl(config, namespace.getString("url")),
                    blankToNull(adminKey), database.getUrl(), bootstrap.getObjectMapper());
            execute(request, api);
            out.println("(Done through the running server at " + api.base() + ", which holds the database.)");
            return;
        }
        ManagedDataSource dataSource = database.build(new MetricRegistry(), "keys");
        dataSource.start();
        try {
            Jdbi jdbi = StorageJdbi.configure(Jdbi.create(dataSource));
            new SchemaMigrator(jdbi).migrate();
            execute(request, new DatabaseKeys(jdbi));
        } finally {
            dataSource.stop();
        }
    }

    /** A usage mistake or a refusal is a few sentences, not a stack trace. */
    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof IllegalArgumentException || e instanceof KeysCommandException) {
            cli.getStdErr().println(e.getMessage().startsWith("keys: ") ? e.getMessage() : "keys: " + e.getMessage());
        } else if (e instanceof SQLException sql) {
            cli.getStdErr().println("keys: the database could not be used: " + sql.getMessage().lines().findFirst()
                    .orElse(""));
        } else {
            super.onError(cli, namespace, e);
        }
    }

    private void execute(Request request, KeyAdmin keys) {
        switch (request.action()) {
            case "create" -> {
                // Files first: before the first key exists the running server still serves a loopback
                // caller as the local admin; after it, only an admin key may move them.
                List<KeyAdmin.MovedFile> moved = request.takeLocalFiles()
                        ? keys.giveFiles(Owner.LOCAL.id(), request.owner()) : null;
                KeyAdmin.CreatedKey created = keys.create(request.owner(), request.role(), request.gateway());
                out.println("Created " + request.role().id() + (request.gateway() ? " gateway" : "") + " key "
                        + created.key().id() + " for owner " + request.owner() + ".");
                out.println("Key (shown only now; store it safely):");
                out.println(created.secret());
                if (moved != null) {
                    moved(moved, request.owner());
                }
            }
            case "list" -> list(keys.list());
            default -> {
                keys.revoke(request.id());
                out.println("Revoked key " + request.id() + ".");
            }
        }
    }

    private void moved(List<KeyAdmin.MovedFile> moved, String to) {
        if (moved.isEmpty()) {
            out.println("Owner " + Owner.LOCAL.id() + " had no files to give to " + to + ".");
            return;
        }
        out.println("Gave " + moved.size() + " file(s) of owner " + Owner.LOCAL.id() + " to " + to + " (sessions stay):");
        for (KeyAdmin.MovedFile f : moved) {
            out.println("  " + f.name() + (f.name().equals(f.previousName()) ? "" : " (was " + f.previousName()
                    + ": " + to + " had a file of that name)"));
        }
    }

    private void list(List<KeyAdmin.KeyRow> rows) {
        out.printf("%-18s %-20s %-14s %-8s %-25s %s%n", "ID", "OWNER", "ROLE", "STATE", "CREATED", "LAST USED");
        for (KeyAdmin.KeyRow key : rows) {
            out.printf("%-18s %-20s %-14s %-8s %-25s %s%n", key.id(), key.owner(),
                    key.role() + (key.gateway() ? "+gateway" : ""), key.active() ? "active" : "revoked",
                    key.created(), key.lastUsed() == null ? "-" : key.lastUsed());
        }
    }

    /**
     * Whether another process holds the embedded H2 database (the running server does). Checked with
     * one plain connection first, so that a busy database is a fact to act on, not a pool's stack trace.
     */
    static boolean inUseByAnotherProcess(DataSourceFactory database) throws Exception {
        String url = database.getUrl();
        if (url == null || !url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:")
                || url.startsWith("jdbc:h2:tcp:") || url.startsWith("jdbc:h2:ssl:")) {
            return false;
        }
        Class.forName(database.getDriverClass());
        Properties properties = new Properties();
        properties.putAll(database.getProperties());
        if (database.getUser() != null) {
            properties.setProperty("user", database.getUser());
        }
        if (database.getPassword() != null) {
            properties.setProperty("password", database.getPassword());
        }
        try (Connection ignored = DriverManager.getConnection(url, properties)) {
            return false;
        } catch (SQLException e) {
            if (e.getErrorCode() == H2_DATABASE_IN_USE) {
                return true;
            }
            throw e;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The command line, checked before anything is opened. */
    private record Request(String action, String owner, Role role, boolean gateway, boolean takeLocalFiles,
            String id) {

        static Request of(Namespace namespace) {
            String action = namespace.getString("action");
            boolean take = Boolean.TRUE.equals(namespace.getBoolean("takeLocalFiles"));
            boolean gateway = Boolean.TRUE.equals(namespace.getBoolean("gateway"));
            String owner = blankToNull(namespace.getString("owner"));
            String id = blankToNull(namespace.getString("id"));
            if (take && !"create".equals(action)) {
                throw new IllegalArgumentException("--take-local-files goes with 'keys create --owner NAME'");
            }
            if ("create".equals(action) && owner == null) {
                throw new IllegalArgumentException("keys create needs --owner NAME");
            }
            if (take && gateway) {
                throw new IllegalArgumentException("--take-local-files gives the files to the key's owner, but a"
                        + " gateway key acts for its end users; give them to one user with the admin API instead:"
                        + " POST /api/admin/owners/local/transfer {\"to\": \"" + owner + "/<user id>\"}");
            }
            if ("revoke".equals(action) && id == null) {
                throw new IllegalArgumentException("keys revoke needs --id ID (see 'keys list')");
            }
            Role role = Boolean.TRUE.equals(namespace.getBoolean("admin")) ? Role.ADMIN : Role.USER;
            return new Request(action, owner, role, gateway, take, id);
        }
    }

    /** The keys in the database itself: the way when no other process holds it. */
    private static final class DatabaseKeys implements KeyAdmin {

        private static final String ACTOR = "keys command";
        private final ApiKeysUseCase keys;
        private final AuditService audit;
        private final TransferFilesUseCase transfers;

        DatabaseKeys(Jdbi jdbi) {
            this.keys = new ApiKeyService(new JdbiApiKeyStore(jdbi), Clock.systemUTC());
            this.audit = new AuditService(new JdbiAuditLog(jdbi), Clock.systemUTC());
            this.transfers = new OwnerTransferService(new JdbiFileMetadataStore(jdbi), audit);
        }

        @Override
        public CreatedKey create(String owner, Role role, boolean gateway) {
            ApiKeysUseCase.CreatedApiKey created = keys.create(new Owner(owner), role, gateway);
            audit.record(owner, ACTOR, "key.create", null, "key " + created.key().id() + ", " + role.id()
                    + (gateway ? ", gateway" : ""));
            return new CreatedKey(row(created.key()), created.secret());
        }

        @Override
        public List<KeyRow> list() {
            return keys.list().stream().map(DatabaseKeys::row).toList();
        }

        @Override
        public void revoke(String id) {
            if (!keys.revoke(id)) {
                throw new IllegalArgumentException("no active key with id " + id);
            }
            audit.record(null, ACTOR, "key.revoke", null, "key " + id);
        }

        @Override
        public List<MovedFile> giveFiles(String from, String to) {
            return transfers.transferFiles(new TransferFilesUseCase.TransferFilesCommand(new Owner(from),
                    new Owner(to), ACTOR)).moved().stream()
                    .map(m -> new MovedFile(m.fileId(), m.previousName(), m.name())).toList();
        }

        private static KeyRow row(ApiKey key) {
            return new KeyRow(key.id(), key.owner().id(), key.role().id(), key.gateway(), key.active(),
                    key.created().toString(), key.lastUsed() == null ? null : key.lastUsed().toString());
        }
    }
}
