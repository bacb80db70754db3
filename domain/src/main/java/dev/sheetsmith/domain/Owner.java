package dev.sheetsmith.domain;

/** Whoever a session or a file belongs to. An owner sees only its own. */
public record Owner(String id) {

    /** The single owner of a server that runs without API keys (bound to loopback only). */
    public static final Owner LOCAL = new Owner("local");

    public Owner {
        if (id == null || id.isBlank() || id.length() > 200) {
            throw new IllegalArgumentException("an owner id is 1 to 200 characters");
        }
    }
}
