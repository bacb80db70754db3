package dev.sheetsmith.application;

import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.Formulas;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.SheetData;
import dev.sheetsmith.domain.SheetInput;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.domain.WorkbookData;
import dev.sheetsmith.ports.in.ConvertFilesUseCase;
import dev.sheetsmith.ports.in.UploadFilesUseCase;
import dev.sheetsmith.ports.in.CreateWorkbookCommand;
import dev.sheetsmith.ports.in.CreateWorkbookUseCase;
import dev.sheetsmith.ports.in.CreatedWorkbook;
import dev.sheetsmith.ports.out.FileMetadataStore;
import dev.sheetsmith.ports.out.FileStore;
import dev.sheetsmith.ports.out.Renderer;
import dev.sheetsmith.ports.out.SpiCells;
import dev.sheetsmith.spi.FormatPlugin;
import dev.sheetsmith.spi.InvalidFileException;
import dev.sheetsmith.spi.ReadLimits;
import dev.sheetsmith.spi.SheetView;
import dev.sheetsmith.spi.WorkbookView;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/** Export and import through the format plugins; every result is a new stored file with a link. */
public final class ConvertFilesService implements ConvertFilesUseCase {

    static final String PDF = "pdf";
    public static final String PDF_OFF = "exporting to pdf needs LibreOffice, which is off on this server: an operator"
            + " installs it (Debian: libreoffice-calc-nogui) and sets libreoffice.enabled: true in config.yml"
            + " (or SHEETSMITH_LIBREOFFICE=true). Formats available now: see list_formats";
    /** How many sheets list_formats says a pdf holds: any number a workbook has. */
    private static final int PDF_SHEETS = 255;

    private final FormatRegistry formats;
    private final FileResolver resolver;
    private final FileStore fileStore;
    private final CreateWorkbookUseCase create;
    private final long maxImportBytes;
    private final Map<String, String> sources;
    private final ReadLimits readLimits;
    private final MemoryBudget budget;
    private final Renderer renderer;
    private final UploadFilesUseCase uploads;

    /**
     * @param sources where each format came from ("built-in" or a jar name), for list_formats
     * @param readLimits what one import or export may read (cells, rows, columns, unpacked bytes),
     *     checked while the file streams
     * @param budget reserved before a file is read
     * @param renderer draws a stored workbook as pdf (LibreOffice), or {@link Renderer#off(String)}
     * @param uploads takes in what import_file carries, as any upload
     */
    public ConvertFilesService(FormatRegistry formats, FileMetadataStore metadata, FileStore fileStore,
            CreateWorkbookUseCase create, long maxImportBytes, Map<String, String> sources, ReadLimits readLimits,
            MemoryBudget budget, Renderer renderer, UploadFilesUseCase uploads) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.formats = Objects.requireNonNull(formats, "formats");
        this.resolver = new FileResolver(metadata);
        this.fileStore = Objects.requireNonNull(fileStore, "fileStore");
        this.create = Objects.requireNonNull(create, "create");
        this.maxImportBytes = maxImportBytes;
        this.sources = Map.copyOf(sources);
        this.readLimits = Objects.requireNonNull(readLimits, "readLimits");
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    @Override
    public CreatedWorkbook exportFile(Owner owner, String fileRef, String format, String sheet) {
        if (format != null && format.strip().equalsIgnoreCase(PDF) && formats.all().stream().noneMatch(
                f -> f.id().equals(PDF))) {
            return exportPdf(owner, fileRef, sheet);
        }
        FormatPlugin target = formats.require(format == null ? "" : format.strip().toLowerCase(Locale.ROOT));
        StoredFile file = resolver.resolve(owner, fileRef);
        FormatPlugin source = formats.require(file.format());
        if (!source.canRead()) {
            throw new InvalidInputException(file.name() + " is a " + file.format() + " file, which cannot be read back");
        }
        try (MemoryBudget.Reservation memory = budget.reserve(MemoryBudget.streamed(file.sizeBytes())
                + Math.min(MemoryBudget.loaded(file.sizeBytes(), 0), MemoryBudget.cells(readLimits.maxCells())),
                "exporting " + file.name() + " (" + file.sizeBytes() + " bytes stored)")) {
            return export(owner, file, source, target, sheet);
        } catch (InvalidFileException e) {
            throw Views.refusal(e);
        }
    }

