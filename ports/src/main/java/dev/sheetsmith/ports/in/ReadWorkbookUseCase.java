package dev.sheetsmith.ports.in;

import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.RangeRead;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.domain.WorkbookDescription;

public interface ReadWorkbookUseCase {

    Described describeWorkbook(Owner owner, String fileRef);

    RangeRead readRange(Owner owner, ReadRangeQuery query);

    record Described(StoredFile file, WorkbookDescription description) {
    }
}
