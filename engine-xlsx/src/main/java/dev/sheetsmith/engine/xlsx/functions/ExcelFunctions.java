package dev.sheetsmith.engine.xlsx.functions;

import org.apache.poi.ss.formula.atp.AnalysisToolPak;
import org.apache.poi.ss.formula.eval.ErrorEval;
import org.apache.poi.ss.formula.function.FunctionMetadata;
import org.apache.poi.ss.formula.function.FunctionMetadataRegistry;
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

    /**
     * Runs an evaluation with {@code evaluator}: spill references (A1#) compute their anchor's whole
     * array with it.
     */
    public static void evaluating(org.apache.poi.ss.usermodel.Workbook wb,
            org.apache.poi.ss.usermodel.FormulaEvaluator evaluator, Runnable work) {
        org.apache.poi.ss.formula.EvaluationWorkbook book = wb instanceof org.apache.poi.xssf.usermodel.XSSFWorkbook x
                ? org.apache.poi.xssf.usermodel.XSSFEvaluationWorkbook.create(x) : null;
        SpillReferences.with(evaluator, book, work);
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
        replace("IPMT", 4, 6, Annuities::ipmt);
        replace("PPMT", 4, 6, Annuities::ppmt);
        replace("SEARCH", 2, 3, Texts::search);
        replace("POWER", 2, 2, Corrections::power);
        replace("LOG", 1, 2, Corrections::log);
        replace("NPV", 2, 255, Corrections::npv);
        replace("CODE", 1, 1, Corrections::code);
        replace("ROWS", 1, 1, Corrections::rows);
        replace("COLUMNS", 1, 1, Corrections::columns);
        replace("COUNT", 1, 255, Corrections::count);
        replace("CORREL", 2, 2, Corrections::correl);
        replace("RATE", 3, 6, Corrections::rate);
        wrap("SUBTOTAL", poi -> (args, row, column) -> SpillReferences.book() == null ? poi.evaluate(args, row, column)
                : Aggregate.subtotal(args, row, column, SpillReferences.book()));
        toolPak("STDEV.S", poi -> freeRef(1, 255, ToolPakCorrections::stdevS));
        toolPak("DOLLARDE", poi -> freeRef(2, 2, ToolPakCorrections::dollarde));
        toolPak("DOLLARFR", poi -> freeRef(2, 2, ToolPakCorrections::dollarfr));
        toolPak("NORM.S.DIST", poi -> freeRef(1, 2, ToolPakCorrections::normSDist));
        toolPak("NETWORKDAYS", poi -> freeRef(2, 3, ToolPakCorrections::networkdays));
        toolPak("WORKDAY.INTL", poi -> freeRef(2, 4, ToolPakCorrections::workdayIntl));
        toolPak("WEEKNUM", poi -> freeRef(1, 2, ToolPakCorrections::weeknum));
        toolPak("FLOOR.MATH", poi -> freeRef(1, 3, ToolPakCorrections::floorMath));
        toolPak("CEILING.MATH", poi -> freeRef(1, 3, ToolPakCorrections::ceilingMath));
        toolPak("XLOOKUP", poi -> (args, ec) -> args.length >= 3 && !ToolPakCorrections.xlookupShapesAgree(args[1], args[2])
                ? ErrorEval.VALUE_INVALID : poi.evaluate(args, ec));
        wrap("COUNTIF", poi -> (args, row, column) -> Criteria.wrap(poi, 1, true, args, row, column));
        wrap("SUMIF", poi -> (args, row, column) -> Criteria.wrap(poi, 1, false, args, row, column));
        wrap("DATE", poi -> (args, row, column) -> DateTexts.date(poi, args, row, column));
        wrap("VALUE", poi -> (args, row, column) -> DateTexts.dateText(poi, args, row, column));
        for (String part : new String[] {"YEAR", "MONTH", "DAY"}) {
            wrap(part, poi -> (args, row, column) -> DateTexts.dateText(poi, args, row, column));
        }
        builtIn("N", 1, 1, Information::n);
        builtIn("TYPE", 1, 1, Information::type);
        builtIn("PERMUT", 2, 2, Statistics::permut);
        builtIn("QUARTILE", 2, 2, Statistics::quartileInc);
        builtIn("HARMEAN", 1, 255, Statistics::harmean);
        builtIn("SKEW", 1, 255, Statistics::skew);
        builtIn("KURT", 1, 255, Statistics::kurt);
        builtIn("ISPMT", 4, 4, Annuities::ispmt);
        analysisToolPak("CUMIPMT", 6, 6, Annuities::cumipmt);
        analysisToolPak("CUMPRINC", 6, 6, Annuities::cumprinc);
        analysisToolPak("EFFECT", 2, 2, Annuities::effect);
        analysisToolPak("NOMINAL", 2, 2, Annuities::nominal);
        analysisToolPak("FVSCHEDULE", 2, 2, Annuities::fvschedule);
        analysisToolPak("XNPV", 3, 3, Annuities::xnpv);
        analysisToolPak("XIRR", 2, 3, Annuities::xirr);
        // Functions since Excel 2010 that are neither in POI's function table nor in its Analysis
        // ToolPak: POI parses them as user-defined functions (the file's _xlfn. name) and looks them
        // up in the default finder every workbook consults
        newer("AGGREGATE", Aggregate.INSTANCE);
        newer("MODE.SNGL", freeRef(1, 255, Statistics::modeSngl));
        newer("RANK.EQ", freeRef(2, 3, Statistics::rankEq));
        newer("RANK.AVG", freeRef(2, 3, Statistics::rankAvg));
        newer("PERCENTILE.INC", freeRef(2, 2, Statistics::percentileInc));
        newer("PERCENTILE.EXC", freeRef(2, 2, Statistics::percentileExc));
        newer("QUARTILE.INC", freeRef(2, 2, Statistics::quartileInc));
        newer("QUARTILE.EXC", freeRef(2, 2, Statistics::quartileExc));
        newer("BINOM.DIST", freeRef(4, 4, Statistics::binomDist));
        newer("EXPON.DIST", freeRef(3, 3, Statistics::exponDist));
        newer("CONFIDENCE.NORM", freeRef(3, 3, Statistics::confidenceNorm));
        newer("PDURATION", freeRef(3, 3, Annuities::pduration));
        newer("RRI", freeRef(3, 3, Annuities::rri));
        newer("XOR", freeRef(1, 254, Information::xor));
        newer("UNICHAR", freeRef(1, 1, Information::unichar));
        newer("UNICODE", freeRef(1, 1, Information::unicode));
        newer("ISOWEEKNUM", freeRef(1, 1, Information::isoweeknum));
        newer("NETWORKDAYS.INTL", freeRef(2, 4, Information::networkdaysIntl));
        newer("SEQUENCE", freeRef(1, 4, ArrayFunctions::sequence));
        newer("SORT", freeRef(1, 4, ArrayFunctions::sort));
        newer("_xlws.SORT", freeRef(1, 4, ArrayFunctions::sort));
        newer("SORTBY", freeRef(2, 253, ArrayFunctions::sortby));
        newer("UNIQUE", freeRef(1, 3, ArrayFunctions::unique));
        newer("FILTER", freeRef(2, 3, ArrayFunctions::filter));
        newer("_xlws.FILTER", freeRef(2, 3, ArrayFunctions::filter));
        newer("CHOOSECOLS", freeRef(2, 254, ArrayFunctions::chooseCols));
        newer("CHOOSEROWS", freeRef(2, 254, ArrayFunctions::chooseRows));
        newer("TAKE", freeRef(2, 3, ArrayFunctions::take));
        newer("DROP", freeRef(2, 3, ArrayFunctions::drop));
        newer("VSTACK", freeRef(1, 254, ArrayFunctions::vstack));
        newer("HSTACK", freeRef(1, 254, ArrayFunctions::hstack));
        newer("ANCHORARRAY", SpillReferences.INSTANCE);
        ((AggregatingUDFFinder) AggregatingUDFFinder.DEFAULT).add(new DefaultUDFFinder(
                NEWER_NAMES.toArray(String[]::new), NEWER.toArray(FreeRefFunction[]::new)));
    }

    private static final java.util.List<String> NEWER_NAMES = new java.util.ArrayList<>();
    private static final java.util.List<FreeRefFunction> NEWER = new java.util.ArrayList<>();

    /** A function Excel stores with the _xlfn. prefix: found by its stored and its plain name. */
    private static void newer(String name, FreeRefFunction f) {
        for (String n : new String[] {name, "_xlfn." + name}) {
            NEWER_NAMES.add(n);
            NEWER.add(f);
        }
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

    /**
     * Puts ours in place of a function POI computes differently from Excel. POI's registerFunction
     * refuses names it implements, and its evaluator looks built-in functions up only in
     * FunctionEval's table, so the table's entry is replaced (once, at registration). Rewriting the
     * formula text for evaluation instead would need a second parse of every formula and a shadow
     * name that must never reach the file; a custom UDF finder is never asked for built-ins.
     */
    private static void replace(String name, int min, int max, Body body) {
        wrap(name, poi -> (args, row, column) -> run(min, max, body, args, row, column));
    }

    /** As {@link #replace}, with ours made from POI's own function (to correct only some of its answers). */
    private static void wrap(String name, java.util.function.UnaryOperator<Function> ours) {
        FunctionMetadata meta = FunctionMetadataRegistry.getFunctionByName(name);
        if (meta == null) {
            throw new IllegalStateException("POI has no built-in function " + name);
        }
        try {
            java.lang.reflect.Field table = FunctionEval.class.getDeclaredField("functions");
            table.setAccessible(true);
            Function[] functions = (Function[]) table.get(null);
            functions[meta.getIndex()] = ours.apply(functions[meta.getIndex()]);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // a POI without the table as we know it: its own implementation stays, and the golden test shows it
            System.getLogger(ExcelFunctions.class.getName()).log(System.Logger.Level.WARNING,
                    "could not replace POI's " + name + ": " + e);
        }
    }

    /**
     * As {@link #replace}, for a function of POI's Analysis ToolPak: its table of functions by name
     * is consulted before any finder we add, and its registerFunction refuses names it implements.
     */
    @SuppressWarnings("unchecked")
    private static void toolPak(String name, java.util.function.UnaryOperator<FreeRefFunction> ours) {
        try {
            java.lang.reflect.Field table = AnalysisToolPak.class.getDeclaredField("_functionsByName");
            table.setAccessible(true);
            java.util.Map<String, FreeRefFunction> functions = (java.util.Map<String, FreeRefFunction>) table.get(
                    AnalysisToolPak.instance);
            FreeRefFunction poi = functions.get(name);
            if (poi != null) {
                functions.put(name, ours.apply(poi));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.getLogger(ExcelFunctions.class.getName()).log(System.Logger.Level.WARNING,
                    "could not replace POI's " + name + ": " + e);
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
