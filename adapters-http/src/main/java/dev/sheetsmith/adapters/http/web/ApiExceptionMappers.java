package dev.sheetsmith.adapters.http.web;

import dev.sheetsmith.adapters.http.auth.CallerRefusedException;
import dev.sheetsmith.domain.AccessDeniedException;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.NotFoundException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Arrays;
import java.util.List;

/**
 * The one family of exception mappers of the REST routes: a domain or port exception becomes its
 * status and the route's JSON error body, so resources throw and never build error responses.
 * <ul>
 * <li>{@link InvalidInputException}, {@link IllegalArgumentException}: 400</li>
 * <li>{@link NotFoundException}: 404</li>
 * <li>{@link AccessDeniedException}: 403</li>
 * <li>{@link CallerRefusedException} (the key policy): its 401, with the Bearer challenge, or 403;
 * the connection is closed (the body was never read)</li>
 * <li>{@link ForbiddenException} from {@code @RolesAllowed}: 403 saying which key the route needs; the
 * connection is closed</li>
 * <li>{@link RequestGuardFilter.BodyTooLargeException}: 413, and the connection is closed</li>
 * </ul>
 * The body is {@code {"error"}}, or {@code {"code", "message"}} on a {@link CodeMessageErrors} route.
 */
public final class ApiExceptionMappers {

    static final String NOT_ADMIN = "Forbidden: this is the admin API and the key is not an admin key";

    private ApiExceptionMappers() {
    }

    /** Every mapper of the family, for the server (and resource tests) to register. */
    public static List<Object> all() {
        return List.of(new InvalidInput(), new IllegalArgument(), new NotFound(), new AccessDenied(),
                new CallerRefused(), new RoleRefused(), new BodyTooLarge());
    }

    /** Shared by the family: the status, the sentence, and the body shape the matched route speaks. */
    abstract static class Base<E extends Throwable> implements ExceptionMapper<E> {

        @Context
        private ResourceInfo resource;

        Response answer(int status, String message) {
            Class<?> matched = resource == null ? null : resource.getResourceClass();
            if (matched != null && matched.isAnnotationPresent(CodeMessageErrors.class)) {
                return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(new CodeMessageErrors.Body(status, message)).build();
            }
            return ErrorBody.response(status, message);
        }

        /** The answer to a request whose body was not read: the connection closes after it. */
        Response closing(Response answer) {
            return Response.fromResponse(answer).header("Connection", "close").build();
        }

        boolean adminOnly() {
            if (resource == null || resource.getResourceClass() == null) {
                return false;
            }
            RolesAllowed roles = resource.getResourceMethod() != null
                    && resource.getResourceMethod().isAnnotationPresent(RolesAllowed.class)
                            ? resource.getResourceMethod().getAnnotation(RolesAllowed.class)
                            : resource.getResourceClass().getAnnotation(RolesAllowed.class);
            return roles != null && Arrays.asList(roles.value()).contains("admin");
        }
    }

    static final class InvalidInput extends Base<InvalidInputException> {
        @Override
        public Response toResponse(InvalidInputException e) {
            return answer(400, e.getMessage());
        }
    }

    static final class IllegalArgument extends Base<IllegalArgumentException> {
        @Override
        public Response toResponse(IllegalArgumentException e) {
            return answer(400, e.getMessage());
        }
    }

    static final class NotFound extends Base<NotFoundException> {
        @Override
        public Response toResponse(NotFoundException e) {
            return answer(404, e.getMessage());
        }
    }

    static final class AccessDenied extends Base<AccessDeniedException> {
        @Override
        public Response toResponse(AccessDeniedException e) {
            return answer(403, e.getMessage());
        }
    }

    static final class CallerRefused extends Base<CallerRefusedException> {
        @Override
        public Response toResponse(CallerRefusedException e) {
            // refused before the body was read: the connection closes (as the route guard's refusals do), so a
            // client never sends its next request down a connection Jetty drops for the unread body
            Response refused = closing(answer(e.status(), e.getMessage()));
            return e.status() == 401 ? Response.fromResponse(refused).header("WWW-Authenticate", "Bearer").build()
                    : refused;
        }
    }

    static final class RoleRefused extends Base<ForbiddenException> {
        @Override
        public Response toResponse(ForbiddenException e) {
            return closing(answer(403, adminOnly() ? NOT_ADMIN : "Forbidden: this key may not use this route"));
        }
    }

    static final class BodyTooLarge extends Base<RequestGuardFilter.BodyTooLargeException> {
        @Override
        public Response toResponse(RequestGuardFilter.BodyTooLargeException e) {
            return closing(answer(413, e.getMessage()));
        }
    }
}
