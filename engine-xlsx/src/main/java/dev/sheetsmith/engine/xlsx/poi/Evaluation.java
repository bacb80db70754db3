package dev.sheetsmith.engine.xlsx.poi;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.poi.ss.formula.eval.ErrorEval;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.CellValue;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.util.LocaleUtil;

/**
 * POI's formula evaluation, bounded. POI evaluates a formula by recursing into the cells it
 * refers to, so a chain of 2,000 running totals overflowed a request thread's stack; a circular
 * reference came back as the text {@code ~CIRCULAR~REF~}; and a slow workbook held the request.
 * Here the evaluation runs on its own daemon thread with a large stack, under a time budget, and
 * only reads the workbook (its answers are applied by the caller), so a stuck evaluation is left
 * behind without holding the request or the JVM's shutdown. Functions are computed as in Excel's
 * en-US settings (DOLLAR prints "$").
 */
public final class Evaluation {

    /** A thread's stack for evaluation: deep enough for chains of tens of thousands of cells. */
    static final long STACK_BYTES = 256L * 1024 * 1024;
    /** How long one call may spend computing a workbook's formulas. */
    public static final long BUDGET_MILLIS = Long.getLong("sheetsmith.formulas.budgetMillis", 30_000L);
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** What a cell computed to: a value, or why it has none. */
    public sealed interface Result {
    }

    public record Value(CellValue value) implements Result {
    }

    /** Part of a circular reference (Excel shows a warning and 0). */
    public record Circular() implements Result {
    }

    /** Not computed: a function POI lacks, a formula it cannot read, or the budget ran out. */
    public record NotComputed(String reason) implements Result {
    }

    private Evaluation() {
    }

    /** Evaluates the cells in order within the budget; a cell not reached is NotComputed. */
    public static Map<Cell, Result> evaluate(Workbook wb, List<Cell> cells) {
        return evaluate(wb, cells, BUDGET_MILLIS);
    }

    /** As {@link #evaluate(Workbook, List)}, with a budget of {@code budgetMillis}. */
    public static Map<Cell, Result> evaluate(Workbook wb, List<Cell> cells, long budgetMillis) {
        dev.sheetsmith.engine.xlsx.functions.ExcelFunctions.registerOnce();
        Map<Cell, Result> results = java.util.Collections.synchronizedMap(new IdentityHashMap<>());
        AtomicBoolean cancelled = new AtomicBoolean();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread worker = new Thread(null, () -> {
            try {
                LocaleUtil.setUserLocale(Locale.US);
                FormulaEvaluator evaluator = wb.getCreationHelper().createFormulaEvaluator();
                dev.sheetsmith.engine.xlsx.functions.ExcelFunctions.evaluating(wb, evaluator, () -> {
                    for (Cell cell : cells) {
                        if (cancelled.get()) {
                            break;
                        }
                        results.put(cell, one(evaluator, cell));
                    }
                });
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            } finally {
                LocaleUtil.resetUserLocale();
            }
        }, "formula-evaluation-" + THREADS.incrementAndGet(), STACK_BYTES);
        worker.setDaemon(true);
        worker.start();
        try {
            done.get(budgetMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            cancelled.set(true);
        } catch (InterruptedException e) {
            cancelled.set(true);
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            cancelled.set(true); // an unexpected failure: what was computed stands, the rest is listed
        }
        Map<Cell, Result> out = new IdentityHashMap<>();
        synchronized (results) {
            for (Cell cell : cells) {
                Result r = results.get(cell);
                out.put(cell, r != null ? r : new NotComputed("not computed within the " + budgetMillis
                        + " ms budget for formulas"));
            }
        }
        return out;
    }

    private static Result one(FormulaEvaluator evaluator, Cell cell) {
        try {
            CellValue value;
            try {
                value = negatedPower(evaluator, cell);
            } catch (NegatedPowers.Unfollowed e) {
                return new NotComputed(e.getMessage());
            }
            if (value == null) {
                value = evaluator.evaluate(cell);
            }
            if (value != null && value.getCellType() == CellType.ERROR
                    && value.getErrorValue() == (byte) ErrorEval.CIRCULAR_REF_ERROR.getErrorCode()) {
                return new Circular();
            }
            return value == null ? new NotComputed("no value") : new Value(value);
        } catch (StackOverflowError e) {
            evaluator.clearAllCachedResultValues();
            return new NotComputed("its references are nested too deeply to compute");
        } catch (RuntimeException e) {
            if (cell.getCellType() == CellType.FORMULA && LetFormulas.hasLet(cell.getCellFormula())) {
                try {
                    CellValue value = LetFormulas.evaluate(evaluator, cell);
                    if (value != null) {
                        return new Value(value);
                    }
                } catch (RuntimeException again) {
                    return new NotComputed(String.valueOf(again.getMessage()));
                }
            }
            return new NotComputed(String.valueOf(e.getMessage()));
        }
    }

    /** A formula that negates a power, computed in Excel's order ({@link NegatedPowers}); null for any other. */
    private static CellValue negatedPower(FormulaEvaluator evaluator, Cell cell) {
        if (cell.getCellType() != CellType.FORMULA || cell.isPartOfArrayFormulaGroup()
                || !(cell.getSheet().getWorkbook() instanceof org.apache.poi.xssf.usermodel.XSSFWorkbook wb)) {
            return null;
        }
        String excelOrder = NegatedPowers.inExcelsOrder(wb, wb.getSheetIndex(cell.getSheet()), cell.getCellFormula());
        return excelOrder == null ? null : LetFormulas.evaluateText(evaluator, cell, excelOrder);
    }

    /** The A1 addresses of the cells, with their sheets, for a message. */
    public static String where(List<Cell> cells) {
        List<String> names = new ArrayList<>();
        for (Cell cell : cells.subList(0, Math.min(cells.size(), 10))) {
            names.add("'" + cell.getSheet().getSheetName() + "'!" + cell.getAddress().formatAsString());
        }
        return String.join(", ", names) + (cells.size() > 10 ? " and " + (cells.size() - 10) + " more" : "");
    }
}
