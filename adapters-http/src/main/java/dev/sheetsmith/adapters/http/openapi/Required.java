package dev.sheetsmith.adapters.http.openapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A request body field the document lists as required. Not Jackson's {@code required}, which would
 * refuse a body without it before the resource could say, in its own words, what is missing.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Required {
}
