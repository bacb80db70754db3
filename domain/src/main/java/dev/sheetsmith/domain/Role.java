package dev.sheetsmith.domain;

import java.util.Locale;

/** What an API key may do: a user works with its own files; an admin also runs the server. */
public enum Role {
    USER, ADMIN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role of(String id) {
        for (Role role : values()) {
            if (role.id().equals(id)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + id + "'; roles are user and admin");
    }
}
