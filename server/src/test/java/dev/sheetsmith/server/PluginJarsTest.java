package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sheetsmith.spi.FormatPlugin;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Third-party plugin jars: the good one loads in its own class loader; bad ones fail loudly, named. */
class PluginJarsTest {

    @TempDir
    Path plugins;

    @Test
    void theExampleJarLoadsWithItsJarNamed() throws IOException {
        Files.copy(FormatsIT.EXAMPLE_JAR, plugins.resolve("markdown.jar"));
        List<PluginJars.Loaded> loaded = PluginJars.load(plugins, false);
        assertThat(loaded).singleElement().satisfies(l -> {
            assertThat(l.plugin().id()).isEqualTo("markdown");
            assertThat(l.source()).isEqualTo("markdown.jar");
            assertThat(l.plugin().getClass().getClassLoader().getName()).isEqualTo("plugin:markdown.jar");
        });
    }

    @Test
    void aFileThatIsNotAJarIsNamed() throws IOException {
        Files.write(plugins.resolve("broken.jar"), new byte[] {1, 2, 3, 4});
        assertThatThrownBy(() -> PluginJars.load(plugins, false)).hasMessageContaining("broken.jar");
        assertThat(PluginJars.load(plugins, true)).isEmpty();
    }

    @Test
    void aJarNamingAClassItLacksIsNamed() throws IOException {
        jar(plugins.resolve("hollow.jar"), "com.example.Missing", null);
        assertThatThrownBy(() -> PluginJars.load(plugins, false)).hasMessageContaining("hollow.jar");
    }

    /**
     * The version check uses the version a plugin was compiled against, not the server's copy of
     * the interface: the plugin below returns {@code SPI_VERSION} exactly as the example does, and
     * is compiled against a copy of the SPI's own FormatPlugin.java whose constant is one higher.
     * The jar holds only the plugin's class, so at run time it meets the server's (older) interface.
     */
    @Test
    void aPluginCompiledAgainstANewerSpiIsRefusedAtStartUpNamingTheJarAndBothVersions() throws Exception {
        int host = FormatPlugin.SPI_VERSION;
        int newer = host + 1;
        compilePlugin(plugins.resolve("future.jar"), newer);

        assertThatThrownBy(() -> PluginJars.load(plugins, false)).hasMessageContaining("future.jar")
                .hasMessageContaining("built for SPI version " + newer)
                .hasMessageContaining("this server offers SPI version " + host);

        DropwizardTestSupport<SheetsmithConfiguration> refused = TestServers.support(TestServers.tempDir("newer"),
                "plugins.directory", plugins.toString());
        try {
            assertThatThrownBy(refused::before).hasMessageContaining("future.jar")
                    .hasMessageContaining("SPI version " + newer).hasMessageContaining("SPI version " + host);
        } finally {
            refused.after();
        }
    }

    @Test
    void withOnErrorSkipANewerPluginIsLeftOutAndTheServerStarts() throws Exception {
        compilePlugin(plugins.resolve("future.jar"), FormatPlugin.SPI_VERSION + 1);
        assertThat(PluginJars.load(plugins, true)).isEmpty();

        DropwizardTestSupport<SheetsmithConfiguration> app = TestServers.support(TestServers.tempDir("skip"),
                "plugins.directory", plugins.toString(), "plugins.onError", "skip");
        try {
            app.before();
            var health = app.getEnvironment().healthChecks().runHealthCheck("format-plugins");
            assertThat(health.isHealthy()).isTrue();
            assertThat(health.getDetails()).containsKeys("xlsx", "csv", "ods").doesNotContainKey("future")
                    .doesNotContainValue("future.jar");
        } finally {
            app.after();
        }
    }

