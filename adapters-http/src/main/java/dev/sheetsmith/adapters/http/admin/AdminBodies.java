package dev.sheetsmith.adapters.http.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.sheetsmith.adapters.http.openapi.Required;
import dev.sheetsmith.domain.ApiKey;
import dev.sheetsmith.domain.AuditEvent;
import dev.sheetsmith.domain.McpSession;
import dev.sheetsmith.domain.OwnerUsage;
import dev.sheetsmith.domain.Page;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.ports.in.ConvertFilesUseCase;
import dev.sheetsmith.ports.in.TransferFilesUseCase;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * What goes over the wire in the admin API, one record per body. Field names and order are the
 * public contract (the console and scripts read them); instants travel as ISO-8601 strings.
 */
public final class AdminBodies {

    private AdminBodies() {
    }

    /** A list in a stable order; {@code nextCursor} is null on the last page. */
    public record PageBody<T>(List<T> items, String nextCursor) {

        static <D, T> PageBody<T> of(Page<D> page, Function<D, T> view) {
            return new PageBody<>(page.items().stream().map(view).toList(), page.nextCursor());
        }
    }

    /** A list that is never paged. */
    public record Items<T>(List<T> items) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NewKey(
            @Required @JsonPropertyDescription("Whose key: the owner of the files it makes")
            String owner,
            @JsonPropertyDescription("user (default) or admin") String role,
            @JsonPropertyDescription("A gateway key names its end users per request") Boolean gateway) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TransferRequest(
            @Required @JsonPropertyDescription("The owner who gets the files") String to) {
    }

    public record Key(String id, String owner, String role, boolean gateway, boolean active, String created,
            String lastUsed) {

        static Key of(ApiKey k) {
            return new Key(k.id(), k.owner().id(), k.role().id(), k.gateway(), k.active(), k.created().toString(),
                    text(k.lastUsed()));
        }
    }

    /** A new key with its secret, which is shown only in this answer. */
    public record CreatedKey(String id, String owner, String role, boolean gateway, boolean active, String created,
            String lastUsed, String secret, String note) {

        static CreatedKey of(ApiKey k, String secret) {
            Key key = Key.of(k);
            return new CreatedKey(key.id(), key.owner(), key.role(), key.gateway(), key.active(), key.created(),
                    key.lastUsed(), secret, "The secret is shown only now.");
        }
    }

    public record Revoked(String revoked) {
    }

    public record OwnerRow(String owner, long files, long bytes, long sessions, String lastActivity) {

        static OwnerRow of(OwnerUsage u) {
            return new OwnerRow(u.owner().id(), u.files(), u.bytes(), u.sessions(), text(u.lastActivity()));
        }
    }

    public record Transfer(String from, String to, List<Moved> moved, String note) {

        static Transfer of(TransferFilesUseCase.Transfer t) {
            return new Transfer(t.from().id(), t.to().id(), t.moved().stream()
                    .map(m -> new Moved(m.fileId(), m.name(), m.previousName())).toList(),
                    "Sessions of " + t.from().id() + " were not moved.");
        }
    }

    public record Moved(String id, String name, String previousName) {
    }

    public record Session(String id, String owner, String client, String protocolVersion, String created,
            String lastSeen) {

        static Session of(McpSession s) {
            return new Session(s.id(), s.owner().id(), s.clientName(), s.protocolVersion(), s.created().toString(),
                    s.lastSeen().toString());
        }
    }

    public record Ended(int ended) {
    }

    /**
     * A file as list_files shows it; {@code owner} on the admin's file list, single-file and retention views,
     * the download link only on the single-file view.
     */
    public record File(String fileId, String name, String format, long sizeBytes, int revision, String sha256,
            String modified, @JsonInclude(JsonInclude.Include.NON_NULL) String owner,
            @JsonInclude(JsonInclude.Include.NON_NULL) String downloadUrl,
            @JsonInclude(JsonInclude.Include.NON_NULL) String expiresAt) {

        static File of(StoredFile f) {
            return new File(f.id(), f.name(), f.format(), f.sizeBytes(), f.revision(), f.sha256(),
                    f.updated().toString(), null, null, null);
        }

        static File withOwner(StoredFile f) {
            return of(f).with(f.owner().id(), null, null);
        }

        File with(String owner, String downloadUrl, String expiresAt) {
            return new File(fileId, name, format, sizeBytes, revision, sha256, modified, owner, downloadUrl, expiresAt);
        }
    }

    public record Deleted(String deleted) {
    }

    public record NextPurge(List<File> nextPurge) {
    }

    public record AuditRow(long id, String at, String owner, String actor, String action, String fileId,
            String detail) {

        static AuditRow of(AuditEvent e) {
            return new AuditRow(e.id(), e.at().toString(), e.owner(), e.actor(), e.action(), e.fileId(), e.detail());
        }
    }

    public record Format(String id, String extension, String mediaType, boolean canImport, String source) {

        static Format of(ConvertFilesUseCase.FormatInfo f) {
            return new Format(f.id(), f.extension(), f.mediaType(), f.canRead(), f.source());
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
