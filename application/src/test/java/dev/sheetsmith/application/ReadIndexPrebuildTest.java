package dev.sheetsmith.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.StoredFile;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The prebuild's policy: what waits, what is dropped, what a failure does. The build here only
 * records what it was given and can be held at its start; ReadIndexPrebuildIT (server) builds real
 * indexes on a real server.
 */
class ReadIndexPrebuildTest {

    private static final long MIN = 1000;

    /** Records each build, optionally held until released; throws for files named "broken...". */
    private static final class Builds implements ReadIndexPrebuild.Build {
        final List<String> built = new CopyOnWriteArrayList<>();
        final LinkedBlockingQueue<String> started = new LinkedBlockingQueue<>();
        volatile CountDownLatch gate = new CountDownLatch(0);

        @Override
        public boolean build(StoredFile file) throws IOException {
            started.add(file.id() + "@" + file.revision());
            try {
                gate.await();
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException("stopped");
            }
            if (file.name().startsWith("broken")) {
                throw new IOException("not a zip file");
            }
            if (file.name().startsWith("refused")) {
                return false;
            }
            built.add(file.id() + "@" + file.revision());
            return true;
        }

        String nextStarted() throws InterruptedException {
            return started.poll(30, TimeUnit.SECONDS);
        }
    }

    private final Builds builds = new Builds();
    private ReadIndexPrebuild prebuild;

    @AfterEach
    void stop() throws InterruptedException {
        if (prebuild != null) {
            prebuild.stop(10, TimeUnit.SECONDS);
        }
    }

    private ReadIndexPrebuild started(long min, int capacity) {
        prebuild = new ReadIndexPrebuild(builds, "xlsx"::equals, min, capacity);
        prebuild.start();
        return prebuild;
    }

    @Test
    void aNewerRevisionOfAFileReplacesItsWaitingOneAndAnOlderOneDoesNot() throws Exception {
        started(MIN, 4);
        builds.gate = new CountDownLatch(1);
        prebuild.committed(file("a", 1, 5000));
        assertThat(builds.nextStarted()).isEqualTo("a@1"); // held in its build
        prebuild.committed(file("b", 1, 5000));
        prebuild.committed(file("b", 2, 5000));
        prebuild.committed(file("c", 1, 5000));
        prebuild.committed(file("b", 1, 5000)); // late news of an older revision changes nothing
        assertThat(prebuild.waitingCount()).isEqualTo(2);
        builds.gate.countDown();
        awaitBuilt(3);
        assertThat(builds.built).containsExactly("a@1", "b@2", "c@1");
        assertThat(prebuild.droppedCount()).isEqualTo(2);
        assertThat(prebuild.builtCount()).isEqualTo(3);
    }

    @Test
    void aRevisionWaitsItsDelayAndANewerOneWithinItReplacesItUnbuilt() throws Exception {
        java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong();
        long minute = TimeUnit.MINUTES.toNanos(1);
        prebuild = new ReadIndexPrebuild(builds, "xlsx"::equals, MIN, 4, java.time.Duration.ofMinutes(60), clock::get);
        prebuild.start();
        prebuild.committed(file("a", 1, 5000)); // due at minute 60
        clock.set(10 * minute);
        prebuild.committed(file("a", 2, 5000)); // replaces it, due at minute 70
        Thread.sleep(300);
        assertThat(builds.started).as("nothing is built before it is due").isEmpty();
        assertThat(prebuild.droppedCount()).isEqualTo(1);
        assertThat(prebuild.waitingCount()).isEqualTo(1);

        clock.set(70 * minute + 1);
        prebuild.committed(file("b", 1, 5000)); // due at minute 130; its commit also wakes the thread
        assertThat(builds.nextStarted()).isEqualTo("a@2");
        awaitBuilt(1);
        Thread.sleep(300);
        assertThat(builds.built).containsExactly("a@2");
        assertThat(prebuild.waitingCount()).as("b waits for its own delay").isEqualTo(1);
        assertThatThrownBy(() -> new ReadIndexPrebuild(builds, "xlsx"::equals, MIN, 4, java.time.Duration.ofSeconds(-1),
                clock::get)).hasMessageContaining("files.readIndexPrebuildDelay");
    }

    @Test
    void whenTheQueueIsFullTheNewestWinsAndTheOldestWaitingIsDropped() throws Exception {
        started(MIN, 2);
        builds.gate = new CountDownLatch(1);
        prebuild.committed(file("a", 1, 5000));
        assertThat(builds.nextStarted()).isEqualTo("a@1");
        prebuild.committed(file("b", 1, 5000));
        prebuild.committed(file("c", 1, 5000));
        prebuild.committed(file("d", 1, 5000));
        assertThat(prebuild.waitingCount()).isEqualTo(2);
        builds.gate.countDown();
        awaitBuilt(3);
        assertThat(builds.built).containsExactly("a@1", "c@1", "d@1");
        assertThat(prebuild.droppedCount()).isEqualTo(1);
    }

