package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sheetsmith.adapters.storage.FilesystemFileStore;
import dev.sheetsmith.adapters.storage.JdbiFileMetadataStore;
import dev.sheetsmith.adapters.storage.S3FileStore;
import dev.sheetsmith.adapters.storage.SchemaMigrator;
import dev.sheetsmith.adapters.storage.StorageJdbi;
import dev.sheetsmith.application.StorageSweepService;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.ports.out.FileStore;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The sweep of stored bytes that no row names, on a real H2 database with the local file store and
 * (when SHEETSMITH_TEST_S3_ENDPOINT names an S3 API server, as .ci/run does) with the S3 store.
 */
class StorageSweepTest {

    private static final Duration SAFETY = Duration.ofHours(1);

    @TempDir
    Path dir;

    /**
     * What calls set aside in the temp folder and a killed process left there goes with the sweep:
     * this server's temporary files older than the safety age, not the newer ones a running call
     * may hold, not folders, not other programs' files.
     */
    @Test
    void temporaryFilesOfStoppedCallsGoWhenOlderThanAnyCall() throws IOException {
        FilesystemFileStore store = new FilesystemFileStore(dir.resolve("files"));
        Layout layout = sweepScenario(store);
        Path temp = Files.createDirectories(dir.resolve("tmp"));
        List<Path> stale = new ArrayList<>();
        for (String name : List.of("sheetsmith-stream-1.xlsx", "sheetsmith-edit-2.xlsx", "sheetsmith-index-3.blocks",
                "sheetsmith-sheet-4.bin", "sheetsmith-rows-5.bin", "sheetsmith-scratch-6.tmp")) {
            stale.add(aged(Files.writeString(temp.resolve(name), "left by a killed call")));
        }
        Path running = Files.writeString(temp.resolve("sheetsmith-stream-7.xlsx"), "a call still running");
        Path folder = aged(Files.createDirectory(temp.resolve("sheetsmith-edit-it8")));
        Path other = aged(Files.writeString(temp.resolve("someone-else.tmp"), "not ours"));

        assertSweepRemoves(layout, store, temp, stale, running, folder, other);
    }

    /**
     * POI's own temporary files (the streaming writer's sheets, spilled zip entries), which it keeps in
     * "poifiles" inside the temp folder and a killed call leaves there for good, go with the same sweep
     * and count: only its files older than the safety age, never its folder (in use by a running call)
     * nor folders inside it, nor files beside it.
     */
    @Test
    void poisTemporaryFilesOfStoppedCallsGoWhenOlderThanAnyCall() throws IOException {
        FilesystemFileStore store = new FilesystemFileStore(dir.resolve("files"));
        Layout layout = sweepScenario(store);
        Path temp = Files.createDirectories(dir.resolve("tmp"));
        Path poi = Files.createDirectory(temp.resolve("poifiles"));
        List<Path> stale = new ArrayList<>();
        for (String name : List.of("poi-sxssf-sheet6413862217.xml", "poi-sxssf-sheet-xml5510.gz", "poi-zip-entry-8817.tmp")) {
            stale.add(aged(Files.writeString(poi.resolve(name), "left by a killed call")));
        }
        stale.add(aged(Files.writeString(temp.resolve("sheetsmith-stream-9.xlsx"), "left by a killed call")));
        Path running = Files.writeString(poi.resolve("poi-sxssf-sheet77.xml"), "a call still writing");
        Path folder = Files.createDirectory(poi.resolve("poi-temp-dir-1"));
        Path inFolder = aged(Files.writeString(folder.resolve("poi-inner.tmp"), "not swept: inside a folder"));
        aged(folder);
        aged(poi);
        Path beside = aged(Files.writeString(temp.resolve("poi-sxssf-sheet5.xml"), "not in POI's folder"));

        assertSweepRemoves(layout, store, temp, stale, running, poi, folder, inFolder, beside);
        // without POI's folder (no POI call since the temp folder was emptied) the sweep finds nothing to do
        for (Path gone : List.of(running, inFolder, folder, poi)) {
            Files.delete(gone);
        }
        assertThat(sweepTemp(layout, store, temp).scratchRemoved()).isZero();
        assertThat(keys(store)).containsAll(layout.named);
    }

