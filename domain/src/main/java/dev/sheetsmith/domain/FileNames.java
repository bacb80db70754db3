package dev.sheetsmith.domain;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Turns the name an assistant asked for into a safe file name: no path, no characters that
 * browsers, shells or file systems trip over, the format's extension at the end.
 */
public final class FileNames {

    public static final int MAX_LENGTH = 120;

    private FileNames() {
    }

    public static String sanitize(String requested, String extension) {
        if (requested == null || requested.isBlank()) {
            throw new InvalidInputException("filename must not be empty");
        }
        String name = Normalizer.normalize(requested.strip(), Normalizer.Form.NFC);
        // Keep only the last path segment: a name is never a path.
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        StringBuilder clean = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || "<>:\"|?*".indexOf(c) >= 0) {
                clean.append('_');
            } else {
                clean.append(c);
            }
        }
        String base = clean.toString().strip();
        String dotExt = "." + extension.toLowerCase(Locale.ROOT);
        if (base.toLowerCase(Locale.ROOT).endsWith(dotExt)) {
            base = base.substring(0, base.length() - dotExt.length());
        }
        base = base.replaceAll("^[.\\s]+|[.\\s]+$", "");
        if (base.isEmpty()) {
            throw new InvalidInputException("filename '" + requested + "' has no usable characters; give a name such as 'report"
                    + dotExt + "'");
        }
        if (base.length() > MAX_LENGTH - dotExt.length()) {
            int end = MAX_LENGTH - dotExt.length();
            // never cut a character in two (an emoji is two UTF-16 units)
            if (Character.isHighSurrogate(base.charAt(end - 1))) {
                end--;
            }
            base = base.substring(0, end).strip();
        }
        return base + dotExt;
    }

    /** The n-th alternative for a name that is taken: "report.xlsx" becomes "report (2).xlsx". */
    public static String numbered(String name, int n) {
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        return base + " (" + n + ")" + ext;
    }
}
