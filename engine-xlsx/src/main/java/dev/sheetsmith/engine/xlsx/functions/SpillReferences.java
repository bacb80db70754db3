package dev.sheetsmith.engine.xlsx.functions;

import org.apache.poi.ss.formula.BaseFormulaEvaluator;
import org.apache.poi.ss.formula.EvaluationCell;
import org.apache.poi.ss.formula.EvaluationSheet;
import org.apache.poi.ss.formula.EvaluationWorkbook;
import org.apache.poi.ss.formula.FormulaRenderer;
import org.apache.poi.ss.formula.FormulaRenderingWorkbook;
import org.apache.poi.ss.formula.OperationEvaluationContext;
import org.apache.poi.ss.formula.eval.ErrorEval;
import org.apache.poi.ss.formula.eval.RefEval;
import org.apache.poi.ss.formula.eval.ValueEval;
import org.apache.poi.ss.formula.functions.FreeRefFunction;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;

/**
 * A1# (stored as ANCHORARRAY(A1)): the array the formula in A1 spills. The anchor's formula is a
 * one-cell dynamic array formula, so POI keeps only its top-left value; here the anchor's formula
 * is computed again as a whole array with the evaluator of the evaluation in progress. A1 holding a
 * formula that does not spill is itself (one cell); A1 holding no formula is #REF!, as in Excel.
 */
final class SpillReferences implements FreeRefFunction {

    static final SpillReferences INSTANCE = new SpillReferences();
    private static final ThreadLocal<FormulaEvaluator> EVALUATOR = new ThreadLocal<>();
    private static final ThreadLocal<EvaluationWorkbook> BOOK = new ThreadLocal<>();

    private SpillReferences() {
    }

    /** Runs {@code work} with {@code evaluator} as the one spill references compute their anchors with. */
    static void with(FormulaEvaluator evaluator, EvaluationWorkbook book, Runnable work) {
        FormulaEvaluator before = EVALUATOR.get();
        EvaluationWorkbook bookBefore = BOOK.get();
        EVALUATOR.set(evaluator);
        BOOK.set(book);
        try {
            work.run();
        } finally {
            EVALUATOR.set(before);
            BOOK.set(bookBefore);
        }
    }

    /** The workbook of the evaluation in progress on this thread, or null. */
    static EvaluationWorkbook book() {
        return BOOK.get();
    }

    @Override
    public ValueEval evaluate(ValueEval[] args, OperationEvaluationContext ec) {
        if (args.length != 1 || !(args[0] instanceof RefEval ref)) {
            return ErrorEval.REF_INVALID;
        }
        int sheetIndex = ref.getFirstSheetIndex();
        EvaluationSheet sheet = ec.getWorkbook().getSheet(sheetIndex);
        EvaluationCell anchor = sheet.getCell(ref.getRow(), ref.getColumn());
        if (anchor == null || anchor.getCellType() != CellType.FORMULA) {
            return ErrorEval.REF_INVALID;
        }
        if (!anchor.isPartOfArrayFormulaGroup()) {
            return ref;
        }
        if (!(EVALUATOR.get() instanceof BaseFormulaEvaluator evaluator)
                || !(ec.getWorkbook() instanceof FormulaRenderingWorkbook rendering)) {
            throw new IllegalStateException("a spill reference (A1#) is computed only within a workbook's evaluation");
        }
        CellRangeAddress array = anchor.getArrayFormulaRange();
        if (array.getFirstRow() != ref.getRow() || array.getFirstColumn() != ref.getColumn()) {
            return ErrorEval.REF_INVALID; // inside another array: no anchor
        }
        String sheetName = ec.getWorkbook().getSheetName(sheetIndex);
        String formula = FormulaRenderer.toFormulaString(rendering, ec.getWorkbook().getFormulaTokens(anchor));
        return evaluator._getWorkbookEvaluator().evaluateList(formula,
                new CellReference(sheetName, ref.getRow(), ref.getColumn(), false, false), array);
    }
}
