package dev.sheetsmith.engine.xlsx.edit;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.ConditionalFormat;
import dev.sheetsmith.domain.Operand;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.ValidationRule;
import dev.sheetsmith.engine.xlsx.poi.Ranges;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.ComparisonOperator;
import org.apache.poi.ss.usermodel.ConditionalFormattingThreshold.RangeType;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationConstraint.OperatorType;
import org.apache.poi.ss.usermodel.IconMultiStateFormatting.IconSet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFColorScaleFormatting;
import org.apache.poi.xssf.usermodel.XSSFConditionalFormattingRule;
import org.apache.poi.xssf.usermodel.XSSFDataValidation;
import org.apache.poi.xssf.usermodel.XSSFDataValidationHelper;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFSheetConditionalFormatting;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.ss.formula.FormulaType;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTCfRule;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTConditionalFormatting;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTDataValidation;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.STCfType;

/** add_conditional_format and add_data_validation. */
final class Rules {

    private static final Map<String, String> ICONS = Map.ofEntries(Map.entry("3_arrows", "3Arrows"),
            Map.entry("3_arrows_gray", "3ArrowsGray"), Map.entry("3_flags", "3Flags"),
            Map.entry("3_traffic_lights", "3TrafficLights1"), Map.entry("3_traffic_lights_rimmed", "3TrafficLights2"),
            Map.entry("3_signs", "3Signs"), Map.entry("3_symbols_circled", "3Symbols"),
            Map.entry("3_symbols", "3Symbols2"), Map.entry("4_arrows", "4Arrows"),
            Map.entry("4_arrows_gray", "4ArrowsGray"), Map.entry("4_red_to_black", "4RedToBlack"),
            Map.entry("4_ratings", "4Rating"), Map.entry("4_traffic_lights", "4TrafficLights"),
            Map.entry("5_arrows", "5Arrows"), Map.entry("5_arrows_gray", "5ArrowsGray"),
            Map.entry("5_ratings", "5Rating"), Map.entry("5_quarters", "5Quarters"));

    private Rules() {
    }

    static String conditional(XSSFSheet sheet, CellRange range, ConditionalFormat rule) {
        if (rule.type().equals("formula")) {
            check(sheet, excel(rule.value()), "'formula'");
        } else if (rule.type().equals("cell_value")) {
            check(sheet, excel(rule.value()), "'value'");
            check(sheet, excel(rule.value2()), "'value2'");
        }
        XSSFSheetConditionalFormatting formats = sheet.getSheetConditionalFormatting();
        XSSFConditionalFormattingRule made;
        String low = null;
        switch (rule.type()) {
            case "color_scale" -> {
                made = formats.createConditionalFormattingColorScaleRule();
                XSSFColorScaleFormatting scale = made.getColorScaleFormatting();
                int points = rule.colors().size();
                scale.setNumControlPoints(points);
                var thresholds = scale.getThresholds();
                thresholds[0].setRangeType(RangeType.MIN);
                thresholds[points - 1].setRangeType(RangeType.MAX);
                if (points == 3) {
                    thresholds[1].setRangeType(RangeType.PERCENTILE);
                    thresholds[1].setValue(50d);
                }
                scale.setThresholds(thresholds);
                XSSFColor[] colors = new XSSFColor[points];
                for (int i = 0; i < points; i++) {
                    colors[i] = Styles.color(rule.colors().get(i));
                }
                scale.setColors(colors);
            }
            case "data_bar" -> made = formats.createConditionalFormattingRule(Styles.color(rule.color()));
            case "icon_set" -> made = formats.createConditionalFormattingRule(IconSet.byName(ICONS.get(rule.iconSet())));
            case "cell_value" -> made = formats.createConditionalFormattingRule(operator(rule.operator()),
                    excel(rule.value()), excel(rule.value2()));
            case "formula" -> made = formats.createConditionalFormattingRule(excel(rule.value()));
            default -> {
                // top_bottom, duplicates, unique: POI has no maker; start from a formula rule and retype it.
                made = formats.createConditionalFormattingRule("TRUE");
                low = rule.type();
            }
        }
        if (rule.style() != null) {
            ConditionalFormat.Style look = rule.style();
            if (look.fontColor() != null || look.bold() != null || look.italic() != null) {
                var font = made.createFontFormatting();
                if (look.fontColor() != null) {
                    font.setFontColor(Styles.color(look.fontColor()));
                }
                if (look.bold() != null || look.italic() != null) {
                    font.setFontStyle(Boolean.TRUE.equals(look.italic()), Boolean.TRUE.equals(look.bold()));
                }
            }
            if (look.fillColor() != null) {
                made.createPatternFormatting().setFillBackgroundColor(Styles.color(look.fillColor()));
            }
        }
        int before = sheet.getCTWorksheet().sizeOfConditionalFormattingArray();
        try {
            formats.addConditionalFormatting(new CellRangeAddress[] {Ranges.address(range)}, made);
        } catch (RuntimeException e) {
            throw new InvalidInputException("the rule for " + range.toA1() + " is not valid: " + reason(e));
        }
        if (low != null) {
            CTConditionalFormatting added = sheet.getCTWorksheet().getConditionalFormattingArray(before);
            CTCfRule ct = added.getCfRuleArray(added.sizeOfCfRuleArray() - 1);
            ct.setFormulaArray(new String[0]);
            switch (low) {
                case "top_bottom" -> {
                    ct.setType(STCfType.TOP_10);
                    ct.setRank(rule.rank());
                    if (rule.percent()) {
                        ct.setPercent(true);
                    }
                    if (rule.bottom()) {
                        ct.setBottom(true);
                    }
                }
                case "duplicates" -> ct.setType(STCfType.DUPLICATE_VALUES);
                default -> ct.setType(STCfType.UNIQUE_VALUES);
            }
        }
        return "added a " + rule.type().replace('_', ' ') + " rule to " + range.toA1() + " on sheet '"
                + sheet.getSheetName() + "'";
    }

