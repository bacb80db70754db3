package dev.sheetsmith.application;

import dev.sheetsmith.domain.AccessDeniedException;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.NotFoundException;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.ports.in.DownloadLink;
import dev.sheetsmith.ports.in.SheetPicturesUseCase;
import dev.sheetsmith.ports.out.FileMetadataStore;
import dev.sheetsmith.ports.out.FileStore;
import dev.sheetsmith.ports.out.Renderer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Pictures of sheets drawn by the second engine, kept per file revision (a revision's bytes never
 * change, so neither does its picture): the most recently used {@value #KEPT} pictures, at most
 * {@value #KEPT_BYTES} bytes together, are answered without starting LibreOffice again.
 */
public final class SheetPictureService implements SheetPicturesUseCase {

    static final int KEPT = 64;
    static final long KEPT_BYTES = 32_000_000;

    private final DownloadLinks links;
    private final FileMetadataStore metadata;
    private final FileStore fileStore;
    private final Renderer renderer;
    private final MemoryBudget budget;
    private final long maxBytes;
    private final Map<String, byte[]> kept = new LinkedHashMap<>(16, 0.75f, true);
    private long keptBytes;

    /** @param maxBytes the largest stored file drawn (limits.maxImportBytes, as for a pdf export) */
    public SheetPictureService(DownloadLinks links, FileMetadataStore metadata, FileStore fileStore, Renderer renderer,
            MemoryBudget budget, long maxBytes) {
        this.links = Objects.requireNonNull(links, "links");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.fileStore = Objects.requireNonNull(fileStore, "fileStore");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.maxBytes = maxBytes;
    }

    @Override
    public boolean enabled() {
        return renderer.drawsPictures();
    }

    @Override
    public DownloadLink link(Owner owner, String fileId, int revision, int sheetIndex) {
        StoredFile file = metadata.find(fileId).filter(f -> f.owner().equals(owner))
                .orElseThrow(() -> new NotFoundException("no file " + fileId));
        return links.pictureLink(file.id(), revision, sheetIndex);
    }

    @Override
    public byte[] picture(String fileId, int revision, int sheetIndex, long expires, String signature) {
        if (!enabled()) {
            throw new NotFoundException("this server draws no pictures of sheets (they need LibreOffice and poppler's"
                    + " pdftoppm, and libreoffice.enabled: true)");
        }
        // The signature is checked first, so a wrong link tells nothing about which files exist.
        if (!links.verifyPicture(fileId, revision, sheetIndex, expires, signature)) {
            throw new AccessDeniedException("this picture link is invalid or has expired; open the preview again");
        }
        StoredFile file = metadata.find(fileId).orElseThrow(() -> new NotFoundException("this file no longer exists"));
        if (file.revision() != revision) {
            throw new NotFoundException(file.name() + " has changed since this picture was linked (revision "
                    + revision + ", now " + file.revision() + "); open the preview again");
        }
        String key = file.id() + "@" + revision + "#" + sheetIndex;
        byte[] picture = cached(key);
        if (picture != null) {
            return picture;
        }
        if (file.sizeBytes() > maxBytes) {
            throw new InvalidInputException(file.name() + " has " + file.sizeBytes() + " bytes; pictures are drawn"
                    + " from files of at most " + maxBytes + " (limits.maxImportBytes)");
        }
        // the stored bytes, LibreOffice's copy of them, its pdf and the picture
        try (MemoryBudget.Reservation memory = budget.reserve(3 * file.sizeBytes(), "drawing a sheet of "
                + file.name() + " (" + file.sizeBytes() + " bytes stored)")) {
            byte[] workbook;
            try (InputStream in = fileStore.open(file.storageKey())) {
                workbook = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + file.name(), e);
            }
            picture = renderer.picture(workbook, file.format(), sheetIndex);
        }
        keep(key, picture);
        return picture;
    }

    private synchronized byte[] cached(String key) {
        return kept.get(key);
    }

    private synchronized void keep(String key, byte[] picture) {
        if (picture.length > KEPT_BYTES || kept.containsKey(key)) {
            return;
        }
        kept.put(key, picture);
        keptBytes += picture.length;
        var eldest = kept.entrySet().iterator();
        while ((kept.size() > KEPT || keptBytes > KEPT_BYTES) && eldest.hasNext()) {
            keptBytes -= eldest.next().getValue().length;
            eldest.remove();
        }
    }
}
