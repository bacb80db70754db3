package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The schema rules catch what OpenAI and Gemini refuse, so that a test that finds nothing means something. */
class ProviderSchemaRulesTest {

    @Test
    void theSchemasThatFailedChatRequestsAreCaught() throws Exception {
        assertThat(violations("{\"type\":\"object\",\"properties\":{\"values\":{\"type\":\"array\",\"items\":"
                + "{\"type\":\"array\"}}}}")).containsExactly("t.values[]: array schema missing items (OpenAI answers 400)");
        assertThat(violations("{\"type\":\"object\",\"properties\":{\"w\":{\"type\":\"object\","
                + "\"additionalProperties\":{\"type\":\"number\"}}}}")).containsExactly(
                        "t.w: 'additionalProperties' is not a field of Gemini's Schema",
                        "t.w: an object must list its properties (Gemini: should be non-empty for OBJECT type)");
        assertThat(violations("{\"type\":\"object\",\"properties\":{\"v\":{\"type\":[\"string\",\"number\"]}}}"))
                .containsExactly("t.v: type [\"string\",\"number\"] is not one JSON type (Gemini takes one value of its"
                        + " Type enum)");
        assertThat(violations("{\"type\":\"object\",\"properties\":{\"v\":{\"description\":\"anything\"}}}"))
                .containsExactly("t.v: no type");
        assertThat(violations("{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\",\"enum\":[1,2]}},"
                + "\"required\":[\"m\"]}")).contains("t: required 'm' is not one of its properties",
                        "t.n: enum on a integer (Gemini: strings only)");
        assertThat(violations("{\"anyOf\":[{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}]}"))
                .contains("t: the root must be a plain object schema (OpenAI, Gemini)");
        assertThat(violations("{\"type\":\"object\",\"properties\":{\"r\":{\"$ref\":\"#/x\"}}}"))
                .contains("t.r: '$ref' is not a field of Gemini's Schema");
    }

    @Test
    void rowsOfScalarsAndAToolWithoutArgumentsPass() throws Exception {
        assertThat(violations("{\"type\":\"object\",\"properties\":{\"data\":{\"type\":\"array\",\"items\":{\"type\":"
                + "\"array\",\"items\":{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"number\"},{\"type\":\"boolean\"}]}}},"
                + "\"mode\":{\"type\":\"string\",\"enum\":[\"a\",\"b\"]}},\"required\":[\"data\"]}")).isEmpty();
        assertThat(violations("{\"type\":\"object\",\"properties\":{}}")).isEmpty();
    }

    private static java.util.List<String> violations(String schema) throws Exception {
        JsonNode node = McpHttp.JSON.readTree(schema);
        return ProviderSchemaRules.violations("t", node);
    }
}
