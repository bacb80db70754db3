package dev.sheetsmith.engine.xlsx.poi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.poi.ss.formula.FormulaParser;
import org.apache.poi.ss.formula.FormulaRenderer;
import org.apache.poi.ss.formula.FormulaType;
import org.apache.poi.ss.formula.ptg.AbstractFunctionPtg;
import org.apache.poi.ss.formula.ptg.OperandPtg;
import org.apache.poi.ss.formula.ptg.OperationPtg;
import org.apache.poi.ss.formula.ptg.ParenthesisPtg;
import org.apache.poi.ss.formula.ptg.PowerPtg;
import org.apache.poi.ss.formula.ptg.Ptg;
import org.apache.poi.ss.formula.ptg.ScalarConstantPtg;
import org.apache.poi.ss.formula.ptg.UnaryMinusPtg;
import org.apache.poi.xssf.usermodel.XSSFEvaluationWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Excel negates before it raises to a power ({@code =-2^2} is 4, {@code =2*-3^2} is 18), while
 * POI's parser reads {@code -2^2} as {@code -(2^2)}. For evaluation only (the file keeps what was
 * written), a formula whose parse negates a power's result is written again with the negation
 * inside the power, {@code (-2)^2}, which POI computes as Excel does.
 */
final class NegatedPowers {

    private NegatedPowers() {
    }

    /** A formula that negates a power in a form this class cannot reorder: its value is not POI's to give. */
    static final class Unfollowed extends RuntimeException {
        Unfollowed() {
            super("it negates a power (Excel negates first: -2^2 is 4) inside a form this engine cannot reorder",
                    null, false, false);
        }
    }

    /**
     * The formula in the order Excel computes it, or null when it negates no power (or is not
     * one POI's parser reads, whose value is then POI's to give or refuse).
     *
     * @throws Unfollowed when it negates a power but its tokens are of kinds this does not follow
     */
    static String inExcelsOrder(XSSFWorkbook wb, int sheetIndex, String formula) {
        if (formula == null || formula.indexOf('^') < 0 || formula.indexOf('-') < 0) {
            return null;
        }
        XSSFEvaluationWorkbook book = XSSFEvaluationWorkbook.create(wb);
        Ptg[] ptgs;
        try {
            ptgs = FormulaParser.parse(formula, book, FormulaType.CELL, sheetIndex);
        } catch (RuntimeException e) {
            return null;
        }
        Ptg[] fixed = reordered(ptgs);
        return fixed == null ? null : FormulaRenderer.toFormulaString(book, fixed);
    }

    /** The tokens with each negated power's negation moved onto its base, or null when none is there. */
    static Ptg[] reordered(Ptg[] ptgs) {
        boolean changed = false;
        List<Ptg> tokens = new ArrayList<>(Arrays.asList(ptgs));
        for (int p = 0; p + 1 < tokens.size(); p++) {
            if (!(tokens.get(p) instanceof PowerPtg) || !(tokens.get(p + 1) instanceof UnaryMinusPtg)) {
                continue;
            }
            int[] start = starts(tokens.subList(0, p + 1));
            if (start == null) {
                throw new Unfollowed();
            }
            int rightStart = start[p - 1];
            int leftEnd = rightStart - 1;
            List<Ptg> rebuilt = new ArrayList<>(tokens.subList(0, leftEnd + 1));
            rebuilt.add(UnaryMinusPtg.instance);
            rebuilt.add(ParenthesisPtg.instance);
            rebuilt.addAll(tokens.subList(rightStart, p + 1));
            rebuilt.addAll(tokens.subList(p + 2, tokens.size()));
            tokens = rebuilt;
            changed = true;
        }
        return changed ? tokens.toArray(new Ptg[0]) : null;
    }

    /**
     * Where each token's expression starts, walking the reverse Polish tokens with each operator's
     * operand count; null when a token is of a kind this does not follow (then nothing is changed).
     */
    private static int[] starts(List<Ptg> tokens) {
        int[] start = new int[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) {
            Ptg t = tokens.get(i);
            int operands;
            if (t instanceof OperandPtg || t instanceof ScalarConstantPtg) {
                operands = 0;
            } else if (t instanceof org.apache.poi.ss.formula.ptg.AttrPtg a && a.isSum()) {
                operands = 1;
            } else if (t instanceof ParenthesisPtg) {
                operands = 1;
            } else if (t instanceof AbstractFunctionPtg f) {
                operands = f.getNumberOfOperands();
            } else if (t instanceof OperationPtg o && o.getClass().getPackageName().equals(PowerPtg.class
                    .getPackageName())) {
                operands = o.getNumberOfOperands();
            } else {
                return null;
            }
            int at = i;
            for (int k = 0; k < operands; k++) {
                int end = at - 1;
                if (end < 0) {
                    return null;
                }
                at = start[end];
            }
            start[i] = at;
        }
        return start;
    }
}
