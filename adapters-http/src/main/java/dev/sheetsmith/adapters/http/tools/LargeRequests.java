package dev.sheetsmith.adapters.http.tools;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sheetsmith.domain.InvalidInputException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Large create_excel_file and append_rows calls, read as a stream: the rows under {@code data}
 * (or {@code sheet_data}, or each {@code sheets[i].data}) go to a scratch file as they are read
 * ({@link SpilledRows}), and the arguments the tool gets hold, in their place, a reference that
 * only this class makes: {@code {"$spilled_rows": "<random id>"}}, valid while the request runs.
 * The tool turns it back into the rows ({@link #resolve}); a reference the server did not make
 * (a client sending that shape) is refused. Everything else in the body is read as before.
 */
public final class LargeRequests {

    /** Bodies larger than this (or of unknown length) stream; smaller ones are parsed as a tree. */
    public static final String THRESHOLD_PROPERTY = "sheetsmith.streamBodyBytes";
    static final String REFERENCE_KEY = "$spilled_rows";
    private static final Set<String> STREAMED_TOOLS = Set.of("create_excel_file", "append_rows");
    private static final Set<String> ROW_KEYS = Set.of("data", "sheet_data");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();
    private static final Map<String, SpilledRows> LIVE = new ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicLong SPILLED = new java.util.concurrent.atomic.AtomicLong();

    private LargeRequests() {
    }

    /** How many row arrays were read to scratch files since the start (tests show which path a call took). */
    public static long spilledArrays() {
        return SPILLED.get();
    }

    /** Whether a body of this length (-1: unknown) for this tool (null: an MCP message) streams. */
    public static boolean streams(long contentLength, String tool) {
        long threshold = Long.getLong(THRESHOLD_PROPERTY, 1L << 20);
        return (tool == null || STREAMED_TOOLS.contains(tool)) && (contentLength < 0 || contentLength > threshold);
    }

    /** What was read: the value (a small message text or an arguments map) and the rows spilled for it. */
    public record Read<T>(T value, Closeable spills) implements Closeable {
        @Override
        public void close() throws IOException {
            spills.close();
        }
    }

    /**
     * A JSON-RPC message as text for the SDK, with a tools/call of create_excel_file or
     * append_rows holding references in place of its rows. Any other message comes back with its
     * rows in place (as the tree path would have read it). Throws on JSON that does not parse.
     */
    public static Read<String> message(InputStream body) throws IOException {
        Spills spills = new Spills();
        try (JsonParser parser = FACTORY.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                // not one message: the caller answers as it does for any such body
                return new Read<>(first == JsonToken.START_ARRAY ? "[]" : "", spills);
            }
            Map<String, Object> message = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals("params") && parser.currentToken() == JsonToken.START_OBJECT) {
                    Map<String, Object> params = new LinkedHashMap<>();
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String key = parser.currentName();
                        parser.nextToken();
                        params.put(key, key.equals("arguments") && parser.currentToken() == JsonToken.START_OBJECT
                                ? arguments(parser, spills) : JSON.readValue(parser, Object.class));
                    }
                    message.put(name, params);
                } else {
                    message.put(name, JSON.readValue(parser, Object.class));
                }
            }
            requireEnd(parser);
            boolean streamed = "tools/call".equals(message.get("method")) && message.get("params") instanceof Map<?, ?> p
                    && STREAMED_TOOLS.contains(p.get("name"));
            if (!streamed && !spills.isEmpty()) {
                putBack(message, spills);
            }
            return new Read<>(JSON.writeValueAsString(message), spills);
        } catch (IOException | RuntimeException e) {
            spills.close();
            throw e;
        }
    }

    /** A /api/tools body (the arguments object) with references in place of its rows; null when empty. */
    public static Read<Map<String, Object>> arguments(InputStream body) throws IOException {
        Spills spills = new Spills();
        try (JsonParser parser = FACTORY.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new Read<>(null, spills);
            }
            if (first != JsonToken.START_OBJECT) {
                throw new InvalidInputException("the body must be a JSON object of the tool's arguments");
            }
            Map<String, Object> arguments = arguments(parser, spills);
            requireEnd(parser);
            return new Read<>(arguments, spills);
        } catch (IOException | RuntimeException e) {
            spills.close();
            throw e;
        }
    }

    /**
     * The rows a reference stands for, or the value as it is when it is no reference. A reference
     * this server did not make (or one already finished with) is refused.
     */
    public static Object resolve(Object value, String where) {
        if (value instanceof Map<?, ?> map && map.containsKey(REFERENCE_KEY)) {
            SpilledRows rows = map.size() == 1 && map.get(REFERENCE_KEY) instanceof String id ? LIVE.get(id) : null;
            if (rows == null) {
                throw new InvalidInputException(where + " is an object with the key '" + REFERENCE_KEY + "', which"
                        + " only the server makes for the rows of a large request; send the rows themselves (a list"
                        + " of rows or records)");
            }
            return rows;
        }
        return value;
    }

    private static void requireEnd(JsonParser parser) throws IOException {
        if (parser.nextToken() != null) {
            throw new com.fasterxml.jackson.core.JsonParseException(parser, "more than one JSON value in the body");
        }
    }

    /** The arguments object the parser is at: rows arrays spilled, the rest read as a tree. */
    private static Map<String, Object> arguments(JsonParser parser, Spills spills) throws IOException {
        Map<String, Object> arguments = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            if (ROW_KEYS.contains(key) && value == JsonToken.START_ARRAY) {
                arguments.put(key, spills.add(SpilledRows.spill(parser)));
            } else if (key.equals("sheets") && value == JsonToken.START_ARRAY) {
                List<Object> sheets = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (parser.currentToken() == JsonToken.START_OBJECT) {
                        Map<String, Object> sheet = new LinkedHashMap<>();
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String sheetKey = parser.currentName();
                            JsonToken v = parser.nextToken();
                            sheet.put(sheetKey, sheetKey.equals("data") && v == JsonToken.START_ARRAY
                                    ? spills.add(SpilledRows.spill(parser)) : JSON.readValue(parser, Object.class));
                        }
                        sheets.add(sheet);
                    } else {
                        sheets.add(JSON.readValue(parser, Object.class));
                    }
                }
                arguments.put(key, sheets);
            } else {
                arguments.put(key, JSON.readValue(parser, Object.class));
            }
        }
        return arguments;
    }

    /** A message for a tool that does not stream gets its rows back as lists. */
    @SuppressWarnings("unchecked")
    private static void putBack(Object value, Spills spills) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
                SpilledRows rows = spills.owned(e.getValue());
                if (rows != null) {
                    e.setValue(rows.materialise());
                } else {
                    putBack(e.getValue(), spills);
                }
            }
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                putBack(item, spills);
            }
        }
    }

    /** The rows spilled for one request: registered while it runs, deleted when it ends. */
    private static final class Spills implements Closeable {
        private final Map<String, SpilledRows> mine = new LinkedHashMap<>();

        Map<String, Object> add(SpilledRows rows) {
            String id = UUID.randomUUID().toString();
            SPILLED.incrementAndGet();
            mine.put(id, rows);
            LIVE.put(id, rows);
            return Map.of(REFERENCE_KEY, id);
        }

        SpilledRows owned(Object value) {
            return value instanceof Map<?, ?> map && map.size() == 1 && map.get(REFERENCE_KEY) instanceof String id
                    ? mine.get(id) : null;
        }

        boolean isEmpty() {
            return mine.isEmpty();
        }

        @Override
        public void close() throws IOException {
            for (Map.Entry<String, SpilledRows> e : mine.entrySet()) {
                LIVE.remove(e.getKey());
                e.getValue().close();
            }
            mine.clear();
        }
    }
}
