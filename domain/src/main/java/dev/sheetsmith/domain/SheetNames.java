package dev.sheetsmith.domain;

import java.util.Locale;

/** Excel's rules for sheet names, checked before anything is written. */
public final class SheetNames {

    public static final int MAX_LENGTH = 31;
    private static final String FORBIDDEN = ":\\/?*[]";

    private SheetNames() {
    }

    public static String requireValid(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("a sheet name must not be empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidInputException("sheet name '" + name + "' has " + name.length()
                    + " characters; Excel allows at most " + MAX_LENGTH);
        }
        ExcelText.requireStorable(name, "sheet name '" + name + "'");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                throw new InvalidInputException("sheet name '" + name + "' contains the control character "
                        + printable(c) + ", which a sheet name cannot hold");
            }
            if (FORBIDDEN.indexOf(c) >= 0) {
                throw new InvalidInputException("sheet name '" + name + "' contains '" + printable(c)
                        + "'; Excel does not allow any of : \\ / ? * [ ] in a sheet name");
            }
        }
        if (name.startsWith("'") || name.endsWith("'")) {
            throw new InvalidInputException("sheet name '" + name + "' starts or ends with an apostrophe, which Excel refuses");
        }
        if (name.toLowerCase(Locale.ROOT).equals("history")) {
            throw new InvalidInputException("sheet name '" + name + "' is reserved by Excel");
        }
        return name;
    }

    private static String printable(char c) {
        return Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
