package dev.sheetsmith.application;

import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.RangeRead;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.ports.in.ReadRangeQuery;
import dev.sheetsmith.ports.in.ReadWorkbookUseCase;
import dev.sheetsmith.ports.out.FileMetadataStore;
import dev.sheetsmith.ports.out.FileStore;
import dev.sheetsmith.ports.out.Recalculator;
import dev.sheetsmith.ports.out.WorkbookIndexer;
import dev.sheetsmith.ports.out.WorkbookReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

public final class ReadWorkbookService implements ReadWorkbookUseCase {

    private final FileResolver resolver;
    private final FileStore fileStore;
    private final WorkbookReader reader;
    private final MemoryBudget budget;
    private final SecondEngineValues secondEngine;
    private final ReadIndexes indexes;

    /**
     * @param budget reserved before a read: the stored size streamed (describe, read_range,
     *     find_cells) or loaded whole (describe_sheet)
     */
    public ReadWorkbookService(FileMetadataStore metadata, FileStore fileStore, WorkbookReader reader,
            MemoryBudget budget) {
        this(metadata, fileStore, reader, budget, Recalculator.OFF);
    }

    /**
     * @param recalculator a second engine (LibreOffice) asked for the formula cells a read finds
     *     without a value, once per revision; {@link Recalculator#OFF} asks nothing
     */
    public ReadWorkbookService(FileMetadataStore metadata, FileStore fileStore, WorkbookReader reader,
            MemoryBudget budget, Recalculator recalculator) {
        this(metadata, fileStore, reader, budget, recalculator, null);
    }

    /**
     * @param indexes the read indexes reads are answered from when they can (the page's rows, not
     *     the whole file); null reads every call from the file
     */
    public ReadWorkbookService(FileMetadataStore metadata, FileStore fileStore, WorkbookReader reader,
            MemoryBudget budget, Recalculator recalculator, ReadIndexes indexes) {
        this.indexes = indexes;
        this.secondEngine = new SecondEngineValues(recalculator, reader);
        this.budget = Objects.requireNonNull(budget, "budget");
        this.resolver = new FileResolver(metadata);
        this.fileStore = Objects.requireNonNull(fileStore, "fileStore");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    @Override
    public Described describeWorkbook(Owner owner, String fileRef) {
        StoredFile file = readable(resolver.resolve(owner, fileRef));
        try {
            WorkbookIndexer.Index index = index(file);
            if (index != null) {
                return new Described(file, index.describe());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file.name(), e);
        }
        try (MemoryBudget.Reservation memory = streamed(file); InputStream in = fileStore.open(file.storageKey())) {
            return new Described(file, reader.describe(in));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file.name(), e);
        }
    }

    @Override
    public SheetDescribed describeSheet(Owner owner, String fileRef, String sheet) {
        StoredFile file = readable(resolver.resolve(owner, fileRef));
        dev.sheetsmith.domain.SheetDetails kept = indexes == null ? null : indexes.details(file, sheet);
        if (kept != null) {
            return new SheetDescribed(file, kept);
        }
        try {
            WorkbookIndexer.Index index = index(file);
            var indexed = index == null ? java.util.Optional.<dev.sheetsmith.domain.SheetDetails>empty()
                    : index.describeSheet(sheet);
            if (indexed.isPresent()) {
                return new SheetDescribed(file, indexed.get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file.name(), e);
        }
        try (MemoryBudget.Reservation memory = budget.reserve(MemoryBudget.loaded(file.sizeBytes(), 0), "reading "
                + file.name() + " (" + file.sizeBytes() + " bytes stored)"); InputStream in = fileStore.open(
                        file.storageKey())) {
            dev.sheetsmith.domain.SheetDetails details = reader.describeSheet(in, sheet);
            if (indexes != null) {
                indexes.keep(file, sheet, details);
            }
            return new SheetDescribed(file, details);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file.name(), e);
        }
    }

    @Override
    public RangeRead readRange(Owner owner, ReadRangeQuery query) {
        StoredFile file = readable(resolver.resolve(owner, query.fileRef()));
        RangeRead indexed = null;
        try {
            WorkbookIndexer.Index index = index(file);
            if (index != null) {
                try (MemoryBudget.Reservation memory = budget.reserve(MemoryBudget.cells(query.maxCells()), "reading "
                        + query.maxCells() + " cells of " + file.name())) {
                    indexed = index.read(query.sheet(), query.range(), query.formulas(), query.maxCells())
                            .orElse(null);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file.name(), e);
        }
        try (MemoryBudget.Reservation memory = indexed != null ? null : streamed(file);
                InputStream in = indexed != null ? null : fileStore.open(file.storageKey())) {
            RangeRead read = indexed != null ? indexed
                    : reader.read(in, query.sheet(), query.range(), query.formulas(), query.maxCells());
            if (read.unevaluated().isEmpty() || query.formulas() || !secondEngine.enabled()) {
                return read;
            }
            return secondEngine.fill(file, () -> fileStore.open(file.storageKey()), read, query.maxCells());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file.name(), e);
        }
    }

    @Override
    public RangeRead readFormatted(Owner owner, ReadRangeQuery query) {
        StoredFile file = readable(resolver.resolve(owner, query.fileRef()));
        try (MemoryBudget.Reservation memory = streamed(file); InputStream in = fileStore.open(file.storageKey())) {
            return reader.readFormatted(in, query.sheet(), query.range(), query.maxCells());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file.name(), e);
        }
    }

    @Override
    public Found findCells(Owner owner, String fileRef, WorkbookReader.Search search) {
        StoredFile file = readable(resolver.resolve(owner, fileRef));
        List<WorkbookReader.Match> indexed = null;
        try {
            WorkbookIndexer.Index index = index(file);
            if (index != null) {
                indexed = index.find(search).orElse(null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file.name(), e);
        }
        try (MemoryBudget.Reservation memory = indexed != null ? null : streamed(file);
                InputStream in = indexed != null ? null : fileStore.open(file.storageKey())) {
            var matches = indexed != null ? indexed : reader.find(in, search);
            boolean truncated = matches.size() > search.maxResults();
            return new Found(truncated ? matches.subList(0, search.maxResults()) : matches, truncated);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file.name(), e);
        }
    }

    /** The revision's read index, built on first use; null when reads come from the file. */
    private WorkbookIndexer.Index index(StoredFile file) throws IOException {
        return indexes == null ? null : indexes.of(file);
    }

    private MemoryBudget.Reservation streamed(StoredFile file) {
        return budget.reserve(MemoryBudget.streamed(file.sizeBytes()), "reading " + file.name() + " ("
                + file.sizeBytes() + " bytes stored)");
    }

    private StoredFile readable(StoredFile file) {
        if (!reader.reads(file.format())) {
            throw new InvalidInputException(file.name() + " is a " + file.format() + " file; only "
                    + String.join(", ", new java.util.TreeSet<>(reader.formats())) + " workbooks can be read with this tool");
        }
        return file;
    }
}