    /** Its last change three hours ago, past the safety age. */
    private static Path aged(Path path) throws IOException {
        Files.setLastModifiedTime(path, FileTime.from(Instant.now().minus(Duration.ofHours(3))));
        return path;
    }

    /** A sweep of {@code temp} removes exactly {@code stale}, keeps {@code kept} (files and folders) and every named key. */
    private static void assertSweepRemoves(Layout layout, FileStore store, Path temp, List<Path> stale, Path... kept)
            throws IOException {
        assertThat(sweepTemp(layout, store, temp).scratchRemoved()).isEqualTo(stale.size());
        assertThat(stale).allSatisfy(file -> assertThat(file).doesNotExist());
        assertThat(kept).allSatisfy(path -> assertThat(path).exists());
        assertThat(keys(store)).containsAll(layout.named);
    }

    /** A sweep now, with the temp folder given as the scratch space's. */
    private static StorageSweepService.Swept sweepTemp(Layout layout, FileStore store, Path temp) {
        return new StorageSweepService(layout.metadata, store, new dev.sheetsmith.adapters.storage.TempFileScratchSpace(temp),
                SAFETY, Clock.systemUTC()).sweep();
    }

    @Test
    void onLocalFilesOnlyOldBytesThatNoRowNamesAreRemoved() throws IOException {
        FilesystemFileStore store = new FilesystemFileStore(dir.resolve("files"));
        Layout layout = sweepScenario(store);

        // what a write killed before its rename leaves: a temporary file, old and new
        Path oldTemp = dir.resolve("files").resolve(layout.fileId).resolve(".r9.xlsx." + UUID.randomUUID() + ".tmp");
        Path newTemp = dir.resolve("files").resolve(layout.fileId).resolve(".r10.xlsx." + UUID.randomUUID() + ".tmp");
        Files.writeString(oldTemp, "half");
        Files.writeString(newTemp, "half");
        Files.setLastModifiedTime(oldTemp, FileTime.from(Instant.now().minus(Duration.ofHours(3))));
        // an old orphan by its file time, swept with the real clock
        String oldOrphan = layout.fileId + "/r7-cccccccc.xlsx";
        store.write(oldOrphan, out -> out.write(bytes("lost")));
        Files.setLastModifiedTime(dir.resolve("files").resolve(oldOrphan),
                FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        StorageSweepService.Swept now = new StorageSweepService(layout.metadata, store, SAFETY, Clock.systemUTC())
                .sweep();

        assertThat(now.orphansDeleted()).isEqualTo(1);
        assertThat(now.unfinishedWritesRemoved()).isEqualTo(1);
        assertThat(oldTemp).doesNotExist();
        assertThat(newTemp).exists();
        assertThat(keys(store)).doesNotContain(oldOrphan).containsAll(layout.named).containsAll(layout.orphans);

        StorageSweepService.Swept later = new StorageSweepService(layout.metadata, store, SAFETY,
                Clock.offset(Clock.systemUTC(), Duration.ofHours(2))).sweep();
        assertThat(later.orphansDeleted()).isEqualTo(layout.orphans.size());
        assertThat(keys(store)).containsExactlyInAnyOrderElementsOf(layout.kept());
        for (String key : layout.named) {
            try (var in = store.open(key)) {
                assertThat(in.readAllBytes()).isEqualTo(bytes(key));
            }
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "SHEETSMITH_TEST_S3_ENDPOINT", matches = "https?://.+")
    void inAnS3BucketOnlyOldObjectsThatNoRowNamesAreRemoved() throws IOException {
        String endpoint = System.getenv("SHEETSMITH_TEST_S3_ENDPOINT");
        String access = System.getenv("SHEETSMITH_TEST_S3_ACCESS_KEY");
        String secret = System.getenv("SHEETSMITH_TEST_S3_SECRET_KEY");
        String bucket = "sweep" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (S3Client admin = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .endpointOverride(URI.create(endpoint)).forcePathStyle(true)
                .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(access, secret)))
                .build();
                S3FileStore store = new S3FileStore(bucket, "files", "us-east-1", endpoint, true, access, secret)) {
            admin.createBucket(b -> b.bucket(bucket));
            // an object beside the prefix is not the store's: never listed, never touched
            admin.putObject(b -> b.bucket(bucket).key("other/" + "0".repeat(32) + "/r1.xlsx"),
                    software.amazon.awssdk.core.sync.RequestBody.fromString("theirs"));
            Layout layout = sweepScenario(store);

            // S3 sets LastModified itself, so "later" is a clock two hours ahead
            assertThat(new StorageSweepService(layout.metadata, store, SAFETY, Clock.systemUTC()).sweep()
                    .orphansDeleted()).isZero();
            StorageSweepService.Swept later = new StorageSweepService(layout.metadata, store, SAFETY,
                    Clock.offset(Clock.systemUTC(), Duration.ofHours(2))).sweep();

            assertThat(later.orphansDeleted()).isEqualTo(layout.orphans.size());
            assertThat(keys(store)).containsExactlyInAnyOrderElementsOf(layout.kept());
            assertThat(admin.listObjectsV2(b -> b.bucket(bucket).prefix("other/")).contents())
                    .extracting(software.amazon.awssdk.services.s3.model.S3Object::key)
                    .contains("other/" + "0".repeat(32) + "/r1.xlsx");
        }
    }

