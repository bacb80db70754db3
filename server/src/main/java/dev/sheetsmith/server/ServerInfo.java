package dev.sheetsmith.server;

import dev.sheetsmith.application.MemoryBudget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** What GET /api/admin/info shows of this server: version, uptime, database and storage kind, limits, memory. */
final class ServerInfo implements Supplier<Map<String, Object>> {

    private final SheetsmithConfiguration config;
    private final Instant started;
    private final Clock clock;
    private final MemoryBudget memory;

    ServerInfo(SheetsmithConfiguration config, Clock clock, MemoryBudget memory) {
        this.config = config;
        this.clock = clock;
        this.started = clock.instant();
        this.memory = memory;
    }

    @Override
    public Map<String, Object> get() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("version", SheetsmithVersion.get());
        info.put("started", started.toString());
        info.put("uptimeSeconds", Duration.between(started, clock.instant()).toSeconds());
        String url = config.database.getUrl();
        info.put("database", url.startsWith("jdbc:postgresql") ? "postgresql" : url.startsWith("jdbc:h2") ? "h2" : "other");
        info.put("storage", config.storage.type());
        info.put("limits", Map.of("maxCellsPerCall", config.limits.maxCellsPerCall, "maxSheets",
                config.limits.maxSheets, "maxImportBytes", config.limits.maxImportBytes, "maxRequestBytes",
                config.mcp.maxRequestBytes, "keepRevisions", config.files.keepRevisions));
        Map<String, Object> budget = new LinkedHashMap<>();
        budget.put("capacityBytes", memory.capacityBytes());
        budget.put("reservedBytes", memory.reservedBytes());
        budget.put("peakBytes", memory.peakBytes());
        budget.put("waitingCalls", memory.waitingCalls());
        budget.put("refusedCalls", memory.refusedCalls());
        budget.put("maxWaitSeconds", memory.maxWait().toSeconds());
        budget.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        info.put("memoryBudget", budget);
        return info;
    }
}
