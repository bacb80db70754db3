package dev.sheetsmith.adapters.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 store against a real S3 API server: .ci/run starts S3Proxy (filesystem backend) and sets
 * SHEETSMITH_TEST_S3_ENDPOINT, _ACCESS_KEY and _SECRET_KEY; without them these tests are skipped.
 */
@EnabledIfEnvironmentVariable(named = "SHEETSMITH_TEST_S3_ENDPOINT", matches = "https?://.+")
class S3FileStoreTest {

    private static final String ENDPOINT = System.getenv("SHEETSMITH_TEST_S3_ENDPOINT");
    private static final String ACCESS = System.getenv("SHEETSMITH_TEST_S3_ACCESS_KEY");
    private static final String SECRET = System.getenv("SHEETSMITH_TEST_S3_SECRET_KEY");

    private String bucket;
    private S3Client admin;
    private S3FileStore store;

    @BeforeEach
    void freshBucket() {
        bucket = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        admin = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .endpointOverride(URI.create(ENDPOINT)).forcePathStyle(true)
                .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET))).build();
        admin.createBucket(b -> b.bucket(bucket));
        store = new S3FileStore(bucket, "files", "us-east-1", ENDPOINT, true, ACCESS, SECRET);
    }

    @AfterEach
    void close() {
        store.close();
        admin.close();
    }

    @Test
    void writtenObjectsReadBackUnderThePrefixAndCanBeReplacedAndDeleted() throws IOException {
        store.write("f1/r1.xlsx", out -> out.write("one".getBytes(StandardCharsets.UTF_8)));
        dev.sheetsmith.ports.out.FileStore.Written written = store.write("f1/r1.xlsx",
                out -> out.write("two".getBytes(StandardCharsets.UTF_8)));
        assertThat(written.sizeBytes()).isEqualTo(3);
        assertThat(written.sha256()).isEqualTo("3fc4ccfe745870e2c0d99f71f30ff0656c8dedd41cc1d7d3d376b0dbe685e2f3");
        try (InputStream in = store.open("f1/r1.xlsx")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("two");
        }
        // (S3Proxy's filesystem backend also lists folder markers, which end in '/'.)
        assertThat(objects()).containsExactly("files/f1/r1.xlsx");
        assertThat(store.reachable()).isTrue();
        store.delete("f1/r1.xlsx");
        assertThatThrownBy(() -> store.open("f1/r1.xlsx")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aWriteThatFailsHalfwayPutsNothingInTheBucket() {
        assertThatThrownBy(() -> store.write("f2/r1.xlsx", out -> {
            out.write(new byte[10_000]);
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(objects()).isEmpty();
    }

    private java.util.List<String> objects() {
        return admin.listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(o -> o.key())
                .filter(k -> !k.endsWith("/")).toList();
    }

    @Test
    void aMissingBucketIsReportedUnhealthy() {
        try (S3FileStore missing = new S3FileStore("no-such-bucket-here", "", "us-east-1", ENDPOINT, true, ACCESS,
                SECRET)) {
            assertThat(missing.reachable()).isFalse();
        }
    }

    @Test
    void listNamesTheObjectsUnderThePrefixWithTheirTimes() throws IOException {
        store.write("f1/r1.xlsx", out -> out.write("one".getBytes(StandardCharsets.UTF_8)));
        store.write("f2/r1-abcdef12.xlsx", out -> out.write("two".getBytes(StandardCharsets.UTF_8)));
        admin.putObject(b -> b.bucket(bucket).key("elsewhere/f3/r1.xlsx"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("not the store's"));

        java.util.Map<String, java.time.Instant> listed = new java.util.TreeMap<>();
        store.list(k -> listed.put(k.key(), k.modified()));

        assertThat(listed).containsOnlyKeys("f1/r1.xlsx", "f2/r1-abcdef12.xlsx");
        assertThat(listed.values()).allSatisfy(t -> assertThat(t).isAfter(java.time.Instant.now().minusSeconds(600)));
    }

    @Test
    void aRangeOfAnObjectReadsBackWithARangedGet() throws IOException {
        byte[] bytes = new byte[100_000];
        new java.util.Random(7).nextBytes(bytes);
        store.write("f1/r1.xlsx.ri1", out -> out.write(bytes));

        try (java.io.InputStream in = store.open("f1/r1.xlsx.ri1", 40_000, 12_345)) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 40_000, 52_345));
        }
    }
}
