package dev.sheetsmith.adapters.storage;

import dev.sheetsmith.ports.out.SettingsStore;
import java.util.Objects;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

public final class JdbiSettingsStore implements SettingsStore {

    private final Jdbi jdbi;

    public JdbiSettingsStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public String getOrCreate(String name, Supplier<String> initial) {
        String value = initial.get();
        // Insert-if-absent, then read: when two replicas race, both read the winner's value.
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO settings (setting_name, setting_value) SELECT :name, :value"
                + " WHERE NOT EXISTS (SELECT 1 FROM settings WHERE setting_name = :name)")
                .bind("name", name).bind("value", value).execute());
        return jdbi.withHandle(h -> h.createQuery("SELECT setting_value FROM settings WHERE setting_name = :name").bind("name", name)
                .mapTo(String.class).one());
    }
}
