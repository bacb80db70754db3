package dev.sheetsmith.adapters.http.admin;

import dev.sheetsmith.adapters.http.BaseUrls;
import dev.sheetsmith.adapters.http.auth.KeyHolder;
import dev.sheetsmith.adapters.http.openapi.Summary;
import dev.sheetsmith.adapters.http.openapi.Tag;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.NotFoundException;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.Role;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.ports.in.AdminUseCase;
import dev.sheetsmith.ports.in.ApiKeysUseCase;
import dev.sheetsmith.ports.in.AuditUseCase;
import dev.sheetsmith.ports.in.ConvertFilesUseCase;
import dev.sheetsmith.ports.in.TransferFilesUseCase;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
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
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The admin REST API: keys, owners with usage, sessions, files, formats and server info, for admin
 * keys only (Dropwizard's auth: no key 401, a user key 403). Lists are pages in a stable order with
 * a cursor. Errors are thrown and answered by {@code ApiExceptionMappers}; bodies are
 * {@link AdminBodies}; /openapi.json describes these methods from their annotations.
 */
@Path("/api/admin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "admin", description = "Admin keys only: a user key gets 403, no key 401. Lists take ?cursor= and ?limit="
        + " (1-500) and answer {items, nextCursor}.")
public final class AdminResource {

    private final AdminUseCase admin;
    private final ApiKeysUseCase keys;
    private final ConvertFilesUseCase formats;
    private final BaseUrls baseUrls;
    private final Supplier<?> info;
    private final AuditUseCase audit;
    private final Supplier<List<StoredFile>> nextPurge;
    private final TransferFilesUseCase transfers;

    /** @param info the server's description for {@code GET info}, serialised as it is */
    public AdminResource(AdminUseCase admin, ApiKeysUseCase keys, ConvertFilesUseCase formats, BaseUrls baseUrls,
            Supplier<?> info, AuditUseCase audit, Supplier<List<StoredFile>> nextPurge,
            TransferFilesUseCase transfers) {
        this.transfers = Objects.requireNonNull(transfers, "transfers");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.nextPurge = Objects.requireNonNull(nextPurge, "nextPurge");
        this.admin = Objects.requireNonNull(admin, "admin");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.formats = Objects.requireNonNull(formats, "formats");
        this.baseUrls = Objects.requireNonNull(baseUrls, "baseUrls");
        this.info = Objects.requireNonNull(info, "info");
    }

    @GET
    @Path("info")
    @Summary("Admin: server info (version, database, storage, limits, memory)")
    public Object info() {
        return info.get();
    }

    @GET
    @Path("keys")
    @Summary("Admin: list keys")
    public AdminBodies.PageBody<AdminBodies.Key> listKeys(@QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        return inMemoryPage(keys.list().stream().map(AdminBodies.Key::of).toList(), AdminBodies.Key::id, cursor,
                limit);
    }

    @POST
    @Path("keys")
    @Consumes(MediaType.APPLICATION_JSON)
    @Summary("Admin: create a key ({owner, role: user|admin, gateway}); the secret is shown once")
    public AdminBodies.CreatedKey createKey(AdminBodies.NewKey body, @Auth KeyHolder caller) {
        if (body == null || body.owner() == null || body.owner().isBlank()) {
            throw new InvalidInputException("'owner' is required, e.g. {\"owner\": \"alice\"}");
        }
        String owner = body.owner().strip();
        Role role = Role.of(body.role() == null ? "user" : body.role());
        boolean gateway = Boolean.TRUE.equals(body.gateway());
        ApiKeysUseCase.CreatedApiKey created = keys.create(new Owner(owner), role, gateway);
        audit.record(owner, caller.actor(), "admin.key.create", null, "key " + created.key().id() + ", " + role.id()
                + (gateway ? ", gateway" : ""));
        return AdminBodies.CreatedKey.of(created.key(), created.secret());
    }

    @DELETE
    @Path("keys/{id}")
    @Summary("Admin: revoke keys")
    public AdminBodies.Revoked revokeKey(@PathParam("id") String id, @Auth KeyHolder caller) {
        if (!keys.revoke(id)) {
            throw new NotFoundException("no active key with id " + id);
        }
        audit.record(null, caller.actor(), "admin.key.revoke", null, "key " + id);
        return new AdminBodies.Revoked(id);
    }

    @GET
    @Path("owners")
    @Summary("Admin: list owners, with their files, bytes, sessions and last activity")
    public AdminBodies.PageBody<AdminBodies.OwnerRow> owners(@QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        return inMemoryPage(admin.owners().stream().map(AdminBodies.OwnerRow::of).toList(), AdminBodies.OwnerRow::owner,
                cursor, limit);
    }

    /**
     * Gives every file of {@code owner} to {@code {"to": "alice"}}: the way to keep the files made
     * before the first key (owner {@code local}). Names alice already uses get " (2)"; sessions stay.
     */
    @POST
    @Path("owners/{owner: .+}/transfer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Summary("Admin: give every file of {owner} to {\"to\": owner} (names in use get \" (2)\"; sessions stay)")
    public AdminBodies.Transfer transferFiles(@PathParam("owner") String owner, AdminBodies.TransferRequest body,
            @Auth KeyHolder caller) {
        if (body == null || body.to() == null || body.to().isBlank()) {
            throw new InvalidInputException("'to' is required: the owner who gets the files, e.g. {\"to\":"
                    + " \"alice\"}");
        }
        return AdminBodies.Transfer.of(transfers.transferFiles(new TransferFilesUseCase.TransferFilesCommand(
                new Owner(owner.strip()), new Owner(body.to().strip()), caller.actor())));
    }

    @GET
    @Path("sessions")
    @Summary("Admin: list sessions")
    public AdminBodies.PageBody<AdminBodies.Session> sessions(@QueryParam("owner") String owner,
            @QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("50") int limit) {
        return AdminBodies.PageBody.of(admin.sessions(owner(owner), cursor, limit), AdminBodies.Session::of);
    }

    @DELETE
    @Path("sessions/{id}")
    @Summary("Admin: end one session")
    public AdminBodies.Ended endSession(@PathParam("id") String id, @Auth KeyHolder caller) {
        if (!admin.endSession(id)) {
            throw new NotFoundException("no session with id " + id);
        }
        audit.record(null, caller.actor(), "admin.session.end", null, null);
        return new AdminBodies.Ended(1);
    }

    @DELETE
    @Path("sessions")
    @Summary("Admin: end the sessions of ?owner=")
    public AdminBodies.Ended endSessions(@QueryParam("owner") String owner, @Auth KeyHolder caller) {
        if (owner == null || owner.isBlank()) {
            throw new InvalidInputException("give ?owner=NAME: whose sessions to end");
        }
        int ended = admin.endSessions(new Owner(owner));
        audit.record(owner, caller.actor(), "admin.sessions.end", null, ended + " session(s)");
        return new AdminBodies.Ended(ended);
    }

    @GET
    @Path("files")
    @Summary("Admin: list files with their owners (?owner=, ?name=, ?since=2026-11-01 or an instant)")
    public AdminBodies.PageBody<AdminBodies.File> files(@QueryParam("owner") String owner,
            @QueryParam("name") String name, @QueryParam("since") String since, @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        return AdminBodies.PageBody.of(admin.files(owner(owner), blankToNull(name), since(since), cursor, limit),
                AdminBodies.File::withOwner);
    }

    @GET
    @Path("files/{id}")
    @Summary("Admin: one file, with its owner and a fresh download link")
    public AdminBodies.File file(@PathParam("id") String id, @Context UriInfo uri) {
        var linked = admin.file(id);
        return AdminBodies.File.of(linked.file()).with(linked.file().owner().id(),
                baseUrls.of(uri.getBaseUri()) + linked.link().pathAndQuery(), linked.link().expires().toString());
    }

    @DELETE
    @Path("files/{id}")
    @Summary("Admin: delete a file")
    public AdminBodies.Deleted deleteFile(@PathParam("id") String id, @Auth KeyHolder caller) {
        var deleted = admin.deleteFile(id);
        audit.record(deleted.owner().id(), caller.actor(), "admin.file.delete", deleted.id(), deleted.name());
        return new AdminBodies.Deleted(deleted.id());
    }

    @GET
    @Path("retention")
    @Summary("Admin: the files the next retention run deletes")
    public AdminBodies.NextPurge retention() {
        return new AdminBodies.NextPurge(nextPurge.get().stream().map(AdminBodies.File::withOwner).toList());
    }

    @GET
    @Path("audit")
    @Summary("Admin: the audit log (?owner=, ?action=)")
    public AdminBodies.PageBody<AdminBodies.AuditRow> audit(@QueryParam("owner") String owner,
            @QueryParam("action") String action, @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        return AdminBodies.PageBody.of(audit.events(blankToNull(owner), blankToNull(action), cursor, limit),
                AdminBodies.AuditRow::of);
    }

    @GET
    @Path("formats")
    @Summary("Admin: list formats")
    public AdminBodies.Items<AdminBodies.Format> formats() {
        return new AdminBodies.Items<>(formats.formats().stream().map(AdminBodies.Format::of).toList());
    }

    /** ?since=2026-11-01 or a full instant such as 2026-11-01T08:00:00Z. */
    private static Instant since(String since) {
        if (since == null || since.isBlank()) {
            return null;
        }
        try {
            return since.length() == 10 ? LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(since);
        } catch (DateTimeParseException e) {
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
    private static <T> AdminBodies.PageBody<T> inMemoryPage(List<T> all, Function<T, String> key, String cursor,
            int limit) {
        if (limit < 1 || limit > 500) {
            throw new InvalidInputException("'limit' must be between 1 and 500");
        }
        List<T> sorted = all.stream().sorted(Comparator.comparing(key)).filter(m -> cursor == null
                || cursor.isBlank() || key.apply(m).compareTo(cursor) > 0).toList();
        List<T> items = sorted.size() > limit ? sorted.subList(0, limit) : sorted;
        return new AdminBodies.PageBody<>(items, sorted.size() > limit ? key.apply(items.get(items.size() - 1)) : null);
    }
}