    /** A rule's formula or operand, parsed as Excel will read it on this sheet. */
    /**
     * An operand as Excel keeps it in a rule: numbers as they are, a formula without its '=', dates as
     * DATE(), times as TIME(), TRUE/FALSE, text in double quotes; null stays null.
     */
    static String excel(Operand operand) {
        if (operand == null) {
            return null;
        }
        if (operand instanceof Operand.Number n) {
            return n.text();
        }
        if (operand instanceof Operand.Bool b) {
            return b.value() ? "TRUE" : "FALSE";
        }
        if (operand instanceof Operand.Date d) {
            return "DATE(" + d.year() + "," + d.month() + "," + d.day() + ")";
        }
        if (operand instanceof Operand.Time t) {
            return "TIME(" + t.hour() + "," + t.minute() + "," + t.second() + ")";
        }
        if (operand instanceof Operand.Formula f) {
            return f.expression();
        }
        return "\"" + ((Operand.Text) operand).value().replace("\"", "\"\"") + "\"";
    }

    private static void check(XSSFSheet sheet, String formula, String where) {
        XSSFWorkbook wb = sheet.getWorkbook();
        FormulaCheck.check(wb, wb.getSheetIndex(sheet), formula, FormulaType.CELL, where);
    }

    private static byte operator(String name) {
        return switch (name) {
            case "between" -> ComparisonOperator.BETWEEN;
            case "not_between" -> ComparisonOperator.NOT_BETWEEN;
            case "equal" -> ComparisonOperator.EQUAL;
            case "not_equal" -> ComparisonOperator.NOT_EQUAL;
            case "greater_than" -> ComparisonOperator.GT;
            case "less_than" -> ComparisonOperator.LT;
            case "greater_or_equal" -> ComparisonOperator.GE;
            default -> ComparisonOperator.LE;
        };
    }

    private static int validationOperator(String name) {
        return switch (name) {
            case "between" -> OperatorType.BETWEEN;
            case "not_between" -> OperatorType.NOT_BETWEEN;
            case "equal" -> OperatorType.EQUAL;
            case "not_equal" -> OperatorType.NOT_EQUAL;
            case "greater_than" -> OperatorType.GREATER_THAN;
            case "less_than" -> OperatorType.LESS_THAN;
            case "greater_or_equal" -> OperatorType.GREATER_OR_EQUAL;
            default -> OperatorType.LESS_OR_EQUAL;
        };
    }

