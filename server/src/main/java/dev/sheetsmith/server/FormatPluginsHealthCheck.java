package dev.sheetsmith.server;

import com.codahale.metrics.health.HealthCheck;
import java.util.Map;

/** Lists the loaded format plugins and where each came from; unhealthy if xlsx is missing. */
final class FormatPluginsHealthCheck extends HealthCheck {

    private final Map<String, String> sources;

    FormatPluginsHealthCheck(Map<String, String> sources) {
        this.sources = Map.copyOf(sources);
    }

    @Override
    protected Result check() {
        ResultBuilder result = sources.containsKey("xlsx") ? Result.builder().healthy()
                : Result.builder().unhealthy().withMessage("the built-in xlsx format is missing");
        sources.forEach(result::withDetail);
        return result.build();
    }
}
