package dev.sheetsmith.engine.xlsx.poi;

import dev.sheetsmith.domain.Formulas;
import dev.sheetsmith.domain.InvalidInputException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.formula.ptg.AbstractFunctionPtg;
import org.apache.poi.ss.formula.ptg.Area3DPxg;
import org.apache.poi.ss.formula.ptg.AttrPtg;
import org.apache.poi.ss.formula.ptg.ConcatPtg;
import org.apache.poi.ss.formula.ptg.ControlPtg;
import org.apache.poi.ss.formula.ptg.MemAreaPtg;
import org.apache.poi.ss.formula.ptg.MemFuncPtg;
import org.apache.poi.ss.formula.ptg.NameXPxg;
import org.apache.poi.ss.formula.ptg.OperationPtg;
import org.apache.poi.ss.formula.ptg.Ptg;
import org.apache.poi.ss.formula.ptg.Ref3DPxg;
import org.apache.poi.ss.formula.ptg.StringPtg;

/**
 * Applies the domain's formula policy ({@link Formulas}) to a formula as POI parsed it, so that
 * the rules see what Excel will run: which names are functions (text inside quotes is never
 * one), which argument of HYPERLINK or INDIRECT is a literal and which is computed, and whether
 * a reference points into another workbook.
 */
public final class FormulaPolicy {

    /** A function call or operator with its operands, rebuilt from POI's reverse Polish tokens. */
    private record Node(Ptg token, List<Node> operands) {
    }

    private FormulaPolicy() {
    }

    public static void check(Ptg[] tokens, String where) {
        for (Ptg token : tokens) {
            if (token instanceof NameXPxg name) {
                if (name.getExternalWorkbookNumber() > 0) {
                    throw external(where);
                }
                Formulas.requireSafeFunction(name.getNameName(), where);
            } else if (token instanceof AbstractFunctionPtg function && !function.isExternalFunction()) {
                Formulas.requireSafeFunction(function.getName(), where);
            } else if (token instanceof Ref3DPxg ref && ref.getExternalWorkbookNumber() > 0
                    || token instanceof Area3DPxg area && area.getExternalWorkbookNumber() > 0) {
                throw external(where);
            }
        }
        Node root = tree(tokens);
        if (root == null) {
            // Not a shape this check knows: links and indirect references in it cannot be told apart.
            for (Ptg token : tokens) {
                if (token instanceof AbstractFunctionPtg f && (isFunction(f, "HYPERLINK") || isFunction(f, "INDIRECT"))) {
                    throw new InvalidInputException(where + ": this formula's HYPERLINK or INDIRECT could not be"
                            + " checked; write it more simply");
                }
            }
            return;
        }
        visit(root, where);
    }

    private static void visit(Node node, String where) {
        if (node.token() instanceof AbstractFunctionPtg f && !node.operands().isEmpty()) {
            if (isFunction(f, "HYPERLINK")) {
                link(node.operands().get(0), where);
            } else if (isFunction(f, "INDIRECT")) {
                for (String literal : literals(node.operands().get(0), new ArrayList<>())) {
                    Formulas.requireSafeReferenceText(literal, where);
                }
            }
        }
        for (Node operand : node.operands()) {
            visit(operand, where);
        }
    }

    /** The target must be a safe literal, or computed text that starts with a safe literal. */
    private static void link(Node target, String where) {
        if (target.token() instanceof StringPtg literal) {
            Formulas.requireSafeLink(literal.getValue(), where);
            return;
        }
        Node first = target;
        while (first.token() instanceof ConcatPtg) {
            first = first.operands().get(0);
        }
        if (first != target && first.token() instanceof StringPtg literal && Formulas.isSafeLinkStart(literal.getValue())) {
            return;
        }
        throw new InvalidInputException(where + ": HYPERLINK's address is computed, so it cannot be checked; write"
                + " the address in the formula, or start it with a literal \"https://\", \"http://\", \"mailto:\" or"
                + " \"#\" (a place in this workbook), e.g. HYPERLINK(\"https://example.com/?q=\"&A1)");
    }

    private static List<String> literals(Node node, List<String> out) {
        if (node.token() instanceof StringPtg literal) {
            out.add(literal.getValue());
        }
        for (Node operand : node.operands()) {
            literals(operand, out);
        }
        return out;
    }

    private static boolean isFunction(AbstractFunctionPtg f, String name) {
        return !f.isExternalFunction() && name.equals(f.getName().toUpperCase(Locale.ROOT));
    }

