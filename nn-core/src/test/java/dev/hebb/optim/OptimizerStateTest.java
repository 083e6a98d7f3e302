package dev.hebb.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hebb.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptimizerStateTest {

    @Test
    void anEntryWithoutNameOrValueIsRejectedNamingIt() {
        // Accepted, a null scalar became a NullPointerException in scalar() or in the optimizer's loadState.
        Map<String, Double> scalars = new HashMap<>();
        scalars.put("lr", null);
        assertEquals("optimizer state scalar 'lr' has no value; every entry needs both", assertThrows(
                IllegalArgumentException.class, () -> new OptimizerState(Map.of(), scalars)).getMessage());
        Map<String, Tensor> tensors = new HashMap<>();
        tensors.put(null, Tensor.zeros(2));
        assertEquals("optimizer state tensor 'null' has no name; every entry needs both", assertThrows(
                IllegalArgumentException.class, () -> new OptimizerState(tensors, Map.of("lr", 0.1))).getMessage());
    }

    @Test
    void tensorsAreCopied() {
        Tensor buffer = Tensor.zeros(2);
        OptimizerState state = new OptimizerState(Map.of("0.exp_avg", buffer), Map.of("lr", 0.1));
        buffer.fill(1);
        assertEquals(0f, state.tensor("0.exp_avg").get(0));
        assertEquals(0.1, state.scalar("lr"));
    }
}