    static String validation(XSSFSheet sheet, CellRange range, ValidationRule rule) {
        check(sheet, excel(rule.min()), "'min'");
        check(sheet, excel(rule.max()), "'max'");
        check(sheet, rule.formula(), "'formula'");
        check(sheet, rule.source(), "'source'");
        CellRangeAddress wanted = Ranges.address(range);
        // A rule wholly inside the new range is replaced; one that only overlaps it is an error.
        List<Integer> replaced = new ArrayList<>();
        List<String> replacedRanges = new ArrayList<>();
        var ctValidations = sheet.getCTWorksheet().getDataValidations();
        if (ctValidations != null) {
            for (int i = 0; i < ctValidations.sizeOfDataValidationArray(); i++) {
                CTDataValidation existing = ctValidations.getDataValidationArray(i);
                String sqref = String.join(" ", Ranges.stringList(existing.getSqref()));
                boolean inside = true;
                boolean overlaps = false;
                for (String part : sqref.split(" ")) {
                    CellRangeAddress area = CellRangeAddress.valueOf(part);
                    if (area.intersects(wanted)) {
                        overlaps = true;
                    }
                    if (!(wanted.isInRange(area.getFirstRow(), area.getFirstColumn())
                            && wanted.isInRange(area.getLastRow(), area.getLastColumn()))) {
                        inside = false;
                    }
                }
                if (overlaps && !inside) {
                    throw new InvalidInputException(range.toA1() + " overlaps the validation on " + sqref + " of sheet '"
                            + sheet.getSheetName() + "'; a cell takes one rule. Give a range that covers it wholly"
                            + " (to replace it) or does not touch it");
                }
                if (overlaps) {
                    replaced.add(i);
                    replacedRanges.add(sqref);
                }
            }
        }
        XSSFDataValidationHelper helper = new XSSFDataValidationHelper(sheet);
        String f1 = excel(rule.min());
        String f2 = excel(rule.max());
        int op = validationOperator(rule.operatorOrDefault());
        DataValidationConstraint constraint = switch (rule.type()) {
            case "list" -> rule.source() != null ? helper.createFormulaListConstraint(rule.source())
                    : helper.createExplicitListConstraint(rule.values().toArray(String[]::new));
            case "whole" -> helper.createIntegerConstraint(op, f1, f2);
            case "decimal" -> helper.createDecimalConstraint(op, f1, f2);
            case "date" -> helper.createDateConstraint(op, f1, f2, null);
            case "time" -> helper.createTimeConstraint(op, f1, f2);
            case "text_length" -> helper.createTextLengthConstraint(op, f1, f2);
            default -> helper.createCustomConstraint(rule.formula());
        };
        XSSFDataValidation validation = (XSSFDataValidation) helper.createValidation(constraint,
                new CellRangeAddressList(range.firstRow(), range.lastRow(), range.firstColumn(), range.lastColumn()));
        validation.setEmptyCellAllowed(rule.allowBlank());
        if (rule.inputMessage() != null || rule.inputTitle() != null) {
            validation.createPromptBox(rule.inputTitle(), rule.inputMessage());
            validation.setShowPromptBox(true);
        }
        validation.setShowErrorBox(true);
        if (rule.errorMessage() != null || rule.errorTitle() != null) {
            validation.createErrorBox(rule.errorTitle(), rule.errorMessage());
        }
        validation.setErrorStyle(switch (rule.errorStyle() == null ? "stop" : rule.errorStyle()) {
            case "warning" -> DataValidation.ErrorStyle.WARNING;
            case "information" -> DataValidation.ErrorStyle.INFO;
            default -> DataValidation.ErrorStyle.STOP;
        });
        for (int i = replaced.size() - 1; i >= 0; i--) {
            ctValidations.removeDataValidation(replaced.get(i));
        }
        try {
            sheet.addValidationData(validation);
        } catch (RuntimeException e) {
            throw new InvalidInputException("the validation for " + range.toA1() + " is not valid: " + reason(e));
        }
        // OOXML's showDropDown="1" hides the in-cell arrow (the name says the opposite).
        var all = sheet.getCTWorksheet().getDataValidations();
        CTDataValidation ct = all.getDataValidationArray(all.sizeOfDataValidationArray() - 1);
        if (rule.type().equals("list") && !rule.showDropdown()) {
            ct.setShowDropDown(true);
        } else if (ct.isSetShowDropDown()) {
            ct.unsetShowDropDown();
        }
        return "added a " + rule.type().replace('_', ' ') + " validation to " + range.toA1() + " on sheet '"
                + sheet.getSheetName() + "'" + (replacedRanges.isEmpty() ? ""
                        : " (it replaces the rule on " + String.join(", ", replacedRanges) + ")");
    }

    static String reason(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > 200 ? message.substring(0, 200) + "..." : message;
    }
}
