package dev.sheetsmith.adapters.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The settings store against a real, fresh H2 database per test. */
class JdbiSettingsStoreTest {

    private Jdbi jdbi;
    private JdbiSettingsStore settings;

    @BeforeEach
    void freshDatabase() {
        jdbi = StorageJdbi.configure(Jdbi.create("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        new SchemaMigrator(jdbi).migrate();
        settings = new JdbiSettingsStore(jdbi);
    }

    @Test
    void theFirstCallStoresTheSuppliedValue() {
        assertThat(settings.getOrCreate("link-secret", () -> "first")).isEqualTo("first");

        List<String> stored = jdbi.withHandle(h -> h.createQuery(
                "SELECT setting_value FROM settings WHERE setting_name = :n").bind("n", "link-secret")
                .mapTo(String.class).list());
        assertThat(stored).containsExactly("first");
    }

    @Test
    void aLaterCallWithAnotherSupplierReturnsTheFirstValue() {
        settings.getOrCreate("link-secret", () -> "first");

        assertThat(settings.getOrCreate("link-secret", () -> "second")).isEqualTo("first");
        assertThat(new JdbiSettingsStore(jdbi).getOrCreate("link-secret", () -> "third")).isEqualTo("first");
    }

    @Test
    void eachNameKeepsItsOwnValue() {
        settings.getOrCreate("a", () -> "one");

        assertThat(settings.getOrCreate("b", () -> "two")).isEqualTo("two");
        assertThat(settings.getOrCreate("a", () -> "ignored")).isEqualTo("one");
        assertThat(settings.getOrCreate("b", () -> "ignored")).isEqualTo("two");
    }
}
