package dev.sheetsmith.server;

import com.codahale.metrics.health.HealthCheck;
import dev.sheetsmith.adapters.libreoffice.LibreOfficeEngine;
import java.util.Objects;

/**
 * With libreoffice.enabled: healthy when soffice answers --version (so a missing or broken
 * LibreOffice shows on /healthcheck, not first on a user's pdf export).
 */
final class LibreOfficeHealthCheck extends HealthCheck {

    private final LibreOfficeEngine engine;

    LibreOfficeHealthCheck(LibreOfficeEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    @Override
    protected Result check() {
        try {
            return Result.healthy(engine.version());
        } catch (IllegalStateException e) {
            return Result.unhealthy(e.getMessage());
        }
    }
}
