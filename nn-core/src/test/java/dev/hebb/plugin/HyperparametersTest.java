package dev.hebb.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HyperparametersTest {

    @Test
    void typedGettersReturnValuesOrDefaults() {
        Hyperparameters h = Hyperparameters.of("lr", 0.1, "nesterov", true, "units", 3, "init", "he",
                "betas", List.of(0.9, 0.999));
        assertEquals(0.1, h.getDouble("lr", 1));
        assertEquals(0.5, h.getDouble("momentum", 0.5));
        assertTrue(h.getBoolean("nesterov", false));
        assertEquals(3, h.getInt("units", 0));
        assertEquals(3.0, h.getDouble("units", 0), "an integer is also a number");
        assertEquals("he", h.getString("init", "pytorch"));
        assertArrayEquals(new double[] {0.9, 0.999}, h.getDoubles("betas", 0.5, 0.5));
        assertArrayEquals(new double[] {0.5, 0.5}, h.getDoubles("other", 0.5, 0.5));
        assertNull(h.getNested("schedule"));
        assertEquals(List.of("lr", "nesterov", "units", "init", "betas"), List.copyOf(h.keys()));
    }

    @Test
    void wrongTypesFailNamingKeyAndValue() {
        Hyperparameters h = Hyperparameters.of("lr", "fast", "units", 2.5, "flag", 1);
        assertEquals("hyperparameter 'lr' must be a number, but is 'fast'", assertThrows(IllegalArgumentException.class,
                () -> h.getDouble("lr", 0)).getMessage());
        assertEquals("hyperparameter 'units' must be a whole number, but is '2.5'",
                assertThrows(IllegalArgumentException.class, () -> h.getInt("units", 0)).getMessage());
        assertEquals("hyperparameter 'flag' must be true or false, but is '1'",
                assertThrows(IllegalArgumentException.class, () -> h.getBoolean("flag", false)).getMessage());
        assertEquals("hyperparameter 'flag' must be a string, but is '1'",
                assertThrows(IllegalArgumentException.class, () -> h.getString("flag", "")).getMessage());
        assertEquals("hyperparameter 'lr' must be an object, but is 'fast'",
                assertThrows(IllegalArgumentException.class, () -> h.getNested("lr")).getMessage());
        assertEquals(3, Hyperparameters.of("units", 3.0).getInt("units", 0), "3.0 is a whole number");
    }

    @Test
    void invalidValuesAreRejectedOnCreation() {
        assertEquals("hyperparameter 'lr' has no value", assertThrows(IllegalArgumentException.class,
                () -> Hyperparameters.of("lr", null)).getMessage());
        assertEquals("hyperparameter 'betas' must be a list of numbers, but holds 'a'",
                assertThrows(IllegalArgumentException.class, () -> Hyperparameters.of("betas", List.of(0.9, "a")))
                        .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Hyperparameters.of("x", (Object) new Object[] {1}))
                .getMessage().startsWith("hyperparameter 'x' has a value of unsupported type Object[]"));
        assertEquals("hyperparameters need key/value pairs, got 3 items", assertThrows(IllegalArgumentException.class,
                () -> Hyperparameters.of("a", 1, "b")).getMessage());
        assertEquals("hyperparameter name at position 0 is not a string: 1", assertThrows(IllegalArgumentException.class,
                () -> Hyperparameters.of(1, 2)).getMessage());
        Map<String, Object> nullKey = new HashMap<>();
        nullKey.put(null, 0.1);
        assertEquals("a hyperparameter has no name (a null key), with value 0.1",
                assertThrows(IllegalArgumentException.class, () -> Hyperparameters.of(nullKey)).getMessage());
        assertEquals("a hyperparameter has no name (a null key), with value 2",
                assertThrows(IllegalArgumentException.class, () -> Hyperparameters.of("a", 1).with(null, 2)).getMessage());
    }

    @Test
    void nestedMapsAndArraysAreNormalised() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("name", "step");
        Hyperparameters h = Hyperparameters.of("schedule", inner, "betas", new double[] {0.9, 0.99});
        assertEquals(Hyperparameters.of("name", "step"), h.getNested("schedule"));
        assertArrayEquals(new double[] {0.9, 0.99}, h.getDoubles("betas"));
        inner.put("name", "changed");
        assertEquals("step", h.getNested("schedule").getString("name", null), "values are copied");
    }

    @Test
    void withAndWithoutReturnCopies() {
        Hyperparameters h = Hyperparameters.of("a", 1);
        Hyperparameters h2 = h.with("b", 2);
        assertFalse(h.has("b"));
        assertTrue(h2.has("b"));
        assertEquals(h, h2.without("b"));
        assertEquals(h.hashCode(), h2.without("b").hashCode());
        assertNotEquals(h, h2);
        assertSame(Hyperparameters.empty(), h.without("a"));
        assertTrue(Hyperparameters.empty().isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> h.asMap().put("c", 3));
    }

    @Test
    void aListDefaultCannotBeChangedThroughItsSpecAndCompareByValue() {
        double[] given = {0.9, 0.999};
        HyperparameterSpec spec = HyperparameterSpec.numbers("betas", given, "decay rates");
        given[0] = 0.5;
        ((double[]) spec.defaultValue())[1] = 0.5;

        assertArrayEquals(new double[] {0.9, 0.999}, (double[]) spec.defaultValue());
        HyperparameterSpec same = new HyperparameterSpec("betas", HyperparameterSpec.Type.NUMBER_LIST,
                new double[] {0.9, 0.999}, "decay rates");
        assertEquals(spec, same);
        assertEquals(spec.hashCode(), same.hashCode());
        assertNotEquals(spec, HyperparameterSpec.numbers("betas", new double[] {0.9, 0.99}, "decay rates"));
        assertTrue(spec.toString().contains("defaultValue=[0.9, 0.999]"), spec.toString());
    }

    @Test
    void floatAndIntArraysAreListsOfNumbersAndOtherTypesAreNamedWithoutTheirIdentity() {
        assertArrayEquals(new double[] {0.5, 0.25}, Hyperparameters.of("betas", new float[] {0.5f, 0.25f}).getDoubles("betas"));
        assertArrayEquals(new double[] {3, 4}, Hyperparameters.of("sizes", new int[] {3, 4}).getDoubles("sizes"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Hyperparameters.of("x", new long[] {1}));
        assertEquals("hyperparameter 'x' has a value of unsupported type long[]; give a number, boolean, string, list"
                + " or array of numbers, or nested hyperparameters", e.getMessage());
    }
}
