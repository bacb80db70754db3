package dev.sheetsmith.adapters.http.pictures;

import dev.sheetsmith.adapters.http.web.CodeMessageErrors;
import dev.sheetsmith.domain.AccessDeniedException;
import dev.sheetsmith.ports.in.SheetPicturesUseCase;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.Objects;

/**
 * Pictures of sheets for previews, through signed, expiring links (the preview card and the web
 * console put them in an {@code <img>}, which sends no API key). With pictures off the answer is
 * 404 with a message saying why; a bad or expired signature 403; both in the {@code {"code",
 * "message"}} shape. A revision's picture never changes, so the browser may keep it while the link
 * lives.
 */
@CodeMessageErrors
@Path("/pictures/{fileId}/{revision: [0-9]{1,9}}/{sheet: [0-9]{1,4}}.png")
public final class PictureResource {

    private final SheetPicturesUseCase pictures;

    public PictureResource(SheetPicturesUseCase pictures) {
        this.pictures = Objects.requireNonNull(pictures, "pictures");
    }

    @GET
    public Response picture(@PathParam("fileId") String fileId, @PathParam("revision") int revision,
            @PathParam("sheet") int sheet, @QueryParam("exp") String exp, @QueryParam("sig") String sig) {
        long expires;
        try {
            expires = Long.parseLong(exp == null ? "" : exp);
        } catch (NumberFormatException e) {
            throw new AccessDeniedException("this picture link is incomplete (no valid 'exp'); open the preview again");
        }
        byte[] png = pictures.picture(fileId, revision, sheet, expires, sig);
        return Response.ok(png, "image/png").header("Content-Disposition", "inline")
                .header("Cache-Control", "private, max-age=300").header("X-Content-Type-Options", "nosniff").build();
    }
}
