package dev.sheetsmith.ports.in;

public interface CreateWorkbookUseCase {

    CreatedWorkbook createWorkbook(CreateWorkbookCommand command);

    /**
     * Stores a document another engine made (a pdf drawn from a workbook) as a new file of
     * {@code owner}'s, under the same name policy as a new workbook (a name in use gets " (2)").
     */
    CreatedWorkbook storeDocument(dev.sheetsmith.domain.Owner owner, String filename, String format, String extension,
            String mediaType, byte[] bytes);
}
