package dev.sheetsmith.ports.in;

import dev.sheetsmith.domain.Owner;

/**
 * Pictures of sheets (PNG, charts included) for previews, where the server has a second engine
 * that draws them. A picture is reached through a signed, expiring link like a download, so a
 * browser's {@code <img>} can load it without an API key (the console's strict CSP allows images
 * from its own origin only, and no inline data).
 */
public interface SheetPicturesUseCase {

    /** Whether this server draws pictures; when false, previews show none and links are never made. */
    boolean enabled();

    /**
     * A signed link to the picture of one sheet of the owner's file as it is in {@code revision}.
     *
     * @param sheetIndex the sheet's position in the workbook (0 = first)
     * @throws dev.sheetsmith.domain.NotFoundException when the owner has no such file
     */
    DownloadLink link(Owner owner, String fileId, int revision, int sheetIndex);

    /**
     * The picture a link points at.
     *
     * @throws dev.sheetsmith.domain.NotFoundException when pictures are off, the file is gone or has
     *     changed since the link was made
     * @throws dev.sheetsmith.domain.AccessDeniedException for a link this server did not sign or
     *     that has expired
     * @throws dev.sheetsmith.domain.InvalidInputException when the engine is busy, too slow or cannot
     *     draw the file
     */
    byte[] picture(String fileId, int revision, int sheetIndex, long expiresEpochSecond, String signature);
}
