package dev.sheetsmith.ports.in;

public interface CreateWorkbookUseCase {

    CreatedWorkbook createWorkbook(CreateWorkbookCommand command);
}
