package dev.hebb.layer;

import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.LayerContext;
import dev.hebb.plugin.LayerProvider;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code dense} layer plugin: a {@link Dense} layer, {@code y = x·Wᵀ + b}, over flat inputs
 * {@code [features]}. Hyperparameters: {@code units} (required), {@code bias} (default true) and
 * {@code init} ({@code pytorch}, {@code he} or {@code xavier}; default {@code pytorch}).
 */
public final class DenseProvider implements LayerProvider {

    private static final List<HyperparameterSpec> HYPERPARAMETERS = List.of(
            HyperparameterSpec.required("units", HyperparameterSpec.Type.INTEGER, "the number of outputs"),
            HyperparameterSpec.bool("bias", true, "whether to add a learnable bias"),
            HyperparameterSpec.string("init", Initializer.PYTORCH.id(),
                    "initial weights: pytorch (U(±1/√in), as nn.Linear), he or xavier (uniform, zero bias)"));

    @Override
    public String name() {
        return "dense";
    }

    @Override
    public String description() {
        return "Fully connected layer y = x·Wᵀ + b with weight [units, in], as PyTorch's nn.Linear.";
    }

    @Override
    public List<HyperparameterSpec> hyperparameterSpecs() {
        return HYPERPARAMETERS;
    }

    @Override
    public Layer create(Hyperparameters hyperparameters, LayerContext context) {
        int[] shape = context.inputShape();
        if (shape.length != 1) {
            throw new IllegalArgumentException("dense layer needs flat inputs [features], but its input has shape "
                    + Arrays.toString(shape));
        }
        Initializer init = Initializer.fromId(hyperparameters.getString("init", Initializer.PYTORCH.id()));
        return new Dense(shape[0], hyperparameters.getInt("units", 0), hyperparameters.getBoolean("bias", true), init,
                context.random());
    }
}
