package dev.sheetsmith.adapters.http.openapi;

import dev.sheetsmith.adapters.http.BaseUrls;
import dev.sheetsmith.adapters.http.mcp.McpContext;
import dev.sheetsmith.adapters.http.tools.ToolDefinition;
import dev.sheetsmith.adapters.http.tools.ToolRegistry;
import dev.sheetsmith.adapters.http.auth.KeyHolder;
import dev.sheetsmith.adapters.http.web.ErrorBody;
import dev.sheetsmith.domain.NotFoundException;
import io.dropwizard.auth.Auth;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.annotation.security.PermitAll;
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
import java.io.IOException;
import java.io.InputStream;
import dev.sheetsmith.adapters.http.tools.LargeRequests;
import dev.sheetsmith.domain.InvalidInputException;
import java.util.Objects;

/**
 * The tools as an OpenAPI tool server, the form Open-WebUI's "Tool Servers" setting speaks:
 * {@code GET /openapi.json} is generated from the same registry and schemas as the MCP tools, and
 * {@code POST /api/tools/{name}} calls one. Stateless: no session, the bearer key says who calls.
 */
@Path("/")
public final class OpenApiResource {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP = new com.fasterxml.jackson
            .core.type.TypeReference<>() { };

    private final ToolRegistry tools;
    private final PreviewCards previews;
    private final BaseUrls baseUrls;
    private final String version;
    private final Map<String, ? extends Map<String, ?>> restPaths;

    /**
     * @param restPaths the REST routes documented beside the tools ({@link ResourcePaths#of} of the
     *     admin resource, which the server passes, so this class and the admin API know nothing of each other)
     */
    public OpenApiResource(ToolRegistry tools, PreviewCards previews, BaseUrls baseUrls, String version,
            Map<String, ? extends Map<String, ?>> restPaths) {
        this.tools = Objects.requireNonNull(tools, "tools");
        this.previews = Objects.requireNonNull(previews, "previews");
        this.baseUrls = Objects.requireNonNull(baseUrls, "baseUrls");
        this.version = Objects.requireNonNull(version, "version");
        this.restPaths = Map.copyOf(restPaths);
    }

    @GET
    @Path("openapi.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Document openApi(@Context HttpServletRequest request) {
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
                        Map.of("type", "string")), "application/json", Map.of("schema", Map.of("type", "object",
                        "description", "With Accept: " + PreviewCards.JSON_TYPE + ": {fileId, name, downloadUrl, sheets: [{name,"
                                + " rowCount, columnCount, rows, cut, picture}], sheetsCut}; picture: a signed link to the sheet"
                                + " drawn as PNG where the server has LibreOffice, else null"))))));
        // The admin API, from its resource's annotations, in a stable order.
        new java.util.TreeMap<>(restPaths).forEach(paths::put);
        return new Document("3.1.0", new Info("Sheetsmith", version,
                "Create, read and edit Excel workbooks; every result carries a download link."),
                List.of(new Server(baseUrls.of(request))), Components.BEARER_AND_ERROR,
                List.of(Map.of("bearer", List.of())), paths);
    }

    /** The document's envelope; {@code paths} holds the tools' operations and the REST routes'. */
    public record Document(String openapi, Info info, List<Server> servers, Components components,
            List<Map<String, List<String>>> security, Map<String, Object> paths) {
    }

    public record Info(String title, String version, String description) {
    }

    public record Server(String url) {
    }

    public record Components(Map<String, SecurityScheme> securitySchemes, Map<String, ResourcePaths.Schema> schemas) {

        /** Bearer keys, and the {@code {"error"}} body every route but the downloads answers with. */
        static final Components BEARER_AND_ERROR = new Components(Map.of("bearer", new SecurityScheme("http",
                "bearer")), Map.of("Error", new ResourcePaths.Schema("object", null, null, Map.of("error",
                        ResourcePaths.Schema.of("string")), List.of("error"))));
    }

    public record SecurityScheme(String type, String scheme) {
    }

    @POST
    @Path("api/tools/{name}")
    @Consumes(MediaType.WILDCARD)
    @PermitAll
    public Response call(@PathParam("name") String name, InputStream body, @Auth KeyHolder caller,
            @Context HttpServletRequest request) throws IOException {
        // Read here rather than by the JSON provider: a large create/append streams its rows to disk.
        try (LargeRequests.Read<Map<String, Object>> read = LargeRequests.streams(request.getContentLengthLong(), name)
                ? LargeRequests.arguments(body) : tree(body)) {
            return call(name, read.value() == null ? Map.of() : read.value(), caller, request);
        } catch (InvalidInputException e) {
            return ErrorBody.response(400, e.getMessage());
        }
    }

    private static LargeRequests.Read<Map<String, Object>> tree(InputStream body) throws IOException {
        Map<String, Object> arguments;
        try (com.fasterxml.jackson.core.JsonParser parser = JSON.getFactory().createParser(body)) {
            arguments = parser.nextToken() == null ? null : JSON.readValue(parser, MAP);
        }
        return new LargeRequests.Read<>(arguments, () -> { });
    }

    private Response call(String name, Map<String, Object> arguments, KeyHolder caller, HttpServletRequest request) {
        McpContext context = new McpContext(caller.principal().owner(), null, baseUrls.of(request));
        if (PreviewCards.NAME.equals(name) && wantsJson(request)) {
            return Response.ok(previews.preview(context, arguments), MediaType.APPLICATION_JSON_TYPE).build();
        }
        if (PreviewCards.NAME.equals(name)) {
            return previews.card(context, arguments);
        }
        if (tools.find(name).isEmpty()) {
            throw new NotFoundException("no tool named '" + name + "'; /openapi.json lists them");
        }
        McpSchema.CallToolResult result = tools.call(name, context, arguments);
        String text = result.content().stream().filter(McpSchema.TextContent.class::isInstance)
                .map(c -> ((McpSchema.TextContent) c).text()).reduce((a, b) -> a + "\n" + b).orElse("");
        if (Boolean.TRUE.equals(result.isError())) {
            return ErrorBody.response(400, text);
        }
        return Response.ok(new ToolAnswer(text, result.structuredContent()), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * The console asks for the preview as data with its own media type: a chat client that sends
     * {@code Accept: application/json} for every tool call still gets the HTML card it shows.
     */
    private static boolean wantsJson(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains(PreviewCards.JSON_TYPE);
    }

    /** A tool's answer on this route: its text for the chat and its structured result. */
    public record ToolAnswer(String text, Object result) {
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
