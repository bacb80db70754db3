package dev.sheetsmith.adapters.storage;

import dev.sheetsmith.ports.out.FileStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.function.Consumer;
import java.nio.file.Path;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Files in an S3 bucket (or an S3-compatible store: MinIO, Ceph, R2) with the AWS SDK v2. A write
 * is finished in a local temporary file and then sent as one PUT, so the bucket never holds a
 * partial object under the real key; write returns when the PUT has been answered with success,
 * which S3 sends only once the object is stored durably. Reads stream from the bucket.
 */
public final class S3FileStore implements FileStore, AutoCloseable {

    private static final String TEMP_PREFIX = "sheetsmith-put-";

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    /**
     * @param endpoint null for AWS itself, else e.g. http://127.0.0.1:9000
     * @param accessKey null or empty: the SDK's default credential chain (environment, profile, role)
     */
    public S3FileStore(String bucket, String prefix, String region, String endpoint, boolean pathStyle,
            String accessKey, String secretKey) {
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.prefix = prefix == null || prefix.isBlank() ? "" : prefix.replaceAll("/+$", "") + "/";
        AwsCredentialsProvider credentials = accessKey == null || accessKey.isBlank()
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
        var builder = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).credentialsProvider(credentials)
                .region(Region.of(region == null || region.isBlank() ? "us-east-1" : region))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build())
                // Checksums only where S3 requires them: the SDK's newer default trailing checksums
                // are refused by many S3-compatible stores (seen with S3Proxy).
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        this.s3 = builder.build();
    }

    @Override
    public Written write(String key, BodyWriter body) throws IOException {
        Path temp = Files.createTempFile(TEMP_PREFIX, ".tmp");
        try {
            Written written;
            try (OutputStream out = Files.newOutputStream(temp)) {
                HashingOutputStream hashing = new HashingOutputStream(out);
                body.writeTo(hashing);
                hashing.flush();
                written = hashing.written();
            }
            s3.putObject(b -> b.bucket(bucket).key(objectKey(key)), RequestBody.fromFile(temp));
            return written;
        } catch (SdkException e) {
            throw new IOException("could not store " + key + " in bucket " + bucket, e);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** ListObjectsV2 under the prefix, page by page. */
    @Override
    public void list(Consumer<StoredKey> each) throws IOException {
        try {
            for (var page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix.isEmpty() ? null : prefix))) {
                for (S3Object object : page.contents()) {
                    String key = object.key().substring(prefix.length());
                    // "folder" markers (S3 consoles and some S3-compatible stores list them) hold no file
                    if (!key.isEmpty() && !key.endsWith("/")) {
                        each.accept(new StoredKey(key, object.lastModified()));
                    }
                }
            }
        } catch (SdkException e) {
            throw new IOException("could not list bucket " + bucket, e);
        }
    }

    /** The local temporary files of PUTs whose process died before it could remove them. */
    @Override
    public int removeUnfinishedWrites(Instant cutoff) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(Path.of(System.getProperty("java.io.tmpdir")),
                TEMP_PREFIX + "*.tmp")) {
            for (Path temp : temps) {
                try {
                    if (Files.getLastModifiedTime(temp).toInstant().isBefore(cutoff) && Files.deleteIfExists(temp)) {
                        removed++;
                    }
                } catch (NoSuchFileException gone) {
                    // finished meanwhile
                }
            }
        }
        return removed;
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(objectKey(key)));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key);
        } catch (SdkException e) {
            throw new IOException("could not read " + key + " from bucket " + bucket, e);
        }
    }

    /** A ranged GET (RFC 9110 14.1.2): one block of a large read index costs its own bytes only. */
    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        if (length <= 0) {
            return InputStream.nullInputStream();
        }
        try {
            return s3.getObject(b -> b.bucket(bucket).key(objectKey(key)).range("bytes=" + offset + "-"
                    + (offset + length - 1)));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key);
        } catch (SdkException e) {
            throw new IOException("could not read " + key + " from bucket " + bucket, e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(objectKey(key)));
        } catch (SdkException e) {
            throw new IOException("could not delete " + key + " from bucket " + bucket, e);
        }
    }

    /** Whether the bucket answers; used by the health check. */
    public boolean reachable() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
            return true;
        } catch (SdkException e) {
            return false;
        }
    }

    private String objectKey(String key) {
        if (key == null || key.isBlank() || key.contains("..") || key.startsWith("/")) {
            throw new IllegalArgumentException("not a storage key: " + key);
        }
        return prefix + key;
    }

    @Override
    public void close() {
        s3.close();
    }
}
