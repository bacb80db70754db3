package dev.sheetsmith.adapters.http.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sheetsmith.adapters.http.admin.AdminResource;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.glassfish.jersey.server.model.Parameter;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.Test;

/**
 * The admin part of /openapi.json against Jersey's own model of the admin resource: every route
 * Jersey serves is documented with its path and query parameters and body, and nothing else is.
 */
class ResourcePathsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyAdminRouteJerseyServesIsDocumentedWithItsParametersAndNothingElse() {
        JsonNode documented = JSON.valueToTree(ResourcePaths.of(AdminResource.class));
        Set<String> served = new TreeSet<>();
        Resource root = Resource.from(AdminResource.class);
        for (Resource child : root.getChildResources()) {
            for (ResourceMethod method : child.getResourceMethods()) {
                String path = ResourcePaths.openApiPath(root.getPath() + "/" + child.getPath());
                String verb = method.getHttpMethod().toLowerCase();
                served.add(verb + " " + path);
                JsonNode operation = documented.path(path).path(verb);
                assertThat(operation.isObject()).as(verb + " " + path).isTrue();
                Set<String> expected = new HashSet<>();
                boolean body = false;
                for (Parameter p : method.getInvocable().getParameters()) {
                    if (p.getSource() == Parameter.Source.PATH || p.getSource() == Parameter.Source.QUERY) {
                        expected.add(p.getSource().name().toLowerCase() + ":" + p.getSourceName());
                    }
                    body |= p.getSource() == Parameter.Source.ENTITY;
                }
                Set<String> actual = new HashSet<>();
                operation.path("parameters").forEach(p -> actual.add(p.path("in").asText() + ":" + p.path("name")
                        .asText()));
                assertThat(actual).as(verb + " " + path).isEqualTo(expected);
                assertThat(operation.has("requestBody")).as(verb + " " + path + " body").isEqualTo(body);
                assertThat(operation.has("operationId")).isFalse();
                assertThat(operation.path("tags").get(0).asText()).isEqualTo("admin");
            }
        }
        Set<String> listed = new TreeSet<>();
        documented.fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(verb -> listed.add(verb + " " + path.getKey())));
        assertThat(listed).isEqualTo(served);
        assertThat(served).contains("post /api/admin/owners/{owner}/transfer", "delete /api/admin/sessions",
                "get /api/admin/files/{id}");
    }

    @Test
    void aRequestBodyIsDescribedFromItsRecordWithTheRequiredFields() {
        JsonNode create = JSON.valueToTree(ResourcePaths.of(AdminResource.class)).path("/api/admin/keys").path("post");
        JsonNode schema = create.path("requestBody").path("content").path("application/json").path("schema");
        assertThat(schema.path("required").toString()).isEqualTo("[\"owner\"]");
        assertThat(schema.path("properties").path("gateway").path("type").asText()).isEqualTo("boolean");
        assertThat(schema.path("properties").path("owner").path("description").asText()).contains("owner");
        JsonNode limit = JSON.valueToTree(ResourcePaths.of(AdminResource.class)).path("/api/admin/keys").path("get")
                .path("parameters").findParent("name");
        assertThat(limit).isNotNull();
    }

    @Test
    void aTemplateRegexIsDroppedFromThePath() {
        assertThat(ResourcePaths.openApiPath("/api/admin/owners/{owner: .+}/transfer"))
                .isEqualTo("/api/admin/owners/{owner}/transfer");
        assertThat(ResourcePaths.openApiPath("api//x/")).isEqualTo("/api/x");
    }

    @Test
    void theUploadRouteIsOneOperationWithBothBodiesAndItsNameParameters() {
        JsonNode post = JSON.valueToTree(ResourcePaths.of(dev.sheetsmith.adapters.http.uploads.UploadResource.class))
                .path("/api/files").path("post");
        assertThat(post.has("operationId")).isFalse();
        assertThat(post.path("tags").get(0).asText()).isEqualTo("files");
        Set<String> types = new TreeSet<>();
        post.path("requestBody").path("content").fieldNames().forEachRemaining(types::add);
        assertThat(types).contains("multipart/form-data", "application/octet-stream", "text/csv",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        Set<String> params = new TreeSet<>();
        post.path("parameters").forEach(p -> params.add(p.path("in").asText() + ":" + p.path("name").asText()));
        assertThat(params).containsExactly("header:X-Filename", "query:format", "query:name");
        // no admin role on this route, so no "not an admin key" answer
        assertThat(post.path("responses").has("403")).isFalse();
    }
}
