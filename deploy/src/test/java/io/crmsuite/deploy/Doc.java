package io.crmsuite.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One YAML document (a Kubernetes object, a patch, a compose file) as SnakeYAML reads it: maps, lists and
 * scalars. {@code source} says where it came from, for the problem messages.
 */
record Doc(String source, Map<String, Object> content) {

    String kind() {
        return text(content, "kind");
    }

    String apiVersion() {
        return text(content, "apiVersion");
    }

    String name() {
        return text(content, "metadata", "name");
    }

    /** "Kind/name (file#n)", how a problem names the object. */
    String label() {
        return kind() + "/" + name() + " (" + source + ")";
    }

    /** The value at a path of map keys, or null when any step is missing or not a map. */
    static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    /** A scalar at a path as text (YAML numbers and booleans too), or null. */
    static String text(Object node, String... path) {
        Object value = at(node, path);
        return value instanceof Map || value instanceof List || value == null ? null : String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String... path) {
        Object value = at(node, path);
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String... path) {
        Object value = at(node, path);
        return value instanceof List ? (List<Object>) value : List.of();
    }

    static List<Map<String, Object>> maps(Object node, String... path) {
        List<Map<String, Object>> maps = new ArrayList<>();
        for (Object item : list(node, path)) {
            maps.add(map(item));
        }
        return maps;
    }

    /** A deep copy, so that a test can change a document without touching the one it came from. */
    Doc copy() {
        return new Doc(source, deepCopy(content));
    }

    @SuppressWarnings("unchecked")
    static <T> T deepCopy(T node) {
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, deepCopy(v)));
            return (T) copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(deepCopy(v)));
            return (T) copy;
        }
        return node;
    }
}
