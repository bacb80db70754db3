package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.db.DataSourceFactory;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every H2 file database the server or the keys command opens commits to its file before answering. */
class DatabasesTest {

    @TempDir
    Path dir;

    @Test
    void persistentH2UrlsGetWriteDelayZeroWhateverTheOperatorWrote() {
        assertThat(Databases.durableUrl("jdbc:h2:file:./data/sheetsmith"))
                .isEqualTo("jdbc:h2:file:./data/sheetsmith;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(Databases.durableUrl("jdbc:h2:./db;AUTO_SERVER=TRUE"))
                .isEqualTo("jdbc:h2:./db;AUTO_SERVER=TRUE;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(Databases.durableUrl("jdbc:h2:file:/x/db;write_delay=500;MODE=PostgreSQL;DB_CLOSE_ON_EXIT=TRUE"))
                .isEqualTo("jdbc:h2:file:/x/db;MODE=PostgreSQL;DB_CLOSE_ON_EXIT=TRUE;WRITE_DELAY=0");
        assertThat(Databases.durableUrl("jdbc:h2:tcp://db.internal/~/sheetsmith"))
                .isEqualTo("jdbc:h2:tcp://db.internal/~/sheetsmith;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        // nothing to make durable, or not ours to change
        assertThat(Databases.durableUrl("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1")).isEqualTo("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1");
        assertThat(Databases.durableUrl("jdbc:h2:tcp://localhost/mem:x")).isEqualTo("jdbc:h2:tcp://localhost/mem:x");
        assertThat(Databases.durableUrl("jdbc:postgresql://db/sheetsmith")).isEqualTo("jdbc:postgresql://db/sheetsmith");
    }

    @Test
    void postgresConnectionsAskForSynchronousCommit() {
        DataSourceFactory pg = new DataSourceFactory();
        pg.setUrl("jdbc:postgresql://db/sheetsmith");
        pg.getProperties().put("options", "-c search_path=app");
        Databases.makeDurable(pg);
        assertThat(pg.getUrl()).isEqualTo("jdbc:postgresql://db/sheetsmith");
        assertThat(pg.getProperties()).containsEntry("options", "-c search_path=app -c synchronous_commit=on");
    }

    /** On a real PostgreSQL (SHEETSMITH_TEST_PG_URL, as .ci/run sets it): an operator's options cannot turn it off. */
    @Test
    @org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable(named = "SHEETSMITH_TEST_PG_URL",
            matches = "jdbc:postgresql:.+")
    void postgresCommitsSynchronouslyEvenWhenTheOptionsSayOtherwise() throws Exception {
        DataSourceFactory pg = new DataSourceFactory();
        pg.setDriverClass("org.postgresql.Driver");
        pg.setUrl(System.getenv("SHEETSMITH_TEST_PG_URL"));
        pg.getProperties().put("options", "-c synchronous_commit=off");
        Databases.makeDurable(pg);
        var dataSource = pg.build(new com.codahale.metrics.MetricRegistry(), "pg-durability");
        dataSource.start();
        try {
            Jdbi jdbi = Jdbi.create(dataSource);
            String sync = jdbi.withHandle(h -> h.createQuery("SHOW synchronous_commit").mapTo(String.class).one());
            String fsync = jdbi.withHandle(h -> h.createQuery("SHOW fsync").mapTo(String.class).one());
            assertThat(sync).isEqualTo("on");
            assertThat(fsync).isEqualTo("on");
        } finally {
            dataSource.stop();
        }
    }

    /**
     * H2 2.x re-reads WRITE_DELAY from the URL (default 500 ms) each time it opens a database, so a
     * {@code SET WRITE_DELAY 0} run once does not last: that is why the setting goes into the URL.
     */
    @Test
    void theDelayHoldsOnEveryOpeningOnlyThroughTheUrl() {
        String plain = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
        Jdbi.create(plain, "sa", "").useHandle(h -> h.execute("SET WRITE_DELAY 0"));
        // the stored setting says 0, the one in effect 500
        assertThat(writeDelay(plain)).as("after a reopening without the URL setting").contains("500");

        DataSourceFactory factory = new DataSourceFactory();
        factory.setUrl(plain);
        Databases.makeDurable(factory);
        assertThat(writeDelay(factory.getUrl())).containsOnly("0");
        assertThat(writeDelay(factory.getUrl())).as("reopened").containsOnly("0");
    }

    private static java.util.List<String> writeDelay(String url) {
        return Jdbi.create(url, "sa", "").withHandle(h -> h.createQuery("SELECT SETTING_VALUE FROM"
                + " INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'").mapTo(String.class).list());
    }
}
