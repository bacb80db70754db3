package dev.sheetsmith.application;

import dev.sheetsmith.domain.FileNames;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.domain.WorkbookData;
import dev.sheetsmith.ports.in.CreateWorkbookCommand;
import dev.sheetsmith.ports.in.CreateWorkbookUseCase;
import dev.sheetsmith.ports.in.CreatedWorkbook;
import dev.sheetsmith.ports.in.UploadFilesUseCase;
import dev.sheetsmith.ports.out.FileMetadataStore;
import dev.sheetsmith.ports.out.FileStore;
import dev.sheetsmith.ports.out.ScratchSpace;
import dev.sheetsmith.ports.out.WorkbookIntake;
import dev.sheetsmith.spi.FormatPlugin;
import dev.sheetsmith.spi.InvalidFileException;
import dev.sheetsmith.spi.ReadLimits;
import dev.sheetsmith.spi.WorkbookView;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Takes in files as they come: the bytes stream to scratch space (counted against
 * {@code limits.maxUploadBytes} on the way, never held whole), then an xlsx or xlsm is checked
 * ({@link WorkbookIntake}) and stored as the file itself, so formulas, styles, charts, pivots and
 * every part Sheetsmith does not model stay; a csv or ods is read by its format plugin into a new
 * xlsx. Macros are never run: kept inert in the stored xlsm, or refused ({@code limits.macros}).
 */
public final class UploadFilesService implements UploadFilesUseCase {

    public static final String XLSM_MEDIA_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.12";

    /** Heap a streamed check takes: the XML parser's buffers and one formula at a time. */
    static final long CHECK_BYTES = 8L << 20;

    /** What happens to an xlsm's macros ({@code limits.macros}). */
    public enum Macros {
        KEEP_INERT, REFUSE;

        public static Macros of(String value) {
            return switch (value == null ? "" : value.strip().toLowerCase(Locale.ROOT)) {
                case "keep-inert" -> KEEP_INERT;
                case "refuse" -> REFUSE;
                default -> throw new IllegalArgumentException("limits.macros must be keep-inert or refuse, not '"
                        + value + "'");
            };
        }
    }

    private final FormatRegistry formats;
    private final WorkbookIntake intake;
    private final FileStore fileStore;
    private final FileMetadataStore metadata;
    private final DownloadLinks links;
    private final Quota quota;
    private final Clock clock;
    private final ScratchSpace scratch;
    private final MemoryBudget budget;
    private final CreateWorkbookUseCase create;
    private final ReadLimits readLimits;
    private final long maxUploadBytes;
    private final Macros macros;

