package dev.sheetsmith.adapters.http.openapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The OpenAPI tag of a resource's operations and the description they share ({@link ResourcePaths}
 * reads it). Such operations get no operationId: Open-WebUI makes a tool of every operation that has
 * one, and these are for operators, not for the model.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Tag {

    String name();

    String description();
}
