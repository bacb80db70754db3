package dev.sheetsmith.server;

import dev.sheetsmith.domain.Role;
import java.util.List;

/** What the keys command does, whichever way it reaches the keys: the database itself, or the running server. */
interface KeyAdmin {

    CreatedKey create(String owner, Role role, boolean gateway);

    List<KeyRow> list();

    /** @throws IllegalArgumentException when there is no active key with that id */
    void revoke(String id);

    /** Gives every file of {@code from} to {@code to}; names {@code to} already uses get " (2)". */
    List<MovedFile> giveFiles(String from, String to);

    record KeyRow(String id, String owner, String role, boolean gateway, boolean active, String created,
            String lastUsed) {
    }

    record CreatedKey(KeyRow key, String secret) {
    }

    record MovedFile(String id, String previousName, String name) {
    }
}
