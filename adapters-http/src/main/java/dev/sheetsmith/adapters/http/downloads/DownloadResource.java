package dev.sheetsmith.adapters.http.downloads;

import dev.sheetsmith.adapters.http.web.CodeMessageErrors;
import dev.sheetsmith.domain.AccessDeniedException;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.ports.in.DownloadFileUseCase;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Downloads through signed, expiring links: a browser opens them without an API key. A bad or
 * expired signature is the use case's {@link AccessDeniedException} (403), a deleted file its
 * {@code NotFoundException} (404); both answered by {@code ApiExceptionMappers} in this route's
 * {@code {"code", "message"}} shape.
 */
@CodeMessageErrors
@Path("/files/{fileId}/{name}")
public final class DownloadResource {

    private final DownloadFileUseCase downloads;

    public DownloadResource(DownloadFileUseCase downloads) {
        this.downloads = Objects.requireNonNull(downloads, "downloads");
    }

    @GET
    public Response download(@PathParam("fileId") String fileId, @PathParam("name") String name,
            @QueryParam("exp") String exp, @QueryParam("sig") String sig) {
        long expires;
        try {
            expires = Long.parseLong(exp == null ? "" : exp);
        } catch (NumberFormatException e) {
            throw new AccessDeniedException("this download link is incomplete (no valid 'exp'); ask the assistant for"
                    + " a fresh link");
        }
        DownloadFileUseCase.Download download = downloads.download(fileId, name, expires, sig);
        StoredFile file = download.file();
        StreamingOutput body = out -> {
            try (InputStream in = download.open()) {
                in.transferTo(out);
            }
        };
        return Response.ok(body, file.mediaType()).header("Content-Disposition", contentDisposition(file.name()))
                .header("Content-Length", file.sizeBytes()).header("Cache-Control", "private, no-store")
                .header("X-Content-Type-Options", "nosniff").build();
    }

    /** RFC 6266: an ASCII fallback and the exact UTF-8 name. */
    static String contentDisposition(String name) {
        String ascii = name.replaceAll("[^\\x20-\\x7e]", "_").replace("\"", "_").replace("\\", "_");
        String utf8 = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + utf8;
    }
}
