package dev.sheetsmith.engine.xlsx.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Name;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The Excel-recorded golden set of another project (see the README next to it), read where CI puts
 * it: {@code ../shared/peer-fixtures/} beside the repository. Never copied into the project.
 */
final class PeerFixtures {

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private PeerFixtures() {
    }

    /** One recorded case: its index in the set, the formula and Excel's value. */
    record GoldenCase(int index, String formula, JsonNode expected, double tolerance) {
    }

    static JsonNode formulaGolden() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path file = dir.resolve("shared/peer-fixtures/formula_golden.json");
            if (Files.isRegularFile(file)) {
                try {
                    return new ObjectMapper().readTree(file.toFile());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new AssertionError("the peer fixtures are missing: no shared/peer-fixtures/formula_golden.json in "
                + start + " or any folder above it (CI puts them at ../shared/peer-fixtures beside the repository)");
    }

    static List<GoldenCase> cases(JsonNode golden) {
        List<GoldenCase> cases = new ArrayList<>();
        JsonNode all = golden.get("cases");
        for (int i = 0; i < all.size(); i++) {
            JsonNode c = all.get(i);
            double tolerance = c.has("tolerance") ? c.get("tolerance").asDouble() : 1e-12;
            cases.add(new GoldenCase(i, c.get("formula").asText(), c.get("expected"), tolerance));
        }
        return cases;
    }

    /**
     * The recorded workbook: every inputs sheet from A1 (ISO dates as dates, as the recording
     * project wrote them), the defined names and the hidden rows. Input formulas POI cannot parse
     * (spill references) are left out; the cases checked here do not read them.
     */
    static XSSFWorkbook inputsWorkbook(JsonNode golden) {
        XSSFWorkbook wb = new XSSFWorkbook();
        CellStyle dateStyle = wb.createCellStyle();
        dateStyle.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
        for (Iterator<Map.Entry<String, JsonNode>> it = golden.get("inputs").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            wb.createSheet(entry.getKey());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = golden.get("inputs").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            Sheet sheet = wb.getSheet(entry.getKey());
            JsonNode rows = entry.getValue();
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                JsonNode values = rows.get(r);
                for (int c = 0; c < values.size(); c++) {
                    JsonNode v = values.get(c);
                    if (v.isNull()) {
                        continue;
                    }
                    Cell cell = row.createCell(c);
                    if (v.isNumber()) {
                        cell.setCellValue(v.asDouble());
                    } else if (v.isBoolean()) {
                        cell.setCellValue(v.asBoolean());
                    } else if (v.asText().startsWith("=")) {
                        try {
                            cell.setCellFormula(v.asText().substring(1));
                        } catch (RuntimeException e) {
                            row.removeCell(cell);
                        }
                    } else if (ISO_DATE.matcher(v.asText()).matches()) {
                        cell.setCellValue(DateUtil.getExcelDate(LocalDate.parse(v.asText())));
                        cell.setCellStyle(dateStyle);
                    } else {
                        cell.setCellValue(v.asText());
                    }
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = golden.get("names").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            Name name = wb.createName();
            name.setNameName(entry.getKey());
            name.setRefersToFormula(entry.getValue().asText());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = golden.get("hidden_rows").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            Sheet sheet = wb.getSheet(entry.getKey());
            for (JsonNode r : entry.getValue()) {
                Row row = sheet.getRow(r.asInt() - 1);
                (row == null ? sheet.createRow(r.asInt() - 1) : row).setZeroHeight(true);
            }
        }
        return wb;
    }
}