    /** Keys the rows name, keys nothing names (a crash before the commit), keys not of our making. */
    private record Layout(JdbiFileMetadataStore metadata, String fileId, List<String> named, List<String> orphans,
            List<String> foreign) {
        List<String> kept() {
            List<String> kept = new ArrayList<>(named);
            kept.addAll(foreign);
            return kept;
        }
    }

    private Layout sweepScenario(FileStore store) throws IOException {
        Jdbi jdbi = StorageJdbi.configure(Jdbi.create("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        new SchemaMigrator(jdbi).migrate();
        JdbiFileMetadataStore metadata = new JdbiFileMetadataStore(jdbi);
        String fileId = UUID.randomUUID().toString().replace("-", "");
        Instant t = Instant.now();
        StoredFile r1 = new StoredFile(fileId, new Owner("alice"), "a.xlsx", "xlsx", "application/x", 4, "0".repeat(64),
                1, fileId + "/r1.xlsx", t, t);
        StoredFile r2 = new StoredFile(fileId, new Owner("alice"), "a.xlsx", "xlsx", "application/x", 4, "0".repeat(64),
                2, fileId + "/r2-aaaaaaaa.xlsx", t, t);
        List<String> named = List.of(r1.storageKey(), r2.storageKey());
        // the write of the next revision that never reached its commit, and a whole file that never did
        // and the read index of that revision (ReadIndexes), and of a revision whose row is gone
        List<String> orphans = List.of(fileId + "/r3-bbbbbbbb.xlsx",
                UUID.randomUUID().toString().replace("-", "") + "/r1.xlsx", fileId + "/r3-bbbbbbbb.xlsx.ri1",
                fileId + "/r0.xlsx.ri1");
        // kept: keys not of our making, and the read index of a named revision
        List<String> foreign = List.of("notes/readme.txt", fileId + "/kept-by-hand.bin", r2.storageKey() + ".ri1");
        for (String key : concat(named, orphans, foreign)) {
            store.write(key, out -> out.write(bytes(key)));
        }
        assertThat(metadata.insertIfNameFree(r1)).isTrue();
        assertThat(metadata.commitRevision(r2, 1, "write_range")).isTrue();
        assertThat(metadata.namedKeys(concat(named, orphans, foreign))).containsExactlyInAnyOrderElementsOf(named);
        return new Layout(metadata, fileId, named, orphans, foreign);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    private static List<String> keys(FileStore store) throws IOException {
        List<String> keys = new ArrayList<>();
        store.list(k -> keys.add(k.key()));
        return keys;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
