package dev.sheetsmith.server;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.sheetsmith.adapters.storage.FilesystemFileStore;
import dev.sheetsmith.ports.out.FileStore;
import io.dropwizard.core.setup.Environment;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code storage.type: local} (the default): files in {@code storage.directory}. The shipped
 * config.yml also carries {@code storage.s3}, so that an environment variable alone switches the
 * type; that block is ignored here.
 */
@JsonTypeName(LocalFileStoreFactory.TYPE)
@JsonIgnoreProperties({"s3"})
public class LocalFileStoreFactory implements FileStoreFactory {

    static final String TYPE = "local";

    /** "local", or missing; anything else is a type no factory has (see FileStoreFactory). */
    @Pattern(regexp = TYPE, message = "must be local or s3, not '${validatedValue}'")
    @JsonProperty
    public String type = TYPE;

    /** Folder for stored files. */
    @NotEmpty
    @JsonProperty
    public String directory = "./data/files";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public FileStore build(Environment env) throws IOException {
        FilesystemFileStore store = new FilesystemFileStore(Path.of(directory));
        env.healthChecks().register("file-store", new FileStoreHealthCheck(store::isWritable,
                "file store folder is missing or read-only"));
        return new TimedFileStore(store, env.metrics(), TYPE);
    }

    @Override
    public Optional<Path> localDirectory() {
        return Optional.of(Path.of(directory));
    }
}
