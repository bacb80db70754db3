package dev.sheetsmith.adapters.http.tools;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Errors in the caller's words. The domain and the ports name their own fields ('maxCells',
 * 'refersTo'); a tool's definition says which argument each is, and the Excel Tools names say which
 * of theirs each of our arguments is ('file' is their 'filename').
 */
final class ArgumentNames {

    /** A quoted name: 'x', 'x.y' or the start of 'x[0]'. */
    private static final Pattern QUOTED_NAME = Pattern.compile("'([A-Za-z_]+(?:\\.[A-Za-z_]+)?)([\\['])");

    private ArgumentNames() {
    }

    /** {@code text} with every quoted name that {@code names} maps replaced by what it maps to. */
    static String renamed(String text, Map<String, String> names) {
        if (names.isEmpty() || text == null) {
            return text;
        }
        Matcher m = QUOTED_NAME.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String theirs = names.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(theirs == null ? m.group() : "'" + theirs + m.group(2)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