    @Test
    void aFailingOrRefusedBuildIsCountedAndTheThreadGoesOn() throws Exception {
        started(MIN, 4);
        prebuild.committed(file("x", 1, 5000, "broken.xlsx"));
        prebuild.committed(file("y", 1, 5000, "refused.xlsx"));
        prebuild.committed(file("z", 1, 5000));
        awaitBuilt(3);
        assertThat(builds.built).containsExactly("z@1");
        assertThat(prebuild.failedCount()).isEqualTo(1);
        assertThat(prebuild.skippedCount()).isEqualTo(1);
        assertThat(prebuild.builtCount()).isEqualTo(1);
    }

    @Test
    void smallRevisionsOtherFormatsAndAZeroThresholdBuildNothing() throws Exception {
        started(MIN, 4);
        prebuild.committed(file("small", 1, MIN - 1));
        prebuild.committed(new StoredFile("csv", new Owner("o"), "big.csv", "csv", "text/csv", 5000, "0".repeat(64), 1,
                "csv/r1.csv", Instant.EPOCH, Instant.EPOCH));
        prebuild.committed(file("big", 1, MIN)); // at the threshold: built
        awaitBuilt(1);
        assertThat(builds.built).containsExactly("big@1");

        ReadIndexPrebuild off = new ReadIndexPrebuild(builds, "xlsx"::equals, 0, 4);
        off.start();
        try {
            off.committed(file("huge", 1, Long.MAX_VALUE));
            assertThat(off.waitingCount()).isZero();
        } finally {
            off.stop(10, TimeUnit.SECONDS);
        }
        assertThat(builds.started).containsExactly("big@1");
    }

    @Test
    void stopDropsWhatWaitsCutsTheBuildShortAndTakesNoMore() throws Exception {
        started(MIN, 4);
        builds.gate = new CountDownLatch(1); // never released: only stop() ends this build
        prebuild.committed(file("a", 1, 5000));
        assertThat(builds.nextStarted()).isEqualTo("a@1");
        prebuild.committed(file("b", 1, 5000));
        prebuild.stop(10, TimeUnit.SECONDS);
        Thread thread = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(ReadIndexPrebuild.THREAD_NAME) && t.isAlive()).findAny().orElse(null);
        assertThat(thread).as("the build thread ended").isNull();
        prebuild.committed(file("c", 1, 5000));
        assertThat(prebuild.waitingCount()).isZero();
        assertThat(builds.built).isEmpty();
        assertThat(prebuild.droppedCount()).isEqualTo(2); // b waiting, a cut short
        assertThat(prebuild.failedCount()).isZero();
    }

    @Test
    void theWatchedStoreHandsOverEveryCommittedRevisionAndNothingElse() throws Exception {
        started(MIN, 4);
        builds.gate = new CountDownLatch(1);
        InMemoryFileMetadataStore rows = new InMemoryFileMetadataStore();
        var watched = prebuild.watching(rows);
        StoredFile first = file("f", 1, 5000);
        assertThat(watched.insertIfNameFree(first)).isTrue();
        assertThat(builds.nextStarted()).isEqualTo("f@1");
        // the same name again is not inserted, so nothing is handed over
        assertThat(watched.insertIfNameFree(new StoredFile("g", first.owner(), first.name(), "xlsx", "x", 5000,
                "0".repeat(64), 1, "g/r1.xlsx", Instant.EPOCH, Instant.EPOCH))).isFalse();
        StoredFile second = file("f", 2, 6000);
        assertThat(watched.commitRevision(second, 1, "edit")).isTrue();
        assertThat(watched.commitRevision(file("f", 3, 6000), 1, "lost the race")).isFalse();
        assertThat(prebuild.waitingCount()).isEqualTo(1);
        assertThat(watched.find("f")).contains(second);
        builds.gate.countDown();
        awaitBuilt(2);
        assertThat(builds.built).containsExactly("f@1", "f@2");
    }

    @Test
    void aNegativeThresholdIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> new ReadIndexPrebuild(builds, "xlsx"::equals, -1, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("files.readIndexPrebuildBytes");
    }

    private void awaitBuilt(int outcomes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (prebuild.builtCount() + prebuild.failedCount() + prebuild.skippedCount() < outcomes
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        // and nothing more arrives after
        Thread.sleep(50);
    }

    private static StoredFile file(String id, int revision, long size) {
        return file(id, revision, size, id + ".xlsx");
    }

    private static StoredFile file(String id, int revision, long size, String name) {
        return new StoredFile(id, new Owner("o"), name, "xlsx", "application/x", size, "0".repeat(64), revision,
                id + "/r" + revision + ".xlsx", Instant.EPOCH, Instant.EPOCH);
    }
}
