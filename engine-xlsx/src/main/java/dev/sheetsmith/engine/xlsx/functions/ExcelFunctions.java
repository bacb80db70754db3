package dev.sheetsmith.engine.xlsx.functions;

import org.apache.poi.ss.formula.atp.AnalysisToolPak;
import org.apache.poi.ss.formula.eval.ErrorEval;
import org.apache.poi.ss.formula.eval.EvaluationException;
import org.apache.poi.ss.formula.eval.FunctionEval;
import org.apache.poi.ss.formula.eval.ValueEval;
import org.apache.poi.ss.formula.functions.FreeRefFunction;
import org.apache.poi.ss.formula.functions.Function;
import org.apache.poi.ss.formula.udf.AggregatingUDFFinder;
import org.apache.poi.ss.formula.udf.DefaultUDFFinder;

/**
 * Excel functions POI parses but does not compute, written from Excel's documented definitions
 * and registered with POI's evaluator. POI keeps one registry per JVM, so this registers once
 * (the first call loads {@link Registration}, whose initialiser the JVM runs exactly once). A
 * function a later POI computes itself is left to POI; the golden test then shows whether it agrees.
 */
public final class ExcelFunctions {

    private ExcelFunctions() {
    }

    /** One function's computation over its arguments; an EvaluationException carries Excel's error. */
    @FunctionalInterface
    interface Body {
        ValueEval apply(Args args) throws EvaluationException;
    }

    /** Registers every function of this package with POI; later calls do nothing. */
    public static void registerOnce() {
        Registration.ensure();
    }

    private static final class Registration {
        static {
            register();
        }

        static void ensure() {
            // loading this class has registered the functions
        }
    }

    private static void register() {
        analysisToolPak("COUPDAYBS", 3, 4, Coupons::coupdaybs);
        analysisToolPak("COUPDAYS", 3, 4, Coupons::coupdays);
        analysisToolPak("COUPDAYSNC", 3, 4, Coupons::coupdaysnc);
        analysisToolPak("COUPNCD", 3, 4, Coupons::coupncd);
        analysisToolPak("COUPPCD", 3, 4, Coupons::couppcd);
        analysisToolPak("COUPNUM", 3, 4, Coupons::coupnum);
        analysisToolPak("PRICE", 6, 7, Bonds::price);
        analysisToolPak("YIELD", 6, 7, Bonds::yield);
        analysisToolPak("DURATION", 5, 6, Bonds::duration);
        analysisToolPak("MDURATION", 5, 6, Bonds::mduration);
        analysisToolPak("DISC", 4, 5, DiscountSecurities::disc);
        analysisToolPak("PRICEDISC", 4, 5, DiscountSecurities::pricedisc);
        analysisToolPak("YIELDDISC", 4, 5, DiscountSecurities::yielddisc);
        analysisToolPak("INTRATE", 4, 5, DiscountSecurities::intrate);
        analysisToolPak("RECEIVED", 4, 5, DiscountSecurities::received);
        analysisToolPak("TBILLPRICE", 3, 3, TreasuryBills::tbillprice);
        analysisToolPak("TBILLYIELD", 3, 3, TreasuryBills::tbillyield);
        analysisToolPak("TBILLEQ", 3, 3, TreasuryBills::tbilleq);
        analysisToolPak("ACCRINT", 6, 8, InterestAtMaturity::accrint);
        analysisToolPak("ACCRINTM", 3, 5, InterestAtMaturity::accrintm);
        analysisToolPak("PRICEMAT", 5, 6, InterestAtMaturity::pricemat);
        analysisToolPak("YIELDMAT", 5, 6, InterestAtMaturity::yieldmat);
        builtIn("SLN", 3, 3, Depreciation::sln);
        builtIn("SYD", 4, 4, Depreciation::syd);
        builtIn("DB", 4, 5, Depreciation::db);
        builtIn("DDB", 4, 5, Depreciation::ddb);
        builtIn("VDB", 5, 7, Depreciation::vdb);
        builtIn("DATEDIF", 3, 3, DateDif::datedif);
        // AGGREGATE is no built-in of POI's function table nor of the Analysis ToolPak: POI parses it as
        // a user-defined function and looks it up in the default finder every workbook consults
        ((AggregatingUDFFinder) AggregatingUDFFinder.DEFAULT).add(new DefaultUDFFinder(
                new String[] {"AGGREGATE", "_xlfn.AGGREGATE"}, new FreeRefFunction[] {Aggregate.INSTANCE, Aggregate.INSTANCE}));
    }

    private static void analysisToolPak(String name, int min, int max, Body body) {
        if (AnalysisToolPak.getNotSupportedFunctionNames().contains(name)) {
            AnalysisToolPak.registerFunction(name, freeRef(min, max, body));
        }
    }

    private static void builtIn(String name, int min, int max, Body body) {
        if (FunctionEval.getNotSupportedFunctionNames().contains(name)) {
            FunctionEval.registerFunction(name, (Function) (args, row, column) -> run(min, max, body, args, row, column));
        }
    }

    static FreeRefFunction freeRef(int min, int max, Body body) {
        return (args, ec) -> run(min, max, body, args, ec.getRowIndex(), ec.getColumnIndex());
    }

    private static ValueEval run(int min, int max, Body body, ValueEval[] args, int row, int column) {
        if (args.length < min || args.length > max) {
            return ErrorEval.VALUE_INVALID;
        }
        try {
            return body.apply(new Args(args, row, column));
        } catch (EvaluationException e) {
            return e.getErrorEval();
        }
    }
}
