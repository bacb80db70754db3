package dev.sheetsmith.adapters.http.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource whose errors keep Dropwizard's own shape, {@code {"code": 403, "message": "..."}}
 * (the download links, which a browser opens, answered that way before the API's {@code {"error"}}
 * existed; the shape is a public contract).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CodeMessageErrors {

    /** The body of an error on such a route. */
    record Body(int code, String message) {
    }
}