    /**
     * @param readLimits what checking or reading one upload may take (cells, rows, columns, unpacked bytes)
     * @param maxUploadBytes the largest upload ({@code limits.maxUploadBytes}), counted while it streams
     */
    public UploadFilesService(FormatRegistry formats, WorkbookIntake intake, FileStore fileStore,
            FileMetadataStore metadata, DownloadLinks links, Quota quota, Clock clock, ScratchSpace scratch,
            MemoryBudget budget, CreateWorkbookUseCase create, ReadLimits readLimits, long maxUploadBytes,
            Macros macros) {
        this.formats = Objects.requireNonNull(formats, "formats");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.fileStore = Objects.requireNonNull(fileStore, "fileStore");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.links = Objects.requireNonNull(links, "links");
        this.quota = Objects.requireNonNull(quota, "quota");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scratch = Objects.requireNonNull(scratch, "scratch");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.create = Objects.requireNonNull(create, "create");
        this.readLimits = Objects.requireNonNull(readLimits, "readLimits");
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("limits.maxUploadBytes must be positive");
        }
        this.maxUploadBytes = maxUploadBytes;
        this.macros = Objects.requireNonNull(macros, "macros");
    }

    @Override
    public CreatedWorkbook upload(Owner owner, String filename, InputStream content, String format) {
        Objects.requireNonNull(owner, "owner");
        if (filename == null || filename.isBlank()) {
            throw new InvalidInputException("the upload has no file name; give one (e.g. 'sales.xlsx')");
        }
        String kind = kind(filename, format);
        long[] size = {0};
        try (ScratchSpace.Scratch held = scratch.hold(out -> copy(content, out, filename, size))) {
            if (size[0] == 0) {
                throw new InvalidInputException("'" + filename + "' is empty");
            }
            if (kind.equals("xlsx") || kind.equals("xlsm")) {
                return storeAsIs(owner, filename, held, size[0]);
            }
            return convert(owner, filename, held, size[0], formats.require(kind));
        } catch (IOException e) {
            throw new UncheckedIOException("could not take in '" + filename + "'", e);
        }
    }

    private CreatedWorkbook storeAsIs(Owner owner, String filename, ScratchSpace.Scratch held, long size)
            throws IOException {
        WorkbookIntake.Checked checked;
        try (MemoryBudget.Reservation memory = budget.reserve(CHECK_BYTES, "checking '" + filename + "' (" + size
                + " bytes)"); InputStream in = held.open()) {
            checked = intake.check(in, readLimits);
        } catch (InvalidFileException e) {
            throw Views.refusal(e);
        }
        if (checked.macroEnabled() && macros == Macros.REFUSE) {
            throw new InvalidInputException("'" + filename + "' is a workbook with macros (xlsm), which this server"
                    + " does not take (limits.macros: refuse); nothing was stored. Save it in Excel as an .xlsx"
                    + " workbook without macros and upload that");
        }
        String extension = checked.macroEnabled() ? "xlsm" : "xlsx";
        String requested = FileNames.sanitize(baseName(filename) + "." + extension, extension);
        quota.check(owner, size);
        String id = UUID.randomUUID().toString().replace("-", "");
        String key = id + "/r1." + extension;
        FileStore.Written written = fileStore.write(key, out -> {
            try (InputStream in = held.open()) {
                in.transferTo(out);
            }
        });
        Instant now = clock.instant();
        FormatPlugin xlsx = formats.require("xlsx");
        StoredFile file = new StoredFile(id, owner, requested, xlsx.id(), checked.macroEnabled() ? XLSM_MEDIA_TYPE
                : xlsx.mediaType(), written.sizeBytes(), written.sha256(), 1, key, now, now);
        StoredFile stored;
        try {
            quota.check(owner, file.sizeBytes());
            stored = CreateWorkbookService.recordUnderFreeName(metadata, file, requested);
        } catch (InvalidInputException e) {
            try {
                fileStore.delete(key);
            } catch (IOException ignored) {
                // orphaned bytes; the storage sweep removes them
            }
            throw e;
        }
        var sheets = checked.sheets().stream().map(s -> new CreatedWorkbook.SheetSummary(s.name(), s.rows(),
                s.columns(), s.headerRow())).toList();
        return new CreatedWorkbook(stored, sheets, links.linkFor(stored.id(), stored.name()), requested);
    }

    private CreatedWorkbook convert(Owner owner, String filename, ScratchSpace.Scratch held, long size,
            FormatPlugin source) {
        // what the cells take until the workbook is written
        long estimate = Math.min(MemoryBudget.cells(readLimits.maxCells()), MemoryBudget.cells(40L * size));
        try (MemoryBudget.Reservation memory = budget.reserve(estimate, "importing '" + filename + "' (" + size
                + " bytes)")) {
            WorkbookData data;
            List<String> notes;
            ImportedLook.Result look;
            try (InputStream in = held.open()) {
                WorkbookView view = source.read(in, readLimits);
                data = ConvertFilesService.data(view.sheets(), readLimits);
                notes = new java.util.ArrayList<>(ConvertFilesService.notes(view));
                look = ImportedLook.of(view.sheets(), data);
                notes.addAll(look.notes());
            } catch (InvalidInputException e) {
                throw e;
            } catch (InvalidFileException e) {
                throw Views.refusal(e);
            } catch (IOException | RuntimeException e) {
                throw new InvalidInputException("'" + filename + "' could not be read as " + source.id()
                        + "; check the file and its format");
            }
            // the file's look (styles, merges, widths) is applied to the new xlsx before it is stored
            return create.createWorkbook(new CreateWorkbookCommand(owner, baseName(filename) + ".xlsx", "xlsx",
                    data, look.edits())).withNotes(notes);
        }
    }

    /** "xlsx" or "xlsm" (stored as they are), or the id of a format plugin that reads the file. */
    private String kind(String filename, String format) {
        String wanted = format != null && !format.isBlank() ? format.strip().toLowerCase(Locale.ROOT)
                : extension(filename);
        if (wanted.equals("xlsx") || wanted.equals("xlsm")) {
            return wanted;
        }
        return formats.all().stream().filter(f -> f.canRead() && !f.id().equals("xlsx")
                && (f.id().equals(wanted) || f.extension().equalsIgnoreCase(wanted))).map(FormatPlugin::id)
                .findFirst().orElseThrow(() -> new InvalidInputException("'" + filename + "' is not a file this server"
                        + " takes in" + (format != null && !format.isBlank() ? " (format '" + format + "')"
                                : " (cannot tell its format from its name)")
                        + "; give an xlsx or xlsm workbook, or one of "
                        + formats.all().stream().filter(f -> f.canRead() && !f.id().equals("xlsx"))
                                .map(f -> "." + f.extension()).toList()
                        + " (told by the name's extension, or by 'format')"));
    }

    private void copy(InputStream in, OutputStream out, String filename, long[] size) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            size[0] += n;
            if (size[0] > maxUploadBytes) {
                throw new InvalidInputException("'" + filename + "' is larger than " + maxUploadBytes + " bytes, the"
                        + " most one upload may have (limits.maxUploadBytes); nothing was stored");
            }
            out.write(buffer, 0, n);
        }
    }

    private static String extension(String filename) {
        String name = filename.strip().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }

    static String baseName(String name) {
        String base = name == null ? "" : name.strip();
        int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
        base = base.substring(slash + 1);
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }
}
