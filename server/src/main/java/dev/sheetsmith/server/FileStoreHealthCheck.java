package dev.sheetsmith.server;

import com.codahale.metrics.health.HealthCheck;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/** Healthy while the file store answers: the folder is writable, or the bucket responds. */
final class FileStoreHealthCheck extends HealthCheck {

    private final BooleanSupplier healthy;
    private final String problem;

    FileStoreHealthCheck(BooleanSupplier healthy, String problem) {
        this.healthy = Objects.requireNonNull(healthy, "healthy");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    @Override
    protected Result check() {
        return healthy.getAsBoolean() ? Result.healthy() : Result.unhealthy(problem);
    }
}
