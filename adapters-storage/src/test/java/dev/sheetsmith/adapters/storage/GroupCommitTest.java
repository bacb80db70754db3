package dev.sheetsmith.adapters.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many threads writing at once through one {@link GroupCommit}, on a real H2 pool: every caller gets
 * back its own result or its own failure, every write that returned is in the table and no other, and
 * no caller is left waiting (the threads park and are woken by the commit holding their write).
 */
class GroupCommitTest {

    private JdbcConnectionPool pool;
    private DirectSql sql;

    @BeforeEach
    void freshDatabase() throws Exception {
        pool = JdbcConnectionPool.create("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        pool.setMaxConnections(8);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id VARCHAR(40) PRIMARY KEY, writer INT NOT NULL)");
        }
        sql = DirectSql.of(pool);
    }

    @AfterEach
    void close() {
        pool.dispose();
    }

    @Test
    void everyOneOfManyConcurrentWritersGetsItsOwnResultAndEveryRowIsThere() throws Exception {
        GroupCommit writes = new GroupCommit(sql);
        int threads = 48;
        int each = 60;
        List<Integer> returned = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> race(threads, each, (t, i) -> {
            String id = t + "-" + i;
            return writes.write(c -> insert(c, id, t) * 1000 + t); // the caller's own number comes back to it
        }));

        assertThat(returned).hasSize(threads * each);
        for (int t = 0; t < threads; t++) {
            int mine = 1000 + t;
            assertThat(returned.stream().filter(r -> r == mine)).as("writer %d's answers", t).hasSize(each);
        }
        assertThat(ids()).hasSize(threads * each);
    }

    @Test
    void aFailingWriteAmongConcurrentOnesFailsAloneAndLeavesNoRow() throws Exception {
        GroupCommit writes = new GroupCommit(sql);
        writes.write(c -> insert(c, "taken", -1));
        int threads = 32;
        int each = 40;
        // every 7th write reuses the taken id: it must fail on its own, the others in its batch must commit
        List<Object> outcomes = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> race(threads, each, (t, i) -> {
            String id = (t * each + i) % 7 == 0 ? "taken" : t + "-" + i;
            try {
                writes.write(c -> insert(c, id, t));
                return id;
            } catch (RuntimeException e) {
                return e;
            }
        }));

        Set<String> committed = new HashSet<>();
        int failed = 0;
        for (Object o : outcomes) {
            if (o instanceof RuntimeException e) {
                failed++;
                assertThat(e).hasMessageContaining("database statement failed");
            } else {
                committed.add((String) o);
            }
        }
        int expectedFailures = (int) java.util.stream.IntStream.range(0, threads * each).filter(n -> n % 7 == 0).count();
        assertThat(failed).isEqualTo(expectedFailures);
        committed.add("taken");
        assertThat(ids()).isEqualTo(committed);
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT writer FROM t WHERE id = 'taken'");
                ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).as("the taken row is the first writer's, untouched").isEqualTo(-1);
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        T run(int thread, int index) throws Exception;
    }

    private static <T> List<T> race(int threads, int each, Call<T> call) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<T>>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                runs.add(executor.submit(() -> {
                    start.await();
                    List<T> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        mine.add(call.run(thread, i));
                    }
                    return mine;
                }));
            }
            start.countDown();
            List<T> all = new ArrayList<>();
            for (Future<List<T>> run : runs) {
                try {
                    all.addAll(run.get());
                } catch (ExecutionException e) {
                    throw new AssertionError("a writer failed", e.getCause());
                }
            }
            return all;
        } finally {
            executor.shutdownNow();
        }
    }

    private static int insert(Connection c, String id, int writer) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (id, writer) VALUES (?, ?)")) {
            ps.setString(1, id);
            ps.setInt(2, writer);
            return ps.executeUpdate();
        }
    }

    private Set<String> ids() throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT id FROM t");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
