package dev.sheetsmith.adapters.http.auth;

import dev.sheetsmith.adapters.http.RequestOwners;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import java.util.List;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;

/**
 * What Jersey needs for {@code @RolesAllowed}, {@code @PermitAll} and {@code @Auth KeyHolder} on
 * the REST routes: the server registers each of these (so do resource tests).
 */
public final class KeyAuth {

    private KeyAuth() {
    }

    public static List<Object> providers(RequestOwners owners) {
        return List.of(new AuthDynamicFeature(new KeyAuthFilter(owners)), RolesAllowedDynamicFeature.class,
                new AuthValueFactoryProvider.Binder<>(KeyHolder.class));
    }
}