    @Test
    void aPluginCompiledAgainstTheCurrentSpiAloneLoads() throws Exception {
        compilePlugin(plugins.resolve("current.jar"), FormatPlugin.SPI_VERSION);
        assertThat(PluginJars.load(plugins, false)).singleElement().satisfies(l -> {
            assertThat(l.plugin().id()).isEqualTo("future");
            assertThat(l.plugin().spiVersion()).isEqualTo(FormatPlugin.SPI_VERSION);
            assertThat(l.source()).isEqualTo("current.jar");
            assertThat(l.plugin().getClass().getClassLoader().getName()).isEqualTo("plugin:current.jar");
        });
    }

    @Test
    void aJarBuiltAgainstTheOldSpiPackageIsNamedWithWhatToDo() throws IOException {
        try (OutputStream file = Files.newOutputStream(plugins.resolve("old.jar"));
                JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("META-INF/services/dev.sheetsmith.ports.spi.FormatPlugin"));
            out.write("com.example.Old\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        assertThatThrownBy(() -> PluginJars.load(plugins, false)).hasMessageContaining("old.jar")
                .hasMessageContaining("dev.sheetsmith.ports.spi").hasMessageContaining("sheetsmith-spi");
    }

    /**
     * Compiles a plugin that follows the example ({@code spiVersion()} returns {@code SPI_VERSION})
     * against the SPI's classes only, with the SPI's FormatPlugin.java at {@code version}, and jars
     * the plugin's class alone.
     */
    private void compilePlugin(Path jar, int version) throws IOException {
        Path work = Files.createDirectories(plugins.resolveSibling(plugins.getFileName() + "-src-" + version));
        Path spiSource = Path.of("../spi/src/main/java/dev/sheetsmith/spi/FormatPlugin.java");
        String original = Files.readString(spiSource);
        String declared = "int SPI_VERSION = " + FormatPlugin.SPI_VERSION + ";";
        assertThat(original).contains(declared);
        Path spi = Files.createDirectories(work.resolve("spi/dev/sheetsmith/spi")).resolve("FormatPlugin.java");
        Files.writeString(spi, original.replace(declared, "int SPI_VERSION = " + version + ";"));
        Path source = Files.createDirectories(work.resolve("src/com/example")).resolve("Future.java");
        Files.writeString(source, """
                package com.example;

                import dev.sheetsmith.spi.FormatPlugin;
                import dev.sheetsmith.spi.WorkbookView;

                public final class Future implements FormatPlugin {
                    public String id() { return "future"; }
                    public int spiVersion() { return SPI_VERSION; }
                    public String extension() { return "fut"; }
                    public String mediaType() { return "application/x-future"; }
                    public void write(WorkbookView w, java.io.OutputStream o) { }
                }
                """);
        Path out = Files.createDirectories(work.resolve("classes"));
        String spiClasses = FormatPlugin.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-d",
                out.toString(), "-cp", spiClasses, spi.toString(), source.toString());
        assertThat(status).isZero();
        jar(jar, "com.example.Future", out.resolve("com/example/Future.class"));
    }

    @Test
    void twoJarsWithTheSameIdStopTheServerNamingBoth() throws Exception {
        Files.copy(FormatsIT.EXAMPLE_JAR, plugins.resolve("one.jar"));
        Files.copy(FormatsIT.EXAMPLE_JAR, plugins.resolve("two.jar"));
        DropwizardTestSupport<SheetsmithConfiguration> app = TestServers.support(TestServers.tempDir("dup"),
                "plugins.directory", plugins.toString());
        try {
            assertThatThrownBy(app::before).hasMessageContaining("'markdown'")
                    .hasMessageContaining("one.jar").hasMessageContaining("two.jar");
        } finally {
            app.after();
        }
    }

    private static void jar(Path jar, String serviceClass, Path classFile) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("META-INF/services/" + FormatPlugin.class.getName()));
            out.write((serviceClass + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            if (classFile != null) {
                out.putNextEntry(new JarEntry(serviceClass.replace('.', '/') + ".class"));
                out.write(Files.readAllBytes(classFile));
                out.closeEntry();
            }
        }
    }
}