    /** The expression tree of the tokens; null when they do not make one (a shape not handled here). */
    private static Node tree(Ptg[] tokens) {
        Deque<Node> stack = new ArrayDeque<>();
        for (Ptg token : tokens) {
            int operands;
            if (token instanceof AttrPtg attr) {
                if (!attr.isSum()) {
                    continue; // IF/CHOOSE jumps and spaces do not change the operands
                }
                operands = 1; // SUM of one argument
            } else if (token instanceof ControlPtg || token instanceof MemAreaPtg || token instanceof MemFuncPtg) {
                continue; // parentheses and markers around a reference expression
            } else if (token instanceof OperationPtg operation) {
                operands = operation.getNumberOfOperands();
            } else {
                operands = 0;
            }
            if (stack.size() < operands) {
                return null;
            }
            Node[] popped = new Node[operands];
            for (int i = operands - 1; i >= 0; i--) {
                popped[i] = stack.pop();
            }
            stack.push(new Node(token, List.of(popped)));
        }
        return stack.size() == 1 ? stack.pop() : null;
    }

    /**
     * Whether Excel 365 evaluates the formula as an array where Excel 2007 would take one value of a
     * range (implicit intersection): a range under an operator ({@code C2:C11*2}, {@code A1:A9>5}), a
     * range where a function expects one value ({@code IF(A1:A9>5,...)}, {@code LEN(A1:A9)}), or a
     * formula that is a range. Excel stores such formulas as array formulas (with its
     * dynamic-array mark), so every program computes them alike.
     */
    /** Functions whose answer is an array (they spill in Excel 365). */
    private static final java.util.Set<String> ARRAY_FUNCTIONS = java.util.Set.of("SORT", "SORTBY", "FILTER", "UNIQUE",
            "SEQUENCE", "RANDARRAY", "ANCHORARRAY", "TOCOL", "TOROW", "CHOOSECOLS", "CHOOSEROWS", "DROP", "TAKE",
            "EXPAND", "HSTACK", "VSTACK", "WRAPCOLS", "WRAPROWS", "TEXTSPLIT", "MAKEARRAY", "MAP", "SCAN", "BYROW",
            "BYCOL", "TRANSPOSE", "MUNIT", "FREQUENCY", "GROUPBY", "PIVOTBY", "TRIMRANGE");

    public static boolean evaluatesAsArray(Ptg[] tokens) {
        for (Ptg token : tokens) {
            if (token instanceof NameXPxg name && ARRAY_FUNCTIONS.contains(
                    name.getNameName().toUpperCase(Locale.ROOT).replaceFirst("^(_XLFN\\.|_XLWS\\.)+", ""))) {
                return true;
            }
            if (token instanceof AbstractFunctionPtg f && !f.isExternalFunction()
                    && ARRAY_FUNCTIONS.contains(f.getName().toUpperCase(Locale.ROOT))) {
                return true;
            }
        }
        Node root = tree(tokens);
        if (root == null) {
            return false;
        }
        if (isRange(root)) {
            return true;
        }
        return arrayUse(root);
    }

    private static boolean arrayUse(Node node) {
        List<Node> operands = node.operands();
        for (int i = 0; i < operands.size(); i++) {
            Node operand = operands.get(i);
            if (wholeLineOfIndex(node, i, operand)) {
                return true;
            }
            if (isRange(operand) || producesArray(operand)) {
                if (node.token() instanceof org.apache.poi.ss.formula.ptg.ValueOperatorPtg) {
                    return true;
                }
                if (node.token() instanceof AbstractFunctionPtg f && !f.isExternalFunction()
                        && f.getParameterClass(i) == Ptg.CLASS_VALUE) {
                    return true;
                }
            }
            if (arrayUse(operand)) {
                return true;
            }
        }
        return false;
    }

    /** INDEX(range, 0, ...) or INDEX(range, n, 0): a whole column or row of the range, which Excel 365 spills. */
    private static boolean wholeLineOfIndex(Node node, int i, Node operand) {
        return (i == 1 || i == 2) && node.token() instanceof AbstractFunctionPtg f && !f.isExternalFunction()
                && "INDEX".equals(f.getName()) && operand.token() instanceof org.apache.poi.ss.formula.ptg.IntPtg zero
                && zero.getValue() == 0 && isRange(node.operands().get(0));
    }

    /** A reference to more than one cell (a table's [#This Row] reference is one cell). */
    private static boolean isRange(Node node) {
        return node.token() instanceof org.apache.poi.ss.formula.ptg.AreaI area
                && (area.getFirstRow() != area.getLastRow() || area.getFirstColumn() != area.getLastColumn());
    }

    /** An operator over a range makes an array: C2:C11*1 under another operator or function. */
    private static boolean producesArray(Node node) {
        if (node.token() instanceof org.apache.poi.ss.formula.ptg.ValueOperatorPtg) {
            for (Node operand : node.operands()) {
                if (isRange(operand) || producesArray(operand)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static InvalidInputException external(String where) {
        return new InvalidInputException(where + ": references to other workbooks or files are not allowed");
    }
}
