package dev.sheetsmith.server;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.sheetsmith.adapters.storage.S3FileStore;
import dev.sheetsmith.ports.out.FileStore;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * {@code storage.type: s3}: objects in the bucket of {@code storage.s3}, on AWS or an S3-compatible
 * store (MinIO, Ceph, R2) through endpoint and pathStyle. {@code storage.directory}, which the
 * shipped config.yml always carries, is ignored here.
 */
@JsonTypeName(S3FileStoreFactory.TYPE)
@JsonIgnoreProperties({"directory", "type"})
public class S3FileStoreFactory implements FileStoreFactory {

    static final String TYPE = "s3";

    @Valid
    @NotNull
    @JsonProperty
    public S3 s3 = new S3();

    /** The bucket and how to reach it. */
    public static class S3 {
        @NotBlank(message = "must name the bucket when storage.type is s3")
        @JsonProperty
        public String bucket = "";

        @JsonProperty
        public String prefix = "";

        @JsonProperty
        public String region = "us-east-1";

        /** Empty for AWS; e.g. http://minio:9000 for a compatible store. */
        @JsonProperty
        public String endpoint = "";

        @JsonProperty
        public boolean pathStyle = false;

        /** Empty: the SDK's default credential chain (environment, profile, instance role). */
        @JsonProperty
        public String accessKey = "";

        @JsonProperty
        public String secretKey = "";
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public FileStore build(Environment env) {
        S3FileStore store = new S3FileStore(s3.bucket, s3.prefix, s3.region, s3.endpoint, s3.pathStyle,
                s3.accessKey, s3.secretKey);
        env.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                store.close();
            }
        });
        env.healthChecks().register("file-store", new FileStoreHealthCheck(store::reachable,
                "bucket " + s3.bucket + " does not answer"));
        return new TimedFileStore(store, env.metrics(), TYPE);
    }
}
