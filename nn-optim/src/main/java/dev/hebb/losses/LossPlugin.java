package dev.hebb.losses;

import dev.hebb.plugin.DescribedProvider;
import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.LossProvider;

/** A built-in loss provider: its name, description and hyperparameter specs, declared once. */
abstract class LossPlugin extends DescribedProvider implements LossProvider {

    LossPlugin(String name, String description, HyperparameterSpec... specs) {
        super(name, description, specs);
    }
}
