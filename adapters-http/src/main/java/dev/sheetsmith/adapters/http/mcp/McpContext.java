package dev.sheetsmith.adapters.http.mcp;

import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.ports.in.DownloadLink;
import io.modelcontextprotocol.common.McpTransportContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * What the transport tells a tool about the request it serves. {@code localFiles} is set only for
 * stdio without a reachable HTTP server: then a file is handed over by its path on this computer.
 */
public record McpContext(Owner owner, String sessionId, String baseUrl, McpServerFactory.LocalFiles localFiles) {

    private static final String KEY = "sheetsmith.request";

    public McpContext(Owner owner, String sessionId, String baseUrl) {
        this(owner, sessionId, baseUrl, null);
    }

    McpTransportContext toTransportContext() {
        return McpTransportContext.create(Map.of(KEY, this));
    }

    public static McpContext from(McpTransportContext context) {
        Object value = context == null ? null : context.get(KEY);
        if (value instanceof McpContext mcp) {
            return mcp;
        }
        throw new IllegalStateException("tool called outside a Sheetsmith MCP request");
    }

    /** Where the user gets {@code file}: the signed download link, or (stdio, no server) its path on disk. */
    public Location locate(StoredFile file, DownloadLink link) {
        if (localFiles != null) {
            Path path = localFiles.pathOf(file);
            return new Location(path.toUri().toString(), path.toString(), null);
        }
        return new Location(baseUrl + link.pathAndQuery(), null, link.expires());
    }

    /** A signed link ({@code path} null) or a file on this computer ({@code expires} null). */
    public record Location(String url, String path, Instant expires) {

        public boolean onDisk() {
            return path != null;
        }

        /** Markdown the user can act on: a link, or the path in code marks. */
        public String markdown(String label) {
            return onDisk() ? label + " is saved on this computer at `" + path + "`"
                    : "[" + label + "](" + url + ")";
        }
    }
}
