package dev.hebb.io.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hebb.plugin.Hyperparameters;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A JSON value with its path in the document, so every error can say where it is. */
final class Node {

    final JsonNode json;
    final String path;
    final String source;

    Node(JsonNode json, String path, String source) {
        this.json = json;
        this.path = path;
        this.source = source;
    }

    ConfigException fail(String detail) {
        return new ConfigException(source, path, detail);
    }

    String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The member {@code key} of this object, or {@code null} when absent. */
    Node get(String key) {
        JsonNode child = json.get(key);
        return child == null ? null : new Node(child, childPath(key), source);
    }

    /** The member {@code key}, which must be present. */
    Node require(String key, String expected) {
        Node child = get(key);
        if (child == null) {
            throw fail("'" + key + "' is missing; expected " + expected);
        }
        return child;
    }

    Node element(int i) {
        return new Node(json.get(i), path + "[" + i + "]", source);
    }

    Node object() {
        if (!json.isObject()) {
            throw fail("expected an object, got " + json);
        }
        return this;
    }

    List<Node> array() {
        if (!json.isArray()) {
            throw fail("expected a list, got " + json);
        }
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            out.add(element(i));
        }
        return out;
    }

    /** Fails on a key outside {@code known}. */
    Node only(List<String> known) {
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw new ConfigException(source, childPath(key), "unknown setting '" + key + "'"
                        + (path.isEmpty() ? "" : " in " + path) + "; known: " + String.join(", ", known));
            }
        }
        return this;
    }

    String string() {
        if (!json.isTextual()) {
            throw fail("expected a string, got " + json);
        }
        return json.textValue();
    }

    int positiveInt() {
        if (!json.isIntegralNumber() || !json.canConvertToInt() || json.intValue() <= 0) {
            throw fail("expected a positive whole number, got " + json);
        }
        return json.intValue();
    }

    long longValue() {
        if (!json.isIntegralNumber() || !json.canConvertToLong()) {
            throw fail("expected a whole number, got " + json);
        }
        return json.longValue();
    }

    double number() {
        if (!json.isNumber()) {
            throw fail("expected a number, got " + json);
        }
        return json.doubleValue();
    }

    boolean bool() {
        if (!json.isBoolean()) {
            throw fail("expected true or false, got " + json);
        }
        return json.booleanValue();
    }

    /** The members of this object except {@code excluded}, as hyperparameters (numbers, booleans, strings, number lists, objects). */
    Hyperparameters hyperparameters(Set<String> excluded) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!excluded.contains(e.getKey())) {
                map.put(e.getKey(), new Node(e.getValue(), childPath(e.getKey()), source).value());
            }
        }
        return Hyperparameters.of(map);
    }

    private Object value() {
        if (json.isNumber()) {
            return json.numberValue();
        }
        if (json.isBoolean()) {
            return json.booleanValue();
        }
        if (json.isTextual()) {
            return json.textValue();
        }
        if (json.isArray()) {
            List<Number> list = new ArrayList<>();
            for (Node item : array()) {
                if (!item.json.isNumber()) {
                    throw item.fail("expected a number (hyperparameter lists hold numbers), got " + item.json);
                }
                list.add(item.json.numberValue());
            }
            return list;
        }
        if (json.isObject()) {
            return hyperparameters(Set.of());
        }
        throw fail("expected a number, boolean, string, list of numbers or object, got " + json);
    }
}
