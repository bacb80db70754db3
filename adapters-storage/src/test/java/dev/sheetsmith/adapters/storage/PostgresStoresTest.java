package dev.sheetsmith.adapters.storage;

import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The same store tests against a real PostgreSQL server, a fresh database per test: the same Jdbi
 * code and the same migrations as on H2. .ci/run starts a server and sets SHEETSMITH_TEST_PG_URL
 * (e.g. jdbc:postgresql://127.0.0.1:55432/postgres?user=sheetsmith); without it these are skipped.
 */
@EnabledIfEnvironmentVariable(named = "SHEETSMITH_TEST_PG_URL", matches = "jdbc:postgresql:.+")
class PostgresStoresTest extends StoresTest {

    @Override
    protected Jdbi newDatabase() {
        return freshPostgresDatabase();
    }

    static Jdbi freshPostgresDatabase() {
        String admin = System.getenv("SHEETSMITH_TEST_PG_URL");
        String name = "t_" + UUID.randomUUID().toString().replace("-", "");
        Jdbi.create(admin).useHandle(h -> h.execute("CREATE DATABASE " + name));
        return StorageJdbi.configure(Jdbi.create(admin.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1")));
    }
}
