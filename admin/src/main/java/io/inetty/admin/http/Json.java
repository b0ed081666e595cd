package io.inetty.admin.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * JSON in and out of the admin API, with Jackson's tree model. Parsing is strict: a duplicate key, text after the
 * value, nesting deeper than Jackson's limit (1000) or an empty body is a 400 naming the problem and its place.
 */
public final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    /** Parses a request body; a 400 ({@code bad request body: ...}) if it is not exactly one JSON value. */
    public static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw ApiException.badRequest("bad request body: empty (expected: JSON)");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiException.badRequest("bad request body: no JSON value (expected: JSON)");
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw ApiException.badRequest("bad request body: " + firstLine(e.getOriginalMessage()) + where);
        } catch (IOException e) {
            throw ApiException.badRequest("bad request body: " + e.getMessage());
        }
    }

    /** The body as an object; a 400 naming {@code what} otherwise. */
    public static ObjectNode object(JsonNode node, String what) {
        if (!node.isObject()) {
            throw ApiException.badRequest("bad request body: " + what + " is " + kind(node) + " (expected: an object)");
        }
        return (ObjectNode) node;
    }

    /** Refuses a key of {@code node} that is not in {@code allowed} (a typo would otherwise go unnoticed). */
    public static void onlyKeys(ObjectNode node, Collection<String> allowed, String what) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!allowed.contains(e.getKey())) {
                throw ApiException.badRequest("bad request body: unknown field '" + e.getKey() + "' in " + what
                        + " (expected: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    /** A string field, or null when absent or null; a 400 if it has another type. */
    public static String string(ObjectNode node, String key) {
        return field(node, key, JsonNode::isTextual, "a string", JsonNode::textValue);
    }

    /** A boolean field, or null when absent or null; a 400 if it has another type. */
    public static Boolean bool(ObjectNode node, String key) {
        return field(node, key, JsonNode::isBoolean, "true or false", JsonNode::booleanValue);
    }

    private static <T> T field(ObjectNode node, String key, Predicate<JsonNode> is, String expected,
            Function<JsonNode, T> value) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!is.test(v)) {
            throw ApiException.badRequest(key + ": " + v + " (expected: " + expected + ")");
        }
        return value.apply(v);
    }

    /**
     * A scalar value as the fault parser takes it: a {@code Long} or {@code Double} for a number, the text of a
     * string, null for null; a 400 for anything else (or a whole number beyond 64 bits).
     */
    public static Object scalar(JsonNode v, String key) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isIntegralNumber()) {
            if (!v.canConvertToLong()) {
                throw ApiException.badRequest(key + ": " + v + " (expected: a number below 2^63)");
            }
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        throw ApiException.badRequest(key + ": " + v + " (expected: a number or a string)");
    }

    /** A new object. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A new array. */
    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** A value as bytes (UTF-8). */
    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static String kind(JsonNode node) {
        return node.isArray() ? "an array" : node.isTextual() ? "a string" : node.isNumber() ? "a number"
                : node.isBoolean() ? "a boolean" : node.isNull() ? "null" : "not an object";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "not JSON";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
