package dev.hebb.plugin;

import java.util.Arrays;
import java.util.Objects;

/**
 * The description of one hyperparameter a plugin accepts: its name (PyTorch's, camelCased), its type,
 * its default (or {@code null} when it is required) and one sentence on what it does. The registry
 * rejects keys a plugin does not declare, and {@code nn plugins} prints these.
 *
 * @param name         the key in configs, e.g. {@code "negativeSlope"}
 * @param type         what kind of value it takes
 * @param defaultValue the value used when the key is absent; {@code null} when the key is required
 * @param description  one sentence for help texts
 */
public record HyperparameterSpec(String name, Type type, Object defaultValue, String description) {

    /** The kinds of hyperparameter value. */
    public enum Type { NUMBER, INTEGER, BOOLEAN, STRING, NUMBER_LIST, OBJECT }

    /** Validates the name and type; a list default is copied, so the caller's array cannot change it. */
    public HyperparameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (defaultValue instanceof double[] list) {
            defaultValue = list.clone();
        }
    }

    /** The default ({@code null} when required); a list default is a fresh copy on every call. */
    @Override
    public Object defaultValue() {
        return defaultValue instanceof double[] list ? list.clone() : defaultValue;
    }

    /** Equal when every component is, list defaults compared by their numbers. */
    @Override
    public boolean equals(Object o) {
        return o instanceof HyperparameterSpec s && name.equals(s.name) && type == s.type
                && Objects.deepEquals(defaultValue, s.defaultValue) && description.equals(s.description);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, Arrays.deepHashCode(new Object[] {defaultValue}), description);
    }

    @Override
    public String toString() {
        String value = defaultValue instanceof double[] list ? Arrays.toString(list) : String.valueOf(defaultValue);
        return "HyperparameterSpec[name=" + name + ", type=" + type + ", defaultValue=" + value + ", description="
                + description + "]";
    }

    /** A number with a default. */
    public static HyperparameterSpec number(String name, double defaultValue, String description) {
        return new HyperparameterSpec(name, Type.NUMBER, defaultValue, description);
    }

    /** A whole number with a default. */
    public static HyperparameterSpec integer(String name, int defaultValue, String description) {
        return new HyperparameterSpec(name, Type.INTEGER, defaultValue, description);
    }

    /** A boolean with a default. */
    public static HyperparameterSpec bool(String name, boolean defaultValue, String description) {
        return new HyperparameterSpec(name, Type.BOOLEAN, defaultValue, description);
    }

    /** A string with a default ({@code null} when required). */
    public static HyperparameterSpec string(String name, String defaultValue, String description) {
        return new HyperparameterSpec(name, Type.STRING, defaultValue, description);
    }

    /** A list of numbers with a default. */
    public static HyperparameterSpec numbers(String name, double[] defaultValue, String description) {
        return new HyperparameterSpec(name, Type.NUMBER_LIST, defaultValue, description);
    }

    /** A required value of the given type (no default). */
    public static HyperparameterSpec required(String name, Type type, String description) {
        return new HyperparameterSpec(name, type, null, description);
    }

    /** Whether the key must be given. */
    public boolean isRequired() {
        return defaultValue == null;
    }
}
