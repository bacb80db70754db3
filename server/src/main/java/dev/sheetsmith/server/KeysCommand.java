package dev.sheetsmith.server;

import com.codahale.metrics.MetricRegistry;
import dev.sheetsmith.adapters.storage.JdbiApiKeyStore;
import dev.sheetsmith.adapters.storage.SchemaMigrator;
import dev.sheetsmith.application.ApiKeyService;
import dev.sheetsmith.application.AuditService;
import dev.sheetsmith.adapters.storage.JdbiAuditLog;
import dev.sheetsmith.domain.ApiKey;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.Role;
import dev.sheetsmith.ports.in.ApiKeysUseCase;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import java.io.PrintStream;
import java.time.Clock;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Argument;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code java -jar sheetsmith.jar keys create --owner alice [--admin]}, {@code keys list},
 * {@code keys revoke --id ID}; the config file is {@code config.yml} unless named last.
 */
final class KeysCommand extends ConfiguredCommand<SheetsmithConfiguration> {

    private final PrintStream out;
    private AuditService audit;

    KeysCommand(PrintStream out) {
        super("keys", "Create, list and revoke API keys (create prints the key once).");
        this.out = out;
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").choices("create", "list", "revoke").help("what to do");
        subparser.addArgument("--owner").help("create: the owner the key acts for, e.g. alice");
        subparser.addArgument("--admin").action(Arguments.storeTrue()).help("create: an admin key");
        subparser.addArgument("--gateway").action(Arguments.storeTrue())
                .help("create: a gateway key (Open-WebUI) that may name the end user it acts for");
        subparser.addArgument("--id").help("revoke: the key id shown by 'keys list'");
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
        ManagedDataSource dataSource = config.database.build(new MetricRegistry(), "keys");
        dataSource.start();
        try {
            Jdbi jdbi = Jdbi.create(dataSource);
            new SchemaMigrator(jdbi).migrate();
            ApiKeysUseCase keys = new ApiKeyService(new JdbiApiKeyStore(jdbi), Clock.systemUTC());
            audit = new AuditService(new JdbiAuditLog(jdbi), Clock.systemUTC());
            switch (namespace.getString("action")) {
                case "create" -> create(keys, namespace);
                case "list" -> list(keys);
                default -> revoke(keys, namespace);
            }
        } finally {
            dataSource.stop();
        }
    }

    /** A usage mistake is a sentence, not a stack trace. */
    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof IllegalArgumentException) {
            cli.getStdErr().println("keys: " + e.getMessage());
        } else {
            super.onError(cli, namespace, e);
        }
    }

    private void create(ApiKeysUseCase keys, Namespace namespace) {
        String owner = namespace.getString("owner");
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("keys create needs --owner NAME");
        }
        Role role = Boolean.TRUE.equals(namespace.getBoolean("admin")) ? Role.ADMIN : Role.USER;
        boolean gateway = Boolean.TRUE.equals(namespace.getBoolean("gateway"));
        ApiKeysUseCase.CreatedApiKey created = keys.create(new Owner(owner.strip()), role, gateway);
        out.println("Created " + role.id() + (gateway ? " gateway" : "") + " key " + created.key().id() + " for owner "
                + owner.strip() + ".");
        audit.record(owner.strip(), "keys command", "key.create", null, "key " + created.key().id() + ", " + role.id()
                + (gateway ? ", gateway" : ""));
        out.println("Key (shown only now; store it safely):");
        out.println(created.secret());
    }

    private void list(ApiKeysUseCase keys) {
        out.printf("%-18s %-20s %-14s %-8s %-25s %s%n", "ID", "OWNER", "ROLE", "STATE", "CREATED", "LAST USED");
        for (ApiKey key : keys.list()) {
            out.printf("%-18s %-20s %-14s %-8s %-25s %s%n", key.id(), key.owner().id(),
                    key.role().id() + (key.gateway() ? "+gateway" : ""),
                    key.active() ? "active" : "revoked", key.created(), key.lastUsed() == null ? "-" : key.lastUsed());
        }
    }

    private void revoke(ApiKeysUseCase keys, Namespace namespace) {
        String id = namespace.getString("id");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("keys revoke needs --id ID (see 'keys list')");
        }
        if (!keys.revoke(id.strip())) {
            throw new IllegalArgumentException("no active key with id " + id.strip());
        }
        audit.record(null, "keys command", "key.revoke", null, "key " + id.strip());
        out.println("Revoked key " + id.strip() + ".");
    }
}
