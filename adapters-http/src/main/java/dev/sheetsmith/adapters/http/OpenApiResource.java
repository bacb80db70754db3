package dev.sheetsmith.adapters.http;

import dev.sheetsmith.adapters.http.mcp.McpContext;
import dev.sheetsmith.adapters.http.tools.ToolDefinition;
import dev.sheetsmith.adapters.http.tools.ToolRegistry;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The tools as an OpenAPI tool server, the form Open-WebUI's "Tool Servers" setting speaks:
 * {@code GET /openapi.json} is generated from the same registry and schemas as the MCP tools, and
 * {@code POST /api/tools/{name}} calls one. Stateless: no session, the bearer key says who calls.
 */
@Path("/")
public final class OpenApiResource {

    private static final Map<String, Object> NEW_KEY = Map.of("type", "object", "properties", Map.of(
            "owner", Map.of("type", "string", "description", "Whose key: the owner of the files it makes"),
            "role", Map.of("type", "string", "enum", List.of("user", "admin"), "description", "Default user"),
            "gateway", Map.of("type", "boolean", "description", "A gateway key names its end users per request")),
            "required", List.of("owner"));

    private final ToolRegistry tools;
    private final PreviewCards previews;
    private final RequestOwners owners;
    private final BaseUrls baseUrls;
    private final String version;

    public OpenApiResource(ToolRegistry tools, PreviewCards previews, RequestOwners owners, BaseUrls baseUrls,
            String version) {
        this.tools = Objects.requireNonNull(tools, "tools");
        this.previews = Objects.requireNonNull(previews, "previews");
        this.owners = Objects.requireNonNull(owners, "owners");
        this.baseUrls = Objects.requireNonNull(baseUrls, "baseUrls");
        this.version = Objects.requireNonNull(version, "version");
    }

