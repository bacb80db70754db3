package dev.sheetsmith.adapters.http.openapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The one-line summary of a REST operation in /openapi.json ({@link ResourcePaths} reads it). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Summary {

    String value();
}
