package io.inetty.admin.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inetty.admin.http.ApiException;
import io.inetty.admin.http.Json;
import io.inetty.faults.Fault;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One fault as a Toxiproxy toxic. Attributes carry Toxiproxy's names and units (milliseconds; the slicer's delay in
 * microseconds; rates in KB/s); a string value may carry its unit ({@code "200ms"}). Unknown fields, unknown types,
 * streams or attribute keys and values out of range are a 400 naming the field and what is allowed.
 */
public final class ToxicJson {
    private static final List<String> TARGETING = List.of("from", "first", "every", "seed");
    private static final List<String> FIELDS = List.of("name", "type", "stream", "toxicity", "attributes", "from",
            "first", "every", "seed");

    private ToxicJson() {
    }

    /** A new fault from a create body ({@code type} required; stream downstream and toxicity 1 by default). */
    public static Fault parse(JsonNode body) {
        ObjectNode o = Json.object(body, "the toxic");
        Json.onlyKeys(o, FIELDS, "a toxic");
        String type = Json.string(o, "type");
        if (type == null || type.isBlank()) {
            throw ApiException.badRequest("missing required field: type");
        }
        Map<String, Object> values = attributes(o);
        for (String key : List.of("name", "stream", "toxicity", "from", "first", "every", "seed")) {
            Object v = Json.scalar(o.get(key), key);
            if (v != null) {
                values.put(key, v);
            }
        }
        return build(type, values);
    }

    /**
     * The fault {@code current} becomes with an update body, as Toxiproxy's update: the attributes given replace
     * theirs, the others stay; so do the toxicity and the targeting unless given ({@code null} removes a targeting
     * field). The type, stream and name cannot change (400).
     */
    public static Fault merge(Fault current, JsonNode body) {
        ObjectNode o = Json.object(body, "the toxic");
        Json.onlyKeys(o, FIELDS, "a toxic");
        same(o, "type", current.type());
        same(o, "stream", current.stream().label());
        same(o, "name", current.name());
        Map<String, Object> values = new LinkedHashMap<>(current.attributes());
        Map<String, Object> given = attributes(o);
        if (current.type().equals("rate")) { // rate (KB/s) and pps exclude each other: the one given wins
            given.keySet().stream().filter(k -> k.equals("rate") || k.equals("pps")).findFirst()
                    .ifPresent(k -> values.put(k.equals("rate") ? "pps" : "rate", 0L));
        }
        values.putAll(given);
        values.put("name", current.name());
        values.put("stream", current.stream().label());
        Object toxicity = Json.scalar(o.get("toxicity"), "toxicity");
        values.put("toxicity", toxicity != null ? toxicity : current.toxicity());
        Map<String, Object> targeting = targeting(current);
        for (String key : TARGETING) {
            if (o.has(key)) {
                targeting.put(key, Json.scalar(o.get(key), key));
            }
        }
        targeting.forEach((k, v) -> {
            if (v != null) {
                values.put(k, v);
            }
        });
        return build(current.type(), values);
    }

    /** The toxic JSON of {@code fault}: attributes, name, type, stream, toxicity, then the targeting that is set. */
    public static ObjectNode write(Fault fault) {
        ObjectNode o = Json.object();
        ObjectNode attributes = o.putObject("attributes");
        fault.attributes().forEach((k, v) -> {
            if (v instanceof Double) {
                attributes.put(k, (Double) v);
            } else {
                attributes.put(k, ((Number) v).longValue());
            }
        });
        o.put("name", fault.name()).put("type", fault.type()).put("stream", fault.stream().label())
                .put("toxicity", fault.toxicity());
        targeting(fault).forEach((k, v) -> {
            if (v instanceof String) {
                o.put(k, (String) v);
            } else if (v != null) {
                o.put(k, ((Number) v).longValue());
            }
        });
        return o;
    }

    /** A list of faults as a toxic array. */
    public static ArrayNode write(List<Fault> faults) {
        ArrayNode a = Json.array();
        faults.forEach(f -> a.add(write(f)));
        return a;
    }

    private static Map<String, Object> targeting(Fault f) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("from", f.from());
        t.put("first", f.first() > 0 ? f.first() : null);
        t.put("every", f.every() > 0 ? f.every() : null);
        t.put("seed", f.seed().isPresent() ? f.seed().getAsLong() : null);
        return t;
    }

    private static Map<String, Object> attributes(ObjectNode o) {
        Map<String, Object> out = new LinkedHashMap<>();
        JsonNode a = o.get("attributes");
        if (a == null || a.isNull()) {
            return out;
        }
        ObjectNode attributes = Json.object(a, "attributes");
        for (Map.Entry<String, JsonNode> e : attributes.properties()) {
            if (FIELDS.contains(e.getKey())) {
                throw ApiException.badRequest("attributes: '" + e.getKey() + "' is a field of the toxic, not an"
                        + " attribute (expected: {\"" + e.getKey() + "\": ..., \"attributes\": {...}})");
            }
            Object v = Json.scalar(e.getValue(), e.getKey());
            if (v != null) {
                out.put(e.getKey(), v);
            }
        }
        return out;
    }

    private static void same(ObjectNode o, String key, String current) {
        String given = Json.string(o, key);
        if (given != null && !Objects.equals(given, current) && !given.equalsIgnoreCase(current)) {
            throw ApiException.badRequest(key + ": '" + given + "' cannot replace '" + current
                    + "' (expected: the same " + key + "; remove the toxic and add a new one)");
        }
    }

    private static Fault build(String type, Map<String, Object> values) {
        try {
            return Fault.of(type, values);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
