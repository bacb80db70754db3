package dev.sheetsmith.adapters.http.openapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The OpenAPI paths of a JAX-RS resource, read from its annotations: {@code @Path} (a regex in a
 * template, {@code {owner: .+}}, becomes {@code {owner}}), the HTTP method, {@code @PathParam} and
 * {@code @QueryParam} (with {@code @DefaultValue}), the request body record (its components, with
 * {@link Required} and {@code @JsonPropertyDescription}), {@link Summary} and
 * {@link Tag}. So the document cannot drift from the routes: a new admin method documents itself.
 */
public final class ResourcePaths {

    private ResourcePaths() {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Operation(List<String> tags, String summary, String description, List<Param> parameters,
            Body requestBody, Map<String, Answer> responses) {
    }

    public record Param(String name, String in, boolean required, Schema schema) {
    }

    public record Body(boolean required, Map<String, Content> content) {
    }

    public record Content(Schema schema) {
    }

    public record Answer(String description) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Schema(String type, @JsonProperty("default") Object defaultValue, String description,
            Map<String, Schema> properties, List<String> required) {

        static Schema of(String type) {
            return new Schema(type, null, null, null, null);
        }
    }

    /** Path (as OpenAPI writes it) to HTTP method (lower case) to operation, sorted by path and method. */
    public static Map<String, Map<String, Operation>> of(Class<?> resource) {
        Tag tag = Objects.requireNonNull(resource.getAnnotation(Tag.class), () -> resource + " has no @Tag");
        Path base = Objects.requireNonNull(resource.getAnnotation(Path.class), () -> resource + " has no @Path");
        Map<String, Map<String, Operation>> paths = new TreeMap<>();
        List<Method> methods = new ArrayList<>(List.of(resource.getMethods()));
        methods.sort(Comparator.comparing(Method::getName));
        for (Method method : methods) {
            String http = httpMethod(method);
            if (http == null) {
                continue;
            }
            Path sub = method.getAnnotation(Path.class);
            String path = openApiPath(base.value() + (sub == null ? "" : "/" + sub.value()));
            paths.computeIfAbsent(path, p -> new TreeMap<>()).merge(http.toLowerCase(Locale.ROOT),
                    operation(tag, method, path.contains("{")), ResourcePaths::merge);
        }
        return paths;
    }

    /** The paths of several resources in one map (a path two of them share keeps both's methods). */
    @SafeVarargs
    public static Map<String, Map<String, Operation>> merged(Map<String, Map<String, Operation>>... resources) {
        Map<String, Map<String, Operation>> paths = new TreeMap<>();
        for (Map<String, Map<String, Operation>> resource : resources) {
            resource.forEach((path, methods) -> paths.computeIfAbsent(path, p -> new TreeMap<>()).putAll(methods));
        }
        return paths;
    }

    /**
     * Two methods on one path and HTTP method, told apart by the body type they consume (the
     * upload route's multipart form and raw body): one operation with both bodies.
     */
    private static Operation merge(Operation a, Operation b) {
        List<Param> params = new ArrayList<>(a.parameters());
        b.parameters().stream().filter(p -> params.stream().noneMatch(q -> q.name().equals(p.name())
                && q.in().equals(p.in()))).forEach(params::add);
        Map<String, Content> content = new TreeMap<>();
        if (a.requestBody() != null) {
            content.putAll(a.requestBody().content());
        }
        if (b.requestBody() != null) {
            content.putAll(b.requestBody().content());
        }
        return new Operation(a.tags(), a.summary() + "; or: " + b.summary(), a.description(), params,
                content.isEmpty() ? null : new Body(true, content), a.responses());
    }

    /** "/api/admin//owners/{owner: .+}/transfer" gives "/api/admin/owners/{owner}/transfer". */
    static String openApiPath(String jaxRsPath) {
        String path = jaxRsPath.replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
        path = path.startsWith("/") ? path : "/" + path;
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    static String httpMethod(Method method) {
        for (Annotation a : method.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static Operation operation(Tag tag, Method method, boolean hasItem) {
        List<Param> params = new ArrayList<>();
        Body body = null;
        for (Parameter p : method.getParameters()) {
            PathParam path = p.getAnnotation(PathParam.class);
            QueryParam query = p.getAnnotation(QueryParam.class);
            if (path != null) {
                params.add(new Param(path.value(), "path", true, Schema.of("string")));
            } else if (p.getAnnotation(HeaderParam.class) != null) {
                params.add(new Param(p.getAnnotation(HeaderParam.class).value(), "header", false, Schema.of("string")));
            } else if (query != null) {
                DefaultValue dv = p.getAnnotation(DefaultValue.class);
                String type = type(p.getType());
                Object defaultValue = dv == null ? null : "integer".equals(type) ? Long.valueOf(dv.value()) : dv.value();
                params.add(new Param(query.value(), "query", false, new Schema(type, defaultValue, null, null, null)));
            } else if (p.getAnnotations().length == 0 && p.getType().isRecord()) {
                body = new Body(true, Map.of("application/json", new Content(recordSchema(p.getType()))));
            } else if (p.getAnnotations().length == 0 && method.getAnnotation(Consumes.class) != null) {
                body = new Body(true, fileBodies(method.getAnnotation(Consumes.class)));
            }
        }
        Map<String, Answer> responses = new LinkedHashMap<>();
        responses.put("200", new Answer("JSON"));
        responses.put("400", new Answer("Bad input; nothing was changed"));
        responses.put("401", new Answer("No key, or a wrong one"));
        RolesAllowed roles = method.getDeclaringClass().getAnnotation(RolesAllowed.class);
        if (roles != null) {
            responses.put("403", new Answer("Not an " + tag.name() + " key"));
        }
        if (hasItem) {
            responses.put("404", new Answer("No such item"));
        }
        Summary summary = method.getAnnotation(Summary.class);
        return new Operation(List.of(tag.name()), summary == null ? method.getName() : summary.value(),
                tag.description(), params, body, responses);
    }

    /** Files as bodies: a multipart form of file parts, or a file's bytes as they are. */
    private static Map<String, Content> fileBodies(Consumes consumes) {
        Map<String, Content> content = new TreeMap<>();
        for (String type : consumes.value()) {
            if (type.startsWith("multipart/")) {
                content.put(type, new Content(new Schema("object", null, "One or more parts, each a file with its"
                        + " name (Content-Disposition filename)", Map.of("file", new Schema("string", null,
                                "A file; repeat the part for several", null, null)), null)));
            } else {
                content.put(type, new Content(new Schema("string", null, "The file's bytes", null, null)));
            }
        }
        return content;
    }

    private static Schema recordSchema(Class<?> record) {
        Map<String, Schema> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (RecordComponent c : record.getRecordComponents()) {
            JsonPropertyDescription description = c.getAccessor().getAnnotation(JsonPropertyDescription.class);
            properties.put(c.getName(), new Schema(type(c.getType()), null, description == null ? null
                    : description.value(), null, null));
            if (c.isAnnotationPresent(Required.class)) {
                required.add(c.getName());
            }
        }
        return new Schema("object", null, null, properties, required.isEmpty() ? null : required);
    }

    private static String type(Class<?> type) {
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        return "string";
    }
}
