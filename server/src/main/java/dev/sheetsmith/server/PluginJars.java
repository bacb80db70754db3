package dev.sheetsmith.server;

import dev.sheetsmith.spi.FormatPlugin;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads third-party format plugins from the jars in one folder, each jar in its own class loader
 * that shares only the SPI ({@code dev.sheetsmith.spi}, the sheetsmith-spi artifact a plugin
 * compiles against) with the server: a plugin cannot reach our internals, and two plugins cannot
 * clash over a library. A jar that cannot be read, names a class it lacks, or was built for a newer
 * SPI (its {@link FormatPlugin#spiVersion()}, the constant inlined when it was compiled) is an error
 * that names the jar: start-up fails, or (with skip) the jar is left out and logged.
 */
final class PluginJars {

    private static final Logger LOG = LoggerFactory.getLogger(PluginJars.class);

    /** A plugin and the jar it came from. */
    record Loaded(FormatPlugin plugin, String source) {
    }

    /** Where the SPI lived before it became its own artifact; a jar built against it cannot load. */
    private static final String OLD_SPI = "dev.sheetsmith.ports.spi";

    private PluginJars() {
    }

    static List<Loaded> load(Path folder, boolean skipBroken) throws IOException {
        List<Loaded> loaded = new ArrayList<>();
        if (folder == null || !Files.isDirectory(folder)) {
            return loaded;
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(folder)) {
            jars = files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
        for (Path jar : jars) {
            try {
                List<FormatPlugin> plugins = loadJar(jar);
                if (plugins.isEmpty()) {
                    throw new IllegalStateException("plugin jar " + jar.getFileName() + " declares no FormatPlugin in"
                            + " META-INF/services/" + FormatPlugin.class.getName() + (declaresOldSpi(jar)
                                    ? "; it was built against the SPI's old package (" + OLD_SPI + "): rebuild it"
                                    + " against sheetsmith-spi (" + FormatPlugin.class.getPackageName() + ")" : ""));
                }
                for (FormatPlugin plugin : plugins) {
                    int built = plugin.spiVersion();
                    if (built > FormatPlugin.SPI_VERSION) {
                        throw new IllegalStateException("plugin jar " + jar.getFileName() + ": format '" + plugin.id()
                                + "' was built for SPI version " + built + ", this server offers SPI version "
                                + FormatPlugin.SPI_VERSION + "; use a newer Sheetsmith or a build of the plugin for"
                                + " SPI version " + FormatPlugin.SPI_VERSION);
                    }
                    loaded.add(new Loaded(plugin, jar.getFileName().toString()));
                }
            } catch (RuntimeException | IOException | ServiceConfigurationError | LinkageError e) {
                String message = e.getMessage() != null && e.getMessage().contains(jar.getFileName().toString())
                        ? e.getMessage() : "plugin jar " + jar.getFileName() + " could not be loaded: " + e;
                if (!skipBroken) {
                    throw new IllegalStateException(message, e);
                }
                LOG.error("Skipping {} (plugins.onError: skip)", message);
            }
        }
        return loaded;
    }

    private static boolean declaresOldSpi(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getEntry("META-INF/services/" + OLD_SPI + ".FormatPlugin") != null;
        }
    }

    private static List<FormatPlugin> loadJar(Path jar) throws IOException {
        try (JarFile check = new JarFile(jar.toFile())) {
            check.getManifest(); // fails on a file that is not a jar
        }
        URLClassLoader loader = new URLClassLoader("plugin:" + jar.getFileName(), new URL[] {jar.toUri().toURL()},
                new SpiOnly(PluginJars.class.getClassLoader()));
        List<FormatPlugin> plugins = new ArrayList<>();
        Iterator<FormatPlugin> it = ServiceLoader.load(FormatPlugin.class, loader).iterator();
        while (it.hasNext()) {
            plugins.add(it.next());
        }
        return plugins;
    }

    /** The parent of each plugin's class loader: the JDK and the SPI, nothing else. */
    private static final class SpiOnly extends ClassLoader {
        private final ClassLoader server;

        SpiOnly(ClassLoader server) {
            super("sheetsmith-spi", ClassLoader.getPlatformClassLoader());
            this.server = server;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith(FormatPlugin.class.getPackageName() + ".")) {
                return server.loadClass(name);
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public URL getResource(String name) {
            return null; // a plugin sees its own resources only, never the server's service files
        }

        @Override
        public Enumeration<URL> getResources(String name) {
            return Collections.emptyEnumeration();
        }
    }
}
