package dev.sheetsmith.application;

import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.spi.FormatPlugin;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The installed output formats by id; refuses duplicates and plugins built for a newer SPI. */
public final class FormatRegistry {

    private final Map<String, FormatPlugin> byId = new LinkedHashMap<>();

    public FormatRegistry(List<FormatPlugin> plugins) {
        for (FormatPlugin plugin : plugins) {
            Objects.requireNonNull(plugin.id(), "plugin id");
            if (plugin.spiVersion() > FormatPlugin.SPI_VERSION) {
                throw new IllegalStateException("format plugin '" + plugin.id() + "' (" + plugin.getClass().getName()
                        + ") was built for SPI version " + plugin.spiVersion() + " but this server offers SPI version "
                        + FormatPlugin.SPI_VERSION);
            }
            FormatPlugin previous = byId.putIfAbsent(plugin.id(), plugin);
            if (previous != null) {
                throw new IllegalStateException("two format plugins use the id '" + plugin.id() + "': "
                        + previous.getClass().getName() + " and " + plugin.getClass().getName());
            }
        }
    }

    public FormatPlugin require(String id) {
        FormatPlugin plugin = byId.get(id);
        if (plugin == null) {
            throw new InvalidInputException("format '" + id + "' is not installed; installed formats: "
                    + String.join(", ", byId.keySet()));
        }
        return plugin;
    }

    public List<FormatPlugin> all() {
        return List.copyOf(byId.values());
    }
}
