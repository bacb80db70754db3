package dev.sheetsmith.server;

import dev.sheetsmith.spi.FormatPlugin;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The format plugins of this server: the built-ins on the class path, then the jars of
 * plugins.directory, each configured with its formats.&lt;id&gt; settings. Two plugins with one id,
 * or settings for a format that is not installed, stop start-up.
 *
 * @param sources where each plugin came from, by id ("built-in" or the jar's name)
 */
record InstalledFormats(List<FormatPlugin> plugins, Map<String, String> sources) {

    private static final Logger LOG = LoggerFactory.getLogger(InstalledFormats.class);

    static InstalledFormats load(SheetsmithConfiguration.Plugins config, Map<String, Map<String, String>> settings)
            throws IOException {
        List<PluginJars.Loaded> found = new ArrayList<>();
        for (FormatPlugin plugin : ServiceLoader.load(FormatPlugin.class)) {
            found.add(new PluginJars.Loaded(plugin, "built-in"));
        }
        found.addAll(PluginJars.load(config.folder(), config.onError == SheetsmithConfiguration.Plugins.OnError.SKIP));
        Map<String, String> sources = new LinkedHashMap<>();
        List<FormatPlugin> plugins = new ArrayList<>();
        for (PluginJars.Loaded loaded : found) {
            FormatPlugin plugin = loaded.plugin();
            String previous = sources.putIfAbsent(plugin.id(), loaded.source());
            if (previous != null) {
                throw new IllegalStateException("two format plugins use the id '" + plugin.id() + "': " + previous
                        + " and " + loaded.source());
            }
            plugin.configure(settings.getOrDefault(plugin.id(), Map.of()));
            LOG.info("Loaded format plugin '{}' ({}) from {}", plugin.id(), plugin.getClass().getName(), loaded.source());
            plugins.add(plugin);
        }
        for (String id : settings.keySet()) {
            if (!sources.containsKey(id)) {
                throw new IllegalStateException("formats." + id + " configures a format that is not installed;"
                        + " installed: " + sources.keySet());
            }
        }
        return new InstalledFormats(List.copyOf(plugins), Collections.unmodifiableMap(sources));
    }
}
