package dev.sheetsmith.adapters.http.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The API's error body, {@code {"error": "what is wrong"}}, on every route but the download links. */
public record ErrorBody(String error) {

    public static Response response(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(message)).build();
    }
}
