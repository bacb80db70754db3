package dev.sheetsmith.engine.xlsx.edit;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.WorkbookEdit;
import dev.sheetsmith.engine.xlsx.poi.CellStrings;
import dev.sheetsmith.engine.xlsx.poi.Sheets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.formula.FormulaType;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellAddress;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFName;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** set_note / delete_note and set_defined_name / delete_defined_name. */
final class Annotations {

    private Annotations() {
    }

    static String note(XSSFSheet sheet, WorkbookEdit.SetNote note) {
        CellRange at = note.cell();
        CellAddress address = new CellAddress(at.firstRow(), at.firstColumn());
        XSSFComment existing = sheet.getCellComment(address);
        if (note.text() == null) {
            if (existing == null) {
                throw new InvalidInputException("cell " + at.toA1() + " on sheet '" + sheet.getSheetName()
                        + "' has no note");
            }
            Row row = sheet.getRow(at.firstRow()) == null ? sheet.createRow(at.firstRow()) : sheet.getRow(at.firstRow());
            Cell cell = row.getCell(at.firstColumn()) == null ? row.createCell(at.firstColumn())
                    : row.getCell(at.firstColumn());
            cell.removeCellComment();
            return "deleted the note on " + at.toA1() + " of sheet '" + sheet.getSheetName() + "'";
        }
        String author = note.author() == null ? "Sheetsmith" : note.author();
        if (existing != null) {
            existing.setString(new XSSFRichTextString(CellStrings.stored(note.text())));
            existing.setAuthor(author);
            return "replaced the note on " + at.toA1() + " of sheet '" + sheet.getSheetName() + "'";
        }
        var drawing = sheet.createDrawingPatriarch();
        int col = at.firstColumn();
        int row = at.firstRow();
        XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, Math.min(col + 1, CellRange.MAX_COLUMN - 3),
                row, Math.min(col + 4, CellRange.MAX_COLUMN), Math.min(row + 4, CellRange.MAX_ROW));
        XSSFComment comment = drawing.createCellComment(anchor);
        comment.setString(new XSSFRichTextString(CellStrings.stored(note.text())));
        comment.setAuthor(author);
        comment.setAddress(address);
        return "put a note on " + at.toA1() + " of sheet '" + sheet.getSheetName() + "'";
    }

    static String definedName(XSSFWorkbook wb, WorkbookEdit.SetDefinedName change) {
        int scope = -1;
        if (change.scope() != null) {
            scope = wb.getSheetIndex(Sheets.sheet(wb, change.scope()));
        }
        XSSFName existing = null;
        for (XSSFName name : wb.getNames(change.name())) {
            if (name.getSheetIndex() == scope) {
                existing = name;
            }
        }
        String where = scope < 0 ? "the workbook" : "sheet '" + wb.getSheetName(scope) + "'";
        if (change.refersTo() == null) {
            if (existing == null) {
                List<String> known = new ArrayList<>();
                wb.getAllNames().forEach(n -> known.add(n.getNameName()
                        + (n.getSheetIndex() < 0 ? "" : " (sheet " + wb.getSheetName(n.getSheetIndex()) + ")")));
                throw new InvalidInputException("there is no defined name '" + change.name() + "' in " + where
                        + (known.isEmpty() ? "; the workbook has none" : "; its names are " + known));
            }
            wb.removeName(existing);
            return "deleted the defined name '" + change.name() + "' from " + where;
        }
        String refersTo = FormulaCheck.check(wb, Math.max(scope, 0), change.refersTo(), FormulaType.NAMEDRANGE,
                "'refersTo'");
        for (org.apache.poi.xssf.usermodel.XSSFSheet sheet : Sheets.all(wb)) {
            for (var table : sheet.getTables()) {
                if (table.getName().equalsIgnoreCase(change.name())) {
                    throw new InvalidInputException("'" + change.name() + "' is already the name of a table on sheet '"
                            + sheet.getSheetName() + "'");
                }
            }
        }
        boolean replaced = existing != null;
        XSSFName name = existing != null ? existing : wb.createName();
        if (!replaced) {
            name.setNameName(change.name());
            if (scope >= 0) {
                name.setSheetIndex(scope);
            }
        }
        name.setRefersToFormula(refersTo);
        if (change.comment() != null) {
            name.setComment(change.comment());
        }
        return (replaced ? "changed" : "defined") + " the name '" + change.name() + "' = " + change.refersTo()
                + " in " + where;
    }
}
