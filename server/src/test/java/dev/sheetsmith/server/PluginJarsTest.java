package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void aPluginBuiltForANewerSpiIsRefused() throws IOException {
        Path src = Files.createDirectories(plugins.resolveSibling(plugins.getFileName() + "-src"));
        Path source = src.resolve("Future.java");
        Files.writeString(source, """
                package com.example;
                public final class Future implements dev.sheetsmith.ports.spi.FormatPlugin {
                    public String id() { return "future"; }
                    public String extension() { return "fut"; }
                    public String mediaType() { return "application/x-future"; }
                    public void write(dev.sheetsmith.ports.spi.WorkbookView w, java.io.OutputStream o) { }
                    public int spiVersion() { return 99; }
                }
                """);
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", src.toString(), "-cp",
                System.getProperty("java.class.path"), source.toString());
        assertThat(status).isZero();
        jar(plugins.resolve("future.jar"), "com.example.Future", src.resolve("com/example/Future.class"));
        assertThatThrownBy(() -> PluginJars.load(plugins, false)).hasMessageContaining("future.jar")
                .hasMessageContaining("SPI version 99");
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
            out.putNextEntry(new JarEntry("META-INF/services/dev.sheetsmith.ports.spi.FormatPlugin"));
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
