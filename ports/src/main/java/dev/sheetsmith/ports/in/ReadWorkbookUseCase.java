package dev.sheetsmith.ports.in;

import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.RangeRead;
import dev.sheetsmith.domain.SheetDetails;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.domain.WorkbookDescription;
import dev.sheetsmith.ports.out.WorkbookReader;
import java.util.List;

public interface ReadWorkbookUseCase {

    Described describeWorkbook(Owner owner, String fileRef);

    SheetDescribed describeSheet(Owner owner, String fileRef, String sheet);

    RangeRead readRange(Owner owner, ReadRangeQuery query);

    /**
     * The range's values as the file shows them (number formats applied), each a text cell: for
     * previews. {@code query.formulas()} is ignored.
     */
    RangeRead readFormatted(Owner owner, ReadRangeQuery query);

    /** Cells whose value contains (or, with wholeCell, equals) the text; at most maxResults. */
    Found findCells(Owner owner, String fileRef, WorkbookReader.Search search);

    record Found(List<WorkbookReader.Match> matches, boolean truncated) {
    }

    record SheetDescribed(StoredFile file, SheetDetails details) {
    }

    record Described(StoredFile file, WorkbookDescription description) {
    }
}
