package dev.sheetsmith.ports.out;

import java.util.function.Supplier;

/** Server-wide settings that must be the same on every replica (e.g. the download-link secret). */
public interface SettingsStore {

    /** The stored value, or {@code initial}'s value stored now; every replica gets the same one. */
    String getOrCreate(String name, Supplier<String> initial);
}