    /** A pdf is drawn by the second engine from the stored file as it is (every sheet, as printed). */
    private CreatedWorkbook exportPdf(Owner owner, String fileRef, String sheet) {
        if (!renderer.enabled()) {
            renderer.render(new byte[0], "xlsx", PDF);
        }
        if (sheet != null && !sheet.isBlank()) {
            throw new InvalidInputException("a pdf export draws every sheet of the workbook as it prints; leave out"
                    + " 'sheet' (or set a print area with set_sheet_layout)");
        }
        StoredFile file = resolver.resolve(owner, fileRef);
        if (file.sizeBytes() > maxImportBytes) {
            throw new InvalidInputException(file.name() + " has " + file.sizeBytes() + " bytes; a pdf is drawn from"
                    + " files of at most " + maxImportBytes + " (limits.maxImportBytes)");
        }
        // the stored bytes, LibreOffice's copy of them, and the pdf it draws
        try (MemoryBudget.Reservation memory = budget.reserve(3 * file.sizeBytes(), "drawing " + file.name()
                + " as pdf (" + file.sizeBytes() + " bytes stored)")) {
            byte[] workbook;
            try (InputStream in = fileStore.open(file.storageKey())) {
                workbook = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + file.name(), e);
            }
            byte[] pdf = renderer.render(workbook, file.format(), PDF);
            return create.storeDocument(owner, baseName(file.name()) + ".pdf", PDF, PDF, "application/pdf", pdf);
        }
    }

    private CreatedWorkbook export(Owner owner, StoredFile file, FormatPlugin source, FormatPlugin target,
            String sheet) {
        WorkbookView view;
        try (InputStream in = fileStore.open(file.storageKey())) {
            view = source.read(in, readLimits);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file.name(), e);
        }
        List<SheetView> sheets = view.sheets();
        if (sheet != null && !sheet.isBlank()) {
            sheets = sheets.stream().filter(s -> s.name().equalsIgnoreCase(sheet.strip())).toList();
            if (sheets.isEmpty()) {
                throw new InvalidInputException("sheet '" + sheet + "' does not exist in " + file.name() + "; the sheets"
                        + " are " + view.sheets().stream().map(SheetView::name).toList());
            }
        } else if (sheets.size() > target.maxSheets()) {
            throw new InvalidInputException(file.name() + " has " + sheets.size() + " sheets but a " + target.id()
                    + " file holds " + target.maxSheets() + "; say which with 'sheet', e.g. \"" + sheets.get(0).name()
                    + "\"");
        }
        WorkbookData data = data(sheets, readLimits);
        List<String> notes = new ArrayList<>(notes(view));
        List<dev.sheetsmith.domain.WorkbookEdit> look = List.of();
        if (target.id().equals("xlsx")) {
            // an xlsx takes the look of what was read (an ods's styles, merges, widths)
            ImportedLook.Result result = ImportedLook.of(sheets, data);
            look = result.edits();
            notes.addAll(result.notes());
        }
        return create.createWorkbook(new CreateWorkbookCommand(owner, baseName(file.name()) + "." + target.extension(),
                target.id(), data, look)).withNotes(notes);
    }

    /** The upload path: an xlsx or xlsm is kept as it is, a csv or ods is converted. */
    @Override
    public CreatedWorkbook importFile(Owner owner, String filename, byte[] content, String sourceFormat) {
        if (content.length > maxImportBytes) {
            throw new InvalidInputException("the upload has " + content.length + " bytes; this server takes at most "
                    + maxImportBytes + " (limits.maxImportBytes)");
        }
        return uploads.upload(owner, filename, new ByteArrayInputStream(content), sourceFormat);
    }

    @Override
    public List<FormatInfo> formats() {
        List<FormatInfo> all = new ArrayList<>(formats.all().stream().map(f -> new FormatInfo(f.id(), f.extension(),
                f.mediaType(), f.description(), f.canRead(), f.maxSheets(), sources.getOrDefault(f.id(), "built-in")))
                .toList());
        if (renderer.enabled() && all.stream().noneMatch(f -> f.id().equals(PDF))) {
            all.add(new FormatInfo(PDF, PDF, "application/pdf", "PDF as LibreOffice prints the workbook (export_file"
                    + " only; every sheet)", false, PDF_SHEETS, "libreoffice"));
        }
        return List.copyOf(all);
    }

    /**
     * The sheets as data to write, counted as they stream: a plugin that does not count while it
     * reads is still stopped at the limit here, before every row is held.
     */
    static WorkbookData data(List<SheetView> views, ReadLimits limits) {
        List<SheetData> sheets = new ArrayList<>();
        long cells = 0;
        for (SheetView view : views) {
            List<List<CellValue>> rows = new ArrayList<>();
            cells += view.headers().size();
            try (Stream<List<dev.sheetsmith.spi.CellValue>> stream = view.rows()) {
                Iterator<List<dev.sheetsmith.spi.CellValue>> it = stream.iterator();
                while (it.hasNext()) {
                    List<dev.sheetsmith.spi.CellValue> row = it.next();
                    cells += row.size();
                    if (cells > limits.maxCells()) {
                        throw limits.tooManyCells("sheet '" + view.name() + "', row " + (rows.size() + 2));
                    }
                    rows.add(checked(SpiCells.toDomain(row), view.name(),
                            rows.size() + (view.headers().isEmpty() ? 1 : 2)));
                }
            }
            if (cells > limits.maxCells()) {
                throw limits.tooManyCells("sheet '" + view.name() + "', its header row");
            }
            sheets.add(new SheetData(view.name(), view.headers(), rows));
        }
        return new WorkbookData(sheets);
    }

    /** How many of a plugin's notes reach the caller; the rest are counted. */
    static final int MAX_NOTES = 25;

    /**
     * A plugin's notes on what it could not carry over, bounded: a plugin that lists too many is
     * cut at {@link #MAX_NOTES} and the rest counted, each note at 300 characters.
     */
    static List<String> notes(WorkbookView view) {
        List<String> said = view.notes();
        if (said == null || said.isEmpty()) {
            return List.of();
        }
        List<String> notes = new ArrayList<>();
        for (String note : said.subList(0, Math.min(MAX_NOTES, said.size()))) {
            if (note != null && !note.isBlank()) {
                notes.add(note.length() > 300 ? note.substring(0, 300) + "..." : note);
            }
        }
        if (said.size() > MAX_NOTES) {
            notes.add((said.size() - MAX_NOTES) + " more note(s) left out");
        }
        return notes;
    }

    /**
     * A formula a plugin read (an ods file's, say) passes the same safety policy as any formula
     * written to a workbook: what reaches outside is refused, naming the cell.
     */
    private static List<CellValue> checked(List<CellValue> row, String sheet, int rowNumber) {
        for (int c = 0; c < row.size(); c++) {
            if (row.get(c) instanceof CellValue.Formula f) {
                Formulas.requireSafe(f.expression(), "sheet '" + sheet + "', cell "
                        + SheetInput.columnLetter(c) + rowNumber);
            }
        }
        return row;
    }

    private static String baseName(String name) {
        String base = name == null ? "" : name.strip();
        int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
        base = base.substring(slash + 1);
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }
}