    @GET
    @Path("openapi.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> openApi(@Context HttpServletRequest request) {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (ToolDefinition t : tools.definitions()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("type", "object");
            result.put("properties", Map.of("text", Map.of("type", "string", "description",
                    "What happened, with a Markdown download link to show the user"), "result",
                    t.outputSchema() == null ? Map.of("type", "object") : t.outputSchema()));
            paths.put("/api/tools/" + t.name(), Map.of("post", operation(t.name(), t.title() == null ? t.name()
                    : t.title(), t.description(), t.inputSchema(), Map.of("application/json", Map.of("schema", result)))));
        }
        paths.put("/api/tools/" + PreviewCards.NAME, Map.of("post", operation(PreviewCards.NAME, "Preview a file",
                PreviewCards.DESCRIPTION, PreviewCards.INPUT_SCHEMA, Map.of("text/html", Map.of("schema",
                        Map.of("type", "string"))))));
        // The admin API is documented without operationIds: Open-WebUI makes a tool of every operation
        // that has one, and these are for operators, not for the model.
        for (String path : AdminResource.paths()) {
            Map<String, Object> ops = new LinkedHashMap<>();
            boolean item = path.endsWith("{id}");
            if (!item || path.startsWith("files")) {
                ops.put("get", adminOperation("Admin: " + (item ? "one of " : "list ") + path.replace("/{id}", "")));
            }
            if (path.equals("keys")) {
                Map<String, Object> create = new LinkedHashMap<>(adminOperation("Admin: create a key ({owner, role:"
                        + " user|admin, gateway}); the secret is shown once"));
                create.put("requestBody", Map.of("required", true, "content", Map.of("application/json", Map.of(
                        "schema", NEW_KEY))));
                ops.put("post", create);
            }
            if (item || path.equals("sessions")) {
                ops.put("delete", adminOperation("Admin: " + (path.startsWith("keys") ? "revoke" : "end or delete")
                        + " " + path.replace("/{id}", "") + (path.equals("sessions") ? " of ?owner=" : "")));
            }
            if (item) {
                ops.put("parameters", List.of(Map.of("name", "id", "in", "path", "required", true, "description",
                        "The id, as the list shows it", "schema", Map.of("type", "string"))));
            }
            paths.put("/api/admin/" + path, ops);
        }
        Map<String, Object> transfer = new LinkedHashMap<>(adminOperation("Admin: give every file of {owner} to"
                + " {\"to\": owner} (names in use get \" (2)\"; sessions stay)"));
        transfer.put("parameters", List.of(Map.of("name", "owner", "in", "path", "required", true, "schema",
                Map.of("type", "string"))));
        paths.put("/api/admin/owners/{owner}/transfer", Map.of("post", transfer));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "Sheetsmith", "version", version, "description",
                "Create, read and edit Excel workbooks; every result carries a download link."));
        doc.put("servers", List.of(Map.of("url", baseUrls.of(request))));
        doc.put("components", Map.of("securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer")),
                "schemas", Map.of("Error", Map.of("type", "object", "properties", Map.of("error", Map.of("type",
                        "string")), "required", List.of("error")))));
        doc.put("security", List.of(Map.of("bearer", List.of())));
        doc.put("paths", paths);
        return doc;
    }

    @POST
    @Path("api/tools/{name}")
    @Consumes(MediaType.WILDCARD)
    public Response call(@PathParam("name") String name, Map<String, Object> body,
            @Context HttpServletRequest request) {
        Caller caller = owners.identify(request);
        if (!caller.isAllowed()) {
            return refused(caller);
        }
        McpContext context = new McpContext(caller.principal().owner(), null, baseUrls.of(request));
        Map<String, Object> arguments = body == null ? Map.of() : body;
        if (PreviewCards.NAME.equals(name)) {
            return previews.card(context, arguments);
        }
        if (tools.find(name).isEmpty()) {
            return error(Response.Status.NOT_FOUND, "no tool named '" + name + "'; /openapi.json lists them");
        }
        McpSchema.CallToolResult result = tools.call(name, context, arguments);
        String text = result.content().stream().filter(McpSchema.TextContent.class::isInstance)
                .map(c -> ((McpSchema.TextContent) c).text()).reduce((a, b) -> a + "\n" + b).orElse("");
        if (Boolean.TRUE.equals(result.isError())) {
            return error(Response.Status.BAD_REQUEST, text);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("text", text);
        out.put("result", result.structuredContent());
        return Response.ok(out, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** A refused caller as JSON: 401 (with the Bearer challenge) or 403, and the sentence that says why. */
    static Response refused(Caller caller) {
        Response.ResponseBuilder response = Response.status(caller.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", caller.refusal()));
        if (caller.status() == Response.Status.UNAUTHORIZED.getStatusCode()) {
            response.header("WWW-Authenticate", "Bearer");
        }
        return response.build();
    }

    static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", message)).build();
    }

    private static Map<String, Object> adminOperation(String summary) {
        return Map.of("tags", List.of("admin"), "summary", summary, "description", "Admin keys only: a user key gets"
                + " 403, no key 401. Lists take ?cursor= and ?limit= (1-500) and answer {items, nextCursor}.",
                "responses", Map.of("200", Map.of("description", "JSON"), "401", Map.of("description", "No key"),
                        "403", Map.of("description", "Not an admin key")));
    }

    private static Map<String, Object> operation(String name, String summary, String description,
            Map<String, Object> input, Map<String, Object> okContent) {
        Map<String, Object> errorBody = Map.of("application/json", Map.of("schema",
                Map.of("$ref", "#/components/schemas/Error")));
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", name);
        op.put("summary", summary);
        op.put("description", description);
        op.put("requestBody", Map.of("required", true, "content", Map.of("application/json", Map.of("schema", input))));
        op.put("responses", Map.of("200", Map.of("description", "Done", "content", okContent),
                "400", Map.of("description", "Bad input; nothing was changed", "content", errorBody),
                "401", Map.of("description", "Missing or wrong API key", "content", errorBody),
                "404", Map.of("description", "No such tool", "content", errorBody)));
        return op;
    }
}
