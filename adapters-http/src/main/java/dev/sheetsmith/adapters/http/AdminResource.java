package dev.sheetsmith.adapters.http;

import dev.sheetsmith.adapters.http.tools.FileTools;
import dev.sheetsmith.domain.ApiKey;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.McpSession;
import dev.sheetsmith.domain.NotFoundException;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.Page;
import dev.sheetsmith.domain.Role;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.ports.in.AdminUseCase;
import dev.sheetsmith.ports.in.ApiKeysUseCase;
import dev.sheetsmith.ports.in.AuditUseCase;
import dev.sheetsmith.ports.in.ConvertFilesUseCase;
import dev.sheetsmith.ports.in.TransferFilesUseCase;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The admin REST API: keys, owners with usage, sessions, files, formats and server info, for admin
 * keys only (a user key gets 403, no key 401). Lists are pages in a stable order with a cursor.
 */
@Path("/api/admin")
@Produces(MediaType.APPLICATION_JSON)
public final class AdminResource {

    private final BearerKeyOwners principals;
    private final AdminUseCase admin;
    private final ApiKeysUseCase keys;
    private final ConvertFilesUseCase formats;
    private final BaseUrls baseUrls;
    private final Supplier<Map<String, Object>> info;
    private final AuditUseCase audit;
    private final Supplier<List<StoredFile>> nextPurge;
    private final TransferFilesUseCase transfers;

    public AdminResource(BearerKeyOwners principals, AdminUseCase admin, ApiKeysUseCase keys,
            ConvertFilesUseCase formats, BaseUrls baseUrls, Supplier<Map<String, Object>> info, AuditUseCase audit,
            Supplier<List<StoredFile>> nextPurge, TransferFilesUseCase transfers) {
        this.transfers = Objects.requireNonNull(transfers, "transfers");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.nextPurge = Objects.requireNonNull(nextPurge, "nextPurge");
        this.principals = Objects.requireNonNull(principals, "principals");
        this.admin = Objects.requireNonNull(admin, "admin");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.formats = Objects.requireNonNull(formats, "formats");
        this.baseUrls = Objects.requireNonNull(baseUrls, "baseUrls");
        this.info = Objects.requireNonNull(info, "info");
    }

    @GET
    @Path("info")
    public Response info(@Context HttpServletRequest request) {
        return guarded(request, () -> info.get());
    }

    @GET
    @Path("keys")
    public Response listKeys(@QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("50") int limit,
            @Context HttpServletRequest request) {
        return guarded(request, () -> inMemoryPage(keys.list().stream().map(AdminResource::key).toList(), "id", cursor,
                limit));
    }

    @POST
    @Path("keys")
    public Response createKey(Map<String, Object> body, @Context HttpServletRequest request) {
        return guarded(request, () -> {
            Map<String, Object> b = body == null ? Map.of() : body;
            if (!(b.get("owner") instanceof String owner) || owner.isBlank()) {
                throw new InvalidInputException("'owner' is required, e.g. {\"owner\": \"alice\"}");
            }
            Role role = Role.of(b.getOrDefault("role", "user").toString());
            boolean gateway = Boolean.TRUE.equals(b.get("gateway"));
            ApiKeysUseCase.CreatedApiKey created = keys.create(new Owner(owner.strip()), role, gateway);
            audit.record(owner.strip(), actor(request), "admin.key.create", null, "key " + created.key().id() + ", "
                    + role.id() + (gateway ? ", gateway" : ""));
            Map<String, Object> out = key(created.key());
            out.put("secret", created.secret());
            out.put("note", "The secret is shown only now.");
            return out;
        });
    }

    @DELETE
    @Path("keys/{id}")
    public Response revokeKey(@PathParam("id") String id, @Context HttpServletRequest request) {
        return guarded(request, () -> {
            if (!keys.revoke(id)) {
                throw new NotFoundException("no active key with id " + id);
            }
            audit.record(null, actor(request), "admin.key.revoke", null, "key " + id);
            return Map.of("revoked", id);
        });
    }

