package dev.hebb.plugin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable set of named hyperparameters for one plugin, e.g. {@code {"negativeSlope": 0.1}}.
 *
 * <p>Values are numbers, booleans, strings, lists of numbers (e.g. Adam's {@code betas}) or nested
 * {@code Hyperparameters} (e.g. the schedule a warm-up wraps). Keys are PyTorch's hyperparameter names
 * in camelCase. The typed getters take the default the plugin documents and fail with a sentence naming
 * the key and the offending value.
 */
public final class Hyperparameters {

    private static final Hyperparameters EMPTY = new Hyperparameters(Map.of());

    private final Map<String, Object> values;

    private Hyperparameters(Map<String, Object> values) {
        this.values = values;
    }

    /** No hyperparameters: every getter returns its default. */
    public static Hyperparameters empty() {
        return EMPTY;
    }

    /**
     * Hyperparameters from a map, validated and copied. Lists become unmodifiable lists of numbers;
     * nested maps become nested {@code Hyperparameters}.
     *
     * @throws IllegalArgumentException for a null key or value, or a value of an unsupported type
     */
    public static Hyperparameters of(Map<String, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : map.entrySet()) {
            String key = e.getKey();
            if (key == null) {
                throw new IllegalArgumentException("a hyperparameter has no name (a null key), with value " + e.getValue());
            }
            copy.put(key, normalize(key, e.getValue()));
        }
        return copy.isEmpty() ? EMPTY : new Hyperparameters(Collections.unmodifiableMap(copy));
    }

    /** Convenience for literals: {@code Hyperparameters.of("lr", 0.1, "momentum", 0.9)}. */
    public static Hyperparameters of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("hyperparameters need key/value pairs, got " + keysAndValues.length + " items");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (!(keysAndValues[i] instanceof String key)) {
                throw new IllegalArgumentException("hyperparameter name at position " + i + " is not a string: " + keysAndValues[i]);
            }
            map.put(key, keysAndValues[i + 1]);
        }
        return of(map);
    }

    /** A copy with {@code key} set to {@code value}. */
    public Hyperparameters with(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>(values);
        map.put(key, value);
        return of(map);
    }

    /** A copy without {@code key}. */
    public Hyperparameters without(String key) {
        Map<String, Object> map = new LinkedHashMap<>(values);
        map.remove(key);
        return of(map);
    }

    /** Whether {@code key} is set. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The names that are set, in insertion order. */
    public Set<String> keys() {
        return values.keySet();
    }

    /** The raw values, unmodifiable, in insertion order. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** Whether nothing is set. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The number at {@code key}, or {@code defaultValue} when it is not set. */
    public double getDouble(String key, double defaultValue) {
        Number n = typed(key, Number.class, "a number");
        return n == null ? defaultValue : n.doubleValue();
    }

    /** The whole number at {@code key}, or {@code defaultValue} when it is not set. */
    public int getInt(String key, int defaultValue) {
        Number n = typed(key, Number.class, "a whole number");
        if (n == null) {
            return defaultValue;
        }
        double d = n.doubleValue();
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw typeError(key, "a whole number", n);
        }
        return (int) d;
    }

    /** The boolean at {@code key}, or {@code defaultValue} when it is not set. */
    public boolean getBoolean(String key, boolean defaultValue) {
        Boolean b = typed(key, Boolean.class, "true or false");
        return b == null ? defaultValue : b;
    }

    /** The string at {@code key}, or {@code defaultValue} when it is not set. */
    public String getString(String key, String defaultValue) {
        String s = typed(key, String.class, "a string");
        return s == null ? defaultValue : s;
    }

    /** The list of numbers at {@code key}, or {@code defaultValue} when it is not set. */
    public double[] getDoubles(String key, double... defaultValue) {
        List<?> list = typed(key, List.class, "a list of numbers");
        if (list == null) {
            return defaultValue.clone();
        }
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) list.get(i)).doubleValue(); // normalize() admits lists of numbers only
        }
        return out;
    }

    /** The nested hyperparameters at {@code key}, or {@code null} when it is not set. */
    public Hyperparameters getNested(String key) {
        return typed(key, Hyperparameters.class, "an object");
    }

    /** The value at {@code key} as a {@code type}, {@code null} when it is not set, an error naming the key when it is another type. */
    private <T> T typed(String key, Class<T> type, String expected) {
        Object v = values.get(key);
        if (v == null || type.isInstance(v)) {
            return type.cast(v);
        }
        throw typeError(key, expected, v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hyperparameters h && values.equals(h.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    private static Object normalize(String key, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("hyperparameter '" + key + "' has no value");
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof String
                || value instanceof Hyperparameters) {
            return value;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> nested = new LinkedHashMap<>();
            m.forEach((k, v) -> nested.put(String.valueOf(k), v));
            return of(nested);
        }
        // Arrays of numbers become lists of doubles (exactly: a float's or int's own value).
        if (value instanceof double[] arr) {
            return numbers(arr.length, i -> arr[i]);
        }
        if (value instanceof float[] arr) {
            return numbers(arr.length, i -> arr[i]);
        }
        if (value instanceof int[] arr) {
            return numbers(arr.length, i -> arr[i]);
        }
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof Number)) {
                    throw new IllegalArgumentException("hyperparameter '" + key + "' must be a list of numbers, but holds '"
                            + item + "'");
                }
            }
            return List.copyOf(list);
        }
        throw new IllegalArgumentException("hyperparameter '" + key + "' has a value of unsupported type "
                + value.getClass().getSimpleName() + "; give a number, boolean, string, list or array of numbers, or"
                + " nested hyperparameters");
    }

    private static List<Double> numbers(int length, java.util.function.IntToDoubleFunction at) {
        List<Double> list = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            list.add(at.applyAsDouble(i));
        }
        return List.copyOf(list);
    }

    private static IllegalArgumentException typeError(String key, String expected, Object actual) {
        return new IllegalArgumentException("hyperparameter '" + key + "' must be " + expected + ", but is '" + actual + "'");
    }
}
