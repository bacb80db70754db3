package dev.sheetsmith.adapters.http;

import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.SheetData;
import dev.sheetsmith.domain.SheetInput;
import dev.sheetsmith.domain.WorkbookData;
import dev.sheetsmith.ports.in.CreateWorkbookCommand;
import dev.sheetsmith.ports.in.CreateWorkbookUseCase;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** {@code create_excel_file}: a new workbook from one sheet's data or several sheets. */
final class CreateExcelFileTool implements McpTool {

    static final String NAME = "create_excel_file";
    private static final Set<String> ARGUMENTS = Set.of("filename", "sheet_name", "data", "headers", "sheets",
            "format");
    private static final Set<String> SHEET_KEYS = Set.of("name", "data", "headers");

    private final CreateWorkbookUseCase createWorkbook;
    private final McpSchema.Tool definition;

    CreateExcelFileTool(CreateWorkbookUseCase createWorkbook, ToolSchemas schemas) {
        this.createWorkbook = Objects.requireNonNull(createWorkbook, "createWorkbook");
        this.definition = McpSchema.Tool.builder().name(NAME).title("Create Excel file")
                .description("Create a new .xlsx workbook from data and return a download link."
                        + " Give sheet_name/data/headers for one sheet, or 'sheets' for several."
                        + " Cells keep their types (numbers, true/false, ISO dates); the header row is bold and frozen.")
                .inputSchema(schemas.load(NAME + ".input.json")).outputSchema(schemas.load("file_result.output.json"))
                .build();
    }

    @Override
    public McpSchema.Tool definition() {
        return definition;
    }

    @Override
    public McpSchema.CallToolResult call(McpContext context, Map<String, Object> arguments) {
        try {
            WorkbookData workbook = workbook(arguments);
            Object filename = arguments.get("filename");
            if (filename != null && !(filename instanceof String)) {
                throw new InvalidInputException("'filename' must be text, e.g. \"employees.xlsx\"");
            }
            Object format = arguments.get("format");
            if (format != null && !(format instanceof String)) {
                throw new InvalidInputException("'format' must be a format id such as xlsx, csv or ods");
            }
            var created = createWorkbook.createWorkbook(new CreateWorkbookCommand(context.owner(), (String) filename,
                    format == null ? "xlsx" : ((String) format).strip().toLowerCase(java.util.Locale.ROOT), workbook));
            return ToolResults.created(created, context.baseUrl());
        } catch (InvalidInputException e) {
            return ToolResults.error("Nothing was created: " + e.getMessage());
        }
    }

    static WorkbookData workbook(Map<String, Object> arguments) {
        Set<String> unknown = new TreeSet<>(arguments.keySet());
        unknown.removeAll(ARGUMENTS);
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("unknown argument(s) " + unknown + "; create_excel_file takes "
                    + new TreeSet<>(ARGUMENTS));
        }
        Object sheets = arguments.get("sheets");
        if (sheets == null) {
            Object name = arguments.getOrDefault("sheet_name", "Sheet1");
            if (!(name instanceof String sheetName)) {
                throw new InvalidInputException("'sheet_name' must be text");
            }
            return new WorkbookData(List.of(SheetInput.parse(sheetName, arguments.get("data"), arguments.get("headers"))));
        }
        for (String single : List.of("sheet_name", "data", "headers")) {
            if (arguments.containsKey(single)) {
                throw new InvalidInputException("give either 'sheets' or '" + single
                        + "' (with sheet_name/data/headers for one sheet), not both");
            }
        }
        if (!(sheets instanceof List<?> list) || list.isEmpty()) {
            throw new InvalidInputException("'sheets' must be a non-empty list of {name, data, headers} objects");
        }
        List<SheetData> parsed = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> sheet)) {
                throw new InvalidInputException("sheets[" + i + "] must be an object {name, data, headers}");
            }
            for (Object key : sheet.keySet()) {
                if (!SHEET_KEYS.contains(String.valueOf(key))) {
                    throw new InvalidInputException("sheets[" + i + "] has unknown key '" + key + "'; a sheet takes "
                            + new TreeSet<>(SHEET_KEYS));
                }
            }
            Object name = sheet.get("name");
            if (!(name instanceof String sheetName)) {
                throw new InvalidInputException("sheets[" + i + "] needs a 'name' (text)");
            }
            parsed.add(SheetInput.parse(sheetName, sheet.get("data"), sheet.get("headers")));
        }
        return new WorkbookData(parsed);
    }
}
