package dev.sheetsmith.engine.xlsx.edit.stream;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * workbook.xml asking for a full calculation when the file opens, as POI's
 * {@code setForceFormulaRecalculation(true)} asks after every edit of the user-model path:
 * {@code <calcPr fullCalcOnLoad="1">}, a manual calculation mode made automatic.
 */
final class CalcOnLoad {

    private static final Pattern CALC_PR = Pattern.compile("<calcPr(\\s[^>]*?)?(/?)>");
    /** The elements that follow calcPr in a workbook, in schema order. */
    private static final List<String> AFTER = List.of("<oleSize", "<customWorkbookViews", "<pivotCaches",
            "<smartTagPr", "<smartTagTypes", "<webPublishing", "<fileRecoveryPr", "<webPublishObjects", "<extLst",
            "</workbook>");

    private CalcOnLoad() {
    }

    static String set(String workbook) {
        if (!workbook.contains("<workbook") || workbook.contains(":calcPr")) {
            throw new NotStreamable("workbook.xml with a prefixed main namespace");
        }
        Matcher m = CALC_PR.matcher(workbook);
        if (m.find()) {
            String attributes = m.group(1) == null ? "" : m.group(1);
            attributes = attributes.replaceAll("\\sfullCalcOnLoad\\s*=\\s*(\"[^\"]*\"|'[^']*')", "");
            attributes = attributes.replaceAll("(\\scalcMode\\s*=\\s*)(\"manual\"|'manual')", "$1\"auto\"");
            String tag = "<calcPr" + attributes + " fullCalcOnLoad=\"1\"" + m.group(2) + ">";
            return workbook.substring(0, m.start()) + tag + workbook.substring(m.end());
        }
        int at = -1;
        for (String next : AFTER) {
            int i = workbook.indexOf(next);
            if (i >= 0 && (at < 0 || i < at)) {
                at = i;
            }
        }
        if (at < 0) {
            throw new NotStreamable("workbook.xml without its end");
        }
        return workbook.substring(0, at) + "<calcPr fullCalcOnLoad=\"1\"/>" + workbook.substring(at);
    }
}
