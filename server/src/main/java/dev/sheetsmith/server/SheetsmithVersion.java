package dev.sheetsmith.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this build, from a resource Maven filters at build time: the same in the packaged
 * jar, in tests run from target/classes, and in the manifest's Implementation-Version.
 */
final class SheetsmithVersion {

    private static final String VERSION = load();

    private SheetsmithVersion() {
    }

    static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = SheetsmithVersion.class.getResourceAsStream("sheetsmith-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("sheetsmith-version.properties is missing from the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").strip();
            if (version.isEmpty() || version.startsWith("${")) {
                throw new IllegalStateException("sheetsmith-version.properties was not filled in by the build: '"
                        + version + "'");
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
