package dev.sheetsmith.application;

import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.SheetData;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.domain.WorkbookData;
import dev.sheetsmith.ports.in.ConvertFilesUseCase;
import dev.sheetsmith.ports.in.CreateWorkbookCommand;
import dev.sheetsmith.ports.in.CreateWorkbookUseCase;
import dev.sheetsmith.ports.in.CreatedWorkbook;
import dev.sheetsmith.ports.out.FileMetadataStore;
import dev.sheetsmith.ports.out.FileStore;
import dev.sheetsmith.ports.spi.FormatPlugin;
import dev.sheetsmith.ports.spi.SheetView;
import dev.sheetsmith.ports.spi.WorkbookView;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/** Export and import through the format plugins; every result is a new stored file with a link. */
public final class ConvertFilesService implements ConvertFilesUseCase {

    private final FormatRegistry formats;
    private final FileResolver resolver;
    private final FileStore fileStore;
    private final CreateWorkbookUseCase create;
    private final long maxImportBytes;
    private final Map<String, String> sources;

    /** @param sources where each format came from ("built-in" or a jar name), for list_formats */
    public ConvertFilesService(FormatRegistry formats, FileMetadataStore metadata, FileStore fileStore,
            CreateWorkbookUseCase create, long maxImportBytes, Map<String, String> sources) {
        this.formats = Objects.requireNonNull(formats, "formats");
        this.resolver = new FileResolver(metadata);
        this.fileStore = Objects.requireNonNull(fileStore, "fileStore");
        this.create = Objects.requireNonNull(create, "create");
        this.maxImportBytes = maxImportBytes;
        this.sources = Map.copyOf(sources);
    }

    @Override
    public CreatedWorkbook exportFile(Owner owner, String fileRef, String format, String sheet) {
        FormatPlugin target = formats.require(format == null ? "" : format.strip().toLowerCase(Locale.ROOT));
        StoredFile file = resolver.resolve(owner, fileRef);
        FormatPlugin source = formats.require(file.format());
        if (!source.canRead()) {
            throw new InvalidInputException(file.name() + " is a " + file.format() + " file, which cannot be read back");
        }
        WorkbookView view;
        try (InputStream in = fileStore.open(file.storageKey())) {
            view = source.read(in);
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
        return create.createWorkbook(new CreateWorkbookCommand(owner, baseName(file.name()) + "." + target.extension(),
                target.id(), data(sheets)));
    }

    @Override
    public CreatedWorkbook importFile(Owner owner, String filename, byte[] content, String sourceFormat) {
        if (content.length > maxImportBytes) {
            throw new InvalidInputException("the upload has " + content.length + " bytes; this server takes at most "
                    + maxImportBytes + " (limits.maxImportBytes)");
        }
        FormatPlugin source = sourceFormat == null || sourceFormat.isBlank() ? byExtension(filename)
                : formats.require(sourceFormat.strip().toLowerCase(Locale.ROOT));
        if (!source.canRead()) {
            throw new InvalidInputException("the " + source.id() + " format cannot be imported");
        }
        WorkbookView view;
        try {
            view = source.read(new ByteArrayInputStream(content));
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("'" + filename + "' could not be read as " + source.id()
                    + "; check the file and its format");
        }
        return create.createWorkbook(new CreateWorkbookCommand(owner, baseName(filename) + ".xlsx", "xlsx",
                data(view.sheets())));
    }

    @Override
    public List<FormatInfo> formats() {
        return formats.all().stream().map(f -> new FormatInfo(f.id(), f.extension(), f.mediaType(), f.description(),
                f.canRead(), f.maxSheets(), sources.getOrDefault(f.id(), "built-in"))).toList();
    }

    private FormatPlugin byExtension(String filename) {
        String name = filename == null ? "" : filename.strip().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1);
        return formats.all().stream().filter(f -> f.extension().equalsIgnoreCase(extension)).findFirst()
                .orElseThrow(() -> new InvalidInputException("cannot tell the format of '" + filename + "' from its"
                        + " name; give 'format' (one of " + formats.all().stream().filter(FormatPlugin::canRead)
                                .map(FormatPlugin::id).toList() + ")"));
    }

    private static WorkbookData data(List<SheetView> views) {
        List<SheetData> sheets = new ArrayList<>();
        for (SheetView view : views) {
            List<List<CellValue>> rows;
            try (Stream<List<CellValue>> stream = view.rows()) {
                rows = stream.toList();
            }
            sheets.add(new SheetData(view.name(), view.headers(), rows));
        }
        return new WorkbookData(sheets);
    }

    private static String baseName(String name) {
        String base = name == null ? "" : name.strip();
        int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
        base = base.substring(slash + 1);
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }
}
