package dev.sheetsmith.adapters.storage;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The settings table: named values created once. */
public interface SettingsDao {

    @SqlUpdate("INSERT INTO settings (setting_name, setting_value) SELECT :name, :value"
            + " WHERE NOT EXISTS (SELECT 1 FROM settings WHERE setting_name = :name)")
    int insertIfAbsent(@Bind("name") String name, @Bind("value") String value);

    @SqlQuery("SELECT setting_value FROM settings WHERE setting_name = :name")
    String value(@Bind("name") String name);
}
