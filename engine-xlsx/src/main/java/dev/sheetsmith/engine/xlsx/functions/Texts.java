package dev.sheetsmith.engine.xlsx.functions;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.formula.eval.EvaluationException;
import org.apache.poi.ss.formula.eval.NumberEval;
import org.apache.poi.ss.formula.eval.ValueEval;

/** SEARCH as Excel defines it: case-insensitive, with the wildcards ? and * and ~ to escape them. */
final class Texts {

    private Texts() {
    }

    static ValueEval search(Args a) throws EvaluationException {
        String find = a.text(0);
        String within = a.text(1);
        int start = a.integer(2, 1);
        if (start < 1 || start > within.length() + (find.isEmpty() ? 1 : 0)) {
            throw Args.value();
        }
        if (find.isEmpty()) {
            return new NumberEval(start);
        }
        Matcher m = wildcards(find).matcher(within);
        if (!m.find(start - 1)) {
            throw Args.value();
        }
        return new NumberEval(m.start() + 1);
    }

    /** Excel's wildcard pattern as a regular expression: ? one character, * any run, ~x the character x. */
    static Pattern wildcards(String pattern) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '~' && i + 1 < pattern.length() && "?*~".indexOf(pattern.charAt(i + 1)) >= 0) {
                re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '?') {
                re.append('.');
            } else if (c == '*') {
                re.append(".*?");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

}
