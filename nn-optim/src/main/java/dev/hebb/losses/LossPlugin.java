package dev.hebb.losses;

import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.LossProvider;
import java.util.List;

/** The name, description and hyperparameter specs every built-in loss provider declares. */
abstract class LossPlugin implements LossProvider {

    private final String name;
    private final String description;
    private final List<HyperparameterSpec> specs;

    LossPlugin(String name, String description, HyperparameterSpec... specs) {
        this.name = name;
        this.description = description;
        this.specs = List.of(specs);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<HyperparameterSpec> hyperparameterSpecs() {
        return specs;
    }
}
