package io.taskstream.deploy;

import java.util.List;
import java.util.Map;

/** Null-tolerant access to parsed YAML/JSON trees: {@code Y.str(deployment, "spec", "replicas")}. */
final class Y {

    private Y() {
    }

    static Object at(Object node, Object... path) {
        Object current = node;
        for (Object step : path) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(step);
            } else if (current instanceof List<?> list && step instanceof Integer i) {
                current = i < list.size() ? list.get(i) : null;
            } else {
                return null;
            }
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, Object... path) {
        Object v = at(node, path);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, Object... path) {
        Object v = at(node, path);
        return v instanceof List<?> l ? (List<Object>) l : List.of();
    }

    static String str(Object node, Object... path) {
        Object v = at(node, path);
        return v == null ? null : String.valueOf(v);
    }

    static String name(Object resource) {
        return str(resource, "metadata", "name");
    }

    static String kind(Object resource) {
        return str(resource, "kind");
    }
}
