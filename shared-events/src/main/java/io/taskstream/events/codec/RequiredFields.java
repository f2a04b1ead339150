package io.taskstream.events.codec;

import io.micronaut.core.annotation.Nullable;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Finds record components that are null but not marked {@link Nullable}, recursing into nested
 * records and collections of records. The deserializer accepts a missing property as null; the
 * contract does not, so a payload with a hole is rejected here instead of surprising a consumer.
 */
final class RequiredFields {

    private RequiredFields() {
    }

    static List<String> missing(Object value) {
        List<String> missing = new ArrayList<>();
        collect(value, "data", missing);
        return missing;
    }

    private static void collect(Object value, String path, List<String> missing) {
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collect(item, path + "[" + i++ + "]", missing);
            }
            return;
        }
        if (value == null || !value.getClass().isRecord()) {
            return;
        }
        for (RecordComponent component : value.getClass().getRecordComponents()) {
            Object child = read(component, value);
            String childPath = path + "." + component.getName();
            if (child == null && !component.getAccessor().isAnnotationPresent(Nullable.class)) {
                missing.add(childPath);
            }
            collect(child, childPath, missing);
        }
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }
}
