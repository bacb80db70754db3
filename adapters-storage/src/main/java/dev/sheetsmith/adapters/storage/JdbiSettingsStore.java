package dev.sheetsmith.adapters.storage;

import dev.sheetsmith.ports.out.SettingsStore;
import java.util.Objects;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/** @param jdbi configured by {@link StorageJdbi#configure} */
public final class JdbiSettingsStore implements SettingsStore {

    private final SettingsDao dao;

    public JdbiSettingsStore(Jdbi jdbi) {
        this.dao = Objects.requireNonNull(jdbi, "jdbi").onDemand(SettingsDao.class);
    }

    @Override
    public String getOrCreate(String name, Supplier<String> initial) {
        // Insert-if-absent, then read: when two replicas race, both read the winner's value.
        dao.insertIfAbsent(name, initial.get());
        return dao.value(name);
    }
}
