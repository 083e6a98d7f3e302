package dev.hebb.io.safetensors;

import dev.hebb.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a safetensors file holds: named tensors (converted to F32) in the order of their data, and the
 * {@code __metadata__} string map.
 *
 * @param tensors  the tensors by name
 * @param metadata the free-form string metadata (empty when the file has none)
 */
public record SafetensorsContent(Map<String, Tensor> tensors, Map<String, String> metadata) {

    /** Copies both maps (not the tensors) into unmodifiable ones. */
    public SafetensorsContent {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
