package dev.sheetsmith.application;

import dev.sheetsmith.domain.AuditEvent;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.Page;
import dev.sheetsmith.ports.in.AuditUseCase;
import dev.sheetsmith.ports.out.AuditLog;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

public final class AuditService implements AuditUseCase {

    private static final System.Logger LOG = System.getLogger(AuditService.class.getName());

    private final AuditLog log;
    private final Clock clock;

    public AuditService(AuditLog log, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void record(String owner, String actor, String action, String fileId, String detail) {
        try {
            log.record(new AuditEvent(0, clock.instant(), owner, actor, action, fileId, detail));
        } catch (RuntimeException e) {
            // The change itself already happened; a lost audit row must not turn it into a failure.
            LOG.log(System.Logger.Level.ERROR, "could not record audit event " + action + " for " + owner, e);
        }
    }

    @Override
    public Page<AuditEvent> events(String owner, String action, String cursor, int limit) {
        if (limit < 1 || limit > AdminService.MAX_PAGE) {
            throw new InvalidInputException("'limit' must be between 1 and " + AdminService.MAX_PAGE);
        }
        Long before;
        try {
            before = cursor == null || cursor.isBlank() ? null : Long.valueOf(cursor);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("'cursor' is not one this API gave out");
        }
        List<AuditEvent> page = log.page(owner, action, before, limit + 1);
        if (page.size() <= limit) {
            return new Page<>(page, null);
        }
        List<AuditEvent> items = page.subList(0, limit);
        return new Page<>(items, String.valueOf(items.get(items.size() - 1).id()));
    }
}