    @GET
    @Path("owners")
    public Response owners(@QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("50") int limit,
            @Context HttpServletRequest request) {
        return guarded(request, () -> inMemoryPage(admin.owners().stream().map(u -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("owner", u.owner().id());
            m.put("files", u.files());
            m.put("bytes", u.bytes());
            m.put("sessions", u.sessions());
            m.put("lastActivity", u.lastActivity() == null ? null : u.lastActivity().toString());
            return m;
        }).toList(), "owner", cursor, limit));
    }

    /**
     * Gives every file of {@code owner} to {@code {"to": "alice"}}: the way to keep the files made
     * before the first key (owner {@code local}). Names alice already uses get " (2)"; sessions stay.
     */
    @POST
    @Path("owners/{owner: .+}/transfer")
    public Response transferFiles(@PathParam("owner") String owner, Map<String, Object> body,
            @Context HttpServletRequest request) {
        return guarded(request, () -> {
            Map<String, Object> b = body == null ? Map.of() : body;
            if (!(b.get("to") instanceof String to) || to.isBlank()) {
                throw new InvalidInputException("'to' is required: the owner who gets the files, e.g. {\"to\":"
                        + " \"alice\"}");
            }
            var moved = transfers.transferFiles(new TransferFilesUseCase.TransferFilesCommand(new Owner(owner.strip()),
                    new Owner(to.strip()), actor(request)));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("from", moved.from().id());
            out.put("to", moved.to().id());
            out.put("moved", moved.moved().stream().map(m -> {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("id", m.fileId());
                f.put("name", m.name());
                f.put("previousName", m.previousName());
                return f;
            }).toList());
            out.put("note", "Sessions of " + moved.from().id() + " were not moved.");
            return out;
        });
    }

    @GET
    @Path("sessions")
    public Response sessions(@QueryParam("owner") String owner, @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") int limit, @Context HttpServletRequest request) {
        return guarded(request, () -> page(admin.sessions(owner(owner), cursor, limit), AdminResource::session));
    }

    @DELETE
    @Path("sessions/{id}")
    public Response endSession(@PathParam("id") String id, @Context HttpServletRequest request) {
        return guarded(request, () -> {
            if (!admin.endSession(id)) {
                throw new NotFoundException("no session with id " + id);
            }
            audit.record(null, actor(request), "admin.session.end", null, null);
            return Map.of("ended", 1);
        });
    }

    @DELETE
    @Path("sessions")
    public Response endSessions(@QueryParam("owner") String owner, @Context HttpServletRequest request) {
        return guarded(request, () -> {
            if (owner == null || owner.isBlank()) {
                throw new InvalidInputException("give ?owner=NAME: whose sessions to end");
            }
            int ended = admin.endSessions(new Owner(owner));
            audit.record(owner, actor(request), "admin.sessions.end", null, ended + " session(s)");
            return Map.of("ended", ended);
        });
    }

    @GET
    @Path("files")
    public Response files(@QueryParam("owner") String owner, @QueryParam("name") String name,
            @QueryParam("since") String since, @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") int limit, @Context HttpServletRequest request) {
        return guarded(request, () -> page(admin.files(owner(owner), name == null || name.isBlank() ? null : name,
                since(since), cursor, limit), FileTools::fileEntry));
    }

    @GET
    @Path("files/{id}")
    public Response file(@PathParam("id") String id, @Context HttpServletRequest request) {
        return guarded(request, () -> {
            var linked = admin.file(id);
            Map<String, Object> out = FileTools.fileEntry(linked.file());
            out.put("owner", linked.file().owner().id());
            out.put("downloadUrl", baseUrls.of(request) + linked.link().pathAndQuery());
            out.put("expiresAt", linked.link().expires().toString());
            return out;
        });
    }

    @DELETE
    @Path("files/{id}")
    public Response deleteFile(@PathParam("id") String id, @Context HttpServletRequest request) {
        return guarded(request, () -> {
            var deleted = admin.deleteFile(id);
            audit.record(deleted.owner().id(), actor(request), "admin.file.delete", deleted.id(), deleted.name());
            return Map.of("deleted", deleted.id());
        });
    }

    @GET
    @Path("retention")
    public Response retention(@Context HttpServletRequest request) {
        return guarded(request, () -> Map.of("nextPurge", nextPurge.get().stream().map(f -> {
            Map<String, Object> m = FileTools.fileEntry(f);
            m.put("owner", f.owner().id());
            return m;
        }).toList()));
    }

    @GET
    @Path("audit")
    public Response audit(@QueryParam("owner") String owner, @QueryParam("action") String action,
            @QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("50") int limit,
            @Context HttpServletRequest request) {
        return guarded(request, () -> page(audit.events(blankToNull(owner), blankToNull(action), cursor, limit), e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id());
            m.put("at", e.at().toString());
            m.put("owner", e.owner());
            m.put("actor", e.actor());
            m.put("action", e.action());
            m.put("fileId", e.fileId());
            m.put("detail", e.detail());
            return m;
        }));
    }

    @GET
    @Path("formats")
    public Response formats(@Context HttpServletRequest request) {
        return guarded(request, () -> Map.of("items", formats.formats().stream().map(f -> Map.of("id", f.id(),
                "extension", f.extension(), "mediaType", f.mediaType(), "canImport", f.canRead(), "source",
                f.source())).toList()));
    }

    private Response guarded(HttpServletRequest request, Supplier<Object> work) {
        Caller caller = principals.identify(request);
        if (!caller.isAllowed()) {
            return OpenApiResource.refused(caller);
        }
        if (caller.principal().role() != Role.ADMIN) {
            return OpenApiResource.error(Response.Status.FORBIDDEN, "Forbidden: this is the admin API and the key is"
                    + " not an admin key");
        }
        try {
            return Response.ok(work.get(), MediaType.APPLICATION_JSON_TYPE).build();
        } catch (InvalidInputException | IllegalArgumentException e) {
            return OpenApiResource.error(Response.Status.BAD_REQUEST, e.getMessage());
        } catch (NotFoundException e) {
            return OpenApiResource.error(Response.Status.NOT_FOUND, e.getMessage());
        }
    }

    private String actor(HttpServletRequest request) {
        return principals.principalOf(request).map(p -> p.keyId() == null ? "local-admin" : "key " + p.keyId())
                .orElse("unknown");
    }

    /** ?since=2026-11-01 or a full instant such as 2026-11-01T08:00:00Z. */
    private static java.time.Instant since(String since) {
        if (since == null || since.isBlank()) {
            return null;
        }
        try {
            return since.length() == 10 ? java.time.LocalDate.parse(since).atStartOfDay(java.time.ZoneOffset.UTC)
                    .toInstant() : java.time.Instant.parse(since);
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException("'since' must be a date such as 2026-11-01 or an instant such as"
                    + " 2026-11-01T08:00:00Z");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Owner owner(String owner) {
        return owner == null || owner.isBlank() ? null : new Owner(owner);
    }

    /** Pages a short list (keys, owners) the same way as the database-backed ones: sorted by key, cursor = last key. */
    private static Map<String, Object> inMemoryPage(List<Map<String, Object>> all, String key, String cursor, int limit) {
        if (limit < 1 || limit > 500) {
            throw new InvalidInputException("'limit' must be between 1 and 500");
        }
        List<Map<String, Object>> sorted = all.stream().sorted(java.util.Comparator.comparing(m -> String.valueOf(
                m.get(key)))).filter(m -> cursor == null || cursor.isBlank() || String.valueOf(m.get(key))
                        .compareTo(cursor) > 0).toList();
        List<Map<String, Object>> items = sorted.size() > limit ? sorted.subList(0, limit) : sorted;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items);
        out.put("nextCursor", sorted.size() > limit ? String.valueOf(items.get(items.size() - 1).get(key)) : null);
        return out;
    }

    private static <T> Map<String, Object> page(Page<T> page, Function<T, Map<String, Object>> view) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", page.items().stream().map(view).toList());
        out.put("nextCursor", page.nextCursor());
        return out;
    }

    private static Map<String, Object> key(ApiKey k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", k.id());
        m.put("owner", k.owner().id());
        m.put("role", k.role().id());
        m.put("gateway", k.gateway());
        m.put("active", k.active());
        m.put("created", k.created().toString());
        m.put("lastUsed", k.lastUsed() == null ? null : k.lastUsed().toString());
        return m;
    }

    private static Map<String, Object> session(McpSession s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("owner", s.owner().id());
        m.put("client", s.clientName());
        m.put("protocolVersion", s.protocolVersion());
        m.put("created", s.created().toString());
        m.put("lastSeen", s.lastSeen().toString());
        return m;
    }

    static List<String> paths() {
        return List.of("info", "keys", "keys/{id}", "owners", "sessions", "sessions/{id}", "files", "files/{id}",
                "formats", "audit", "retention");
    }
}
