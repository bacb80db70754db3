package dev.sheetsmith.server;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.sheetsmith.ports.out.FileStore;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jackson.Discoverable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * config.yml's {@code storage}: where file bytes live, chosen by {@code storage.type} as Dropwizard
 * chooses its appenders (a Jackson type name per implementation, found through
 * META-INF/services). Without a type the files are local; Jackson hands a type no factory has to
 * that default too, which refuses it by name (hence the type is visible to the factories). Each type builds its store, with its
 * health check ("file-store") and timings, and stops what it started.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = LocalFileStoreFactory.class,
        visible = true)
public interface FileStoreFactory extends Discoverable {

    /** The type name as written in config.yml ({@code local}, {@code s3}). */
    String type();

    /** The store, registered with {@code env}: its health check, its metrics, its lifecycle. */
    FileStore build(Environment env) throws IOException;

    /** The folder files are in, for a store whose files have a path on this computer. */
    default Optional<Path> localDirectory() {
        return Optional.empty();
    }
}
