package dev.sheetsmith.application;

import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.McpSession;
import dev.sheetsmith.domain.NotFoundException;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.OwnerUsage;
import dev.sheetsmith.domain.Page;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.ports.in.AdminUseCase;
import dev.sheetsmith.ports.in.ManageFilesUseCase;
import dev.sheetsmith.ports.out.FileMetadataStore;
import dev.sheetsmith.ports.out.SessionStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Admin views across owners; lists are pages in id order with an opaque cursor (the last id). */
public final class AdminService implements AdminUseCase {

    public static final int MAX_PAGE = 500;

    private final FileMetadataStore files;
    private final SessionStore sessions;
    private final ManageFilesUseCase manage;

    public AdminService(FileMetadataStore files, SessionStore sessions, ManageFilesUseCase manage) {
        this.files = Objects.requireNonNull(files, "files");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.manage = Objects.requireNonNull(manage, "manage");
    }

    @Override
    public List<OwnerUsage> owners() {
        Map<String, OwnerUsage> byOwner = new TreeMap<>();
        for (OwnerUsage u : files.usageByOwner()) {
            byOwner.put(u.owner().id(), u);
        }
        for (OwnerUsage s : sessions.usageByOwner()) {
            byOwner.merge(s.owner().id(), s, (f, x) -> new OwnerUsage(f.owner(), f.files(), f.bytes(), x.sessions(),
                    latest(f.lastActivity(), x.lastActivity())));
        }
        return List.copyOf(byOwner.values());
    }

    @Override
    public Page<McpSession> sessions(Owner owner, String cursor, int limit) {
        List<McpSession> page = sessions.page(owner, cursor, checked(limit) + 1);
        return trim(page, limit, McpSession::id);
    }

    @Override
    public boolean endSession(String sessionId) {
        return sessions.delete(sessionId);
    }

    @Override
    public int endSessions(Owner owner) {
        return sessions.deleteByOwner(owner);
    }

    @Override
    public Page<StoredFile> files(Owner owner, String nameContains, Instant changedSince, String cursor, int limit) {
        List<StoredFile> page = files.page(owner, nameContains, changedSince, cursor, checked(limit) + 1);
        return trim(page, limit, StoredFile::id);
    }

    @Override
    public ManageFilesUseCase.LinkedFile file(String fileId) {
        StoredFile file = files.find(fileId).orElseThrow(() -> new NotFoundException("no file with id " + fileId));
        return manage.downloadLink(file.owner(), file.id());
    }

    @Override
    public StoredFile deleteFile(String fileId) {
        StoredFile file = files.find(fileId).orElseThrow(() -> new NotFoundException("no file with id " + fileId));
        return manage.deleteFile(file.owner(), file.id());
    }

    private static int checked(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidInputException("'limit' must be between 1 and " + MAX_PAGE);
        }
        return limit;
    }

    private static <T> Page<T> trim(List<T> fetched, int limit, java.util.function.Function<T, String> id) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, limit);
        return new Page<>(items, id.apply(items.get(items.size() - 1)));
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
