package dev.sheetsmith.server;

import dev.sheetsmith.application.McpSessionService;
import dev.sheetsmith.application.RetentionService;
import dev.sheetsmith.application.StorageSweepService;
import io.dropwizard.core.setup.Environment;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs that run on a timer, each on a managed one-thread executor. A failed run is logged and
 * the job runs again at its next time.
 */
final class BackgroundJobs {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundJobs.class);

    private final Environment env;

    BackgroundJobs(Environment env) {
        this.env = env;
    }

    /** The retention job (when files.maxAgeDays is set); with retentionDryRun it only logs what it would delete. */
    void retention(RetentionService retention, SheetsmithConfiguration.Files files) {
        if (files.maxAgeDays <= 0) {
            return;
        }
        long every = files.retentionInterval.toMilliseconds();
        schedule("retention", every, every, () -> {
            var due = retention.preview();
            if (due.isEmpty()) {
                return;
            }
            LOG.info("Retention: {} file(s) unchanged for over {} days{}: {}", due.size(), files.maxAgeDays,
                    files.retentionDryRun ? " would be deleted (dry run)" : " are deleted",
                    due.stream().map(f -> f.owner().id() + "/" + f.name()).toList());
            if (!files.retentionDryRun) {
                retention.purge();
            }
        });
    }

    /**
     * Bytes no row names are removed at start-up and then with the retention job's interval. Only
     * those older than any call can take: a write on another replica may still be before its commit.
     */
    void storageSweep(StorageSweepService sweep, long everyMillis) {
        schedule("storage-sweep", 0, everyMillis, () -> {
            StorageSweepService.Swept swept = sweep.sweep();
            if (swept.orphansDeleted() > 0 || swept.unfinishedWritesRemoved() > 0 || swept.scratchRemoved() > 0) {
                LOG.info("Storage sweep: removed {} stored file(s) that no file or revision names, {}"
                        + " unfinished write(s) and {} temporary file(s) of stopped calls, of {} stored",
                        swept.orphansDeleted(), swept.unfinishedWritesRemoved(), swept.scratchRemoved(), swept.keys());
            }
        });
    }

    /** At least an hour, and well beyond the longest a call may take (mcp.requestTimeout). */
    static Duration sweepSafetyAge(Duration requestTimeout) {
        Duration twice = requestTimeout.multipliedBy(2);
        return twice.compareTo(Duration.ofHours(1)) > 0 ? twice : Duration.ofHours(1);
    }

    /** One DELETE of idle rows: harmless when several replicas run it at the same time. */
    void sessionSweep(McpSessionService sessions, long everyMillis) {
        schedule("session-sweep", everyMillis, everyMillis, () -> {
            int removed = sessions.sweep();
            if (removed > 0) {
                LOG.info("Removed {} idle MCP session(s)", removed);
            }
        });
    }

    private void schedule(String name, long firstMillis, long everyMillis, Runnable job) {
        env.lifecycle().scheduledExecutorService(name, true).threads(1).build().scheduleWithFixedDelay(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                LOG.warn("{} failed; it runs again in {} ms", name, everyMillis, e);
            }
        }, firstMillis, everyMillis, TimeUnit.MILLISECONDS);
    }
}
