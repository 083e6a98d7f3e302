package dev.hebb.io.config;

import dev.hebb.layer.Parameter;
import dev.hebb.layer.Sequential;
import dev.hebb.layer.SequentialBuilder;
import dev.hebb.loss.Loss;
import dev.hebb.optim.LearningRateSchedule;
import dev.hebb.optim.Optimizer;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.NamedSchedule;
import dev.hebb.plugin.PluginRegistry;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One training run as described by a JSON config ({@link ConfigReader}): the model, loss, optimizer,
 * optional learning-rate schedule, training settings and data. Immutable. The {@code build...} methods
 * turn the plugin names into objects through a {@link PluginRegistry}; any error names the config
 * file and the JSON path of the offending object or key.
 *
 * @param model     the input shape and expanded layer list
 * @param loss      the loss plugin
 * @param optimizer the optimizer plugin
 * @param scheduler the schedule plugin, or {@code null} for a constant learning rate
 * @param training  epochs, batch size, seed and the rest
 * @param data      where the samples come from, or {@code null} when the config only describes a model
 * @param source    the config file (or a description of where the JSON came from), for messages
 */
public record RunConfig(ModelSpec model, PluginSpec loss, PluginSpec optimizer, PluginSpec scheduler,
                        TrainingSpec training, DataSpec data, String source) {

    private static final Pattern KEY_IN_MESSAGE = Pattern.compile("hyperparameter '([^']+)'");
    /** The registry's error for a plugin name it does not know, placed at the name (or type) key. */
    private static final Pattern UNKNOWN_PLUGIN = Pattern.compile("unknown (activation|loss|optimizer|layer|schedule) '");
    /** The first quoted value of a message. */
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
    /** A plugin's own range check, "adam: betas[1] must be in [0.0, 1.0), got 1.0": the key and index it names. */
    private static final Pattern KEY_AFTER_PLUGIN = Pattern.compile("^[a-z0-9_]+: ([A-Za-z][A-Za-z0-9]*)(\\[\\d+])? ");

    /**
     * The config of a model built and trained in Java, so that it can be saved as a model directory
     * ({@code ModelDirectory.save}) and loaded back, by {@code nn eval} and {@code nn predict} too: the
     * model's layers ({@link ModelSpec#of}), the loss, the optimizer as named and configured (an
     * {@link Optimizer} does not report its hyperparameters, so give the ones it was created with) and the
     * settings of {@code training}, with its learning-rate schedule under {@code scheduler} when
     * {@link PluginRegistry#schedule} created it (one of the user's own, such as a lambda, has no name to record
     * and is left out). The config has no {@code data}: a checkpoint saved with it resumes in
     * Java ({@code ModelDirectory.restoreOptimizer}, {@code Trainer.fit(train, validation, epoch)}), not
     * with {@code TrainingRun.resume} or {@code nn train --resume}, which need the data files.
     */
    public static RunConfig of(Sequential model, Loss loss, String optimizer, Hyperparameters optimizerHyperparameters,
                               dev.hebb.train.TrainingConfig training) {
        TrainingSpec spec = new TrainingSpec(training.epochs(), training.batchSize(), training.shuffle(), training.seed(),
                training.clipGradNorm().orElse(0), training.clipGradValue().orElse(0), training.validationFraction(),
                null);
        PluginSpec scheduler = null;
        // A schedule of the user's own (a lambda) has no name to record. It is left out rather than refused: a
        // model trained with one must still save, and a config built here resumes only in Java, where the
        // trainer is given the TrainingConfig, schedule included, again.
        if (training.schedule().isPresent() && training.schedule().get() instanceof NamedSchedule named) {
            scheduler = new PluginSpec(named.name(), named.hyperparameters(), "scheduler");
        }
        return new RunConfig(ModelSpec.of(model), new PluginSpec(loss.name(), loss.hyperparameters(), "loss"),
                new PluginSpec(optimizer, optimizerHyperparameters, "optimizer"), scheduler, spec, null, "built in Java");
    }

    /** Checks the required parts. */
    public RunConfig {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(source, "source");
    }

    /**
     * A fresh model with weights initialised from {@code new SplittableRandom(training.seed())}, layer by
     * layer in order, so the same config and seed always give the same initial weights.
     *
     * @throws ConfigException naming the file, the layer's JSON path and the problem (unknown type or
     *                         hyperparameter, invalid value, incompatible input shape)
     */
    public Sequential buildModel(PluginRegistry registry) {
        return buildModel(registry, new SplittableRandom(training.seed()));
    }

    /** A fresh model with weights drawn from {@code random}. */
    public Sequential buildModel(PluginRegistry registry, RandomGenerator random) {
        SequentialBuilder builder = Sequential.builder(registry, random, model.inputShape());
        for (LayerSpec spec : model.layers()) {
            try {
                builder.layer(spec.type(), spec.hyperparameters());
            } catch (IllegalArgumentException e) {
                throw located(spec.path(), spec.hyperparameters(), e, e.getMessage().startsWith("unknown layer") ? ".type"
                        : spec.path().endsWith(".activation") ? "" : ".name");
            }
        }
        return builder.build();
    }

    /** The configured loss. */
    public Loss buildLoss(PluginRegistry registry) {
        try {
            return registry.loss(loss.name(), loss.hyperparameters());
        } catch (IllegalArgumentException e) {
            throw located(loss.path(), loss.hyperparameters(), e, ".name");
        }
    }

    /** Whether the configured loss takes class ids as targets (so CSV labels are read as classes). */
    public boolean lossTakesClassLabels(PluginRegistry registry) {
        return buildLoss(registry).takesClassLabels();
    }

    /** The configured optimizer over {@code parameters}. */
    public Optimizer buildOptimizer(PluginRegistry registry, List<Parameter> parameters) {
        try {
            return registry.optimizer(optimizer.name(), parameters, optimizer.hyperparameters());
        } catch (IllegalArgumentException e) {
            throw located(optimizer.path(), optimizer.hyperparameters(), e, ".name");
        }
    }

    /** The configured schedule, or {@code null} when the config has none. */
    public LearningRateSchedule buildSchedule(PluginRegistry registry) {
        if (scheduler == null) {
            return null;
        }
        try {
            return registry.schedule(scheduler.name(), scheduler.hyperparameters());
        } catch (IllegalArgumentException e) {
            throw located(scheduler.path(), scheduler.hyperparameters(), e, ".name");
        }
    }

    /**
     * Checks every plugin name and hyperparameter by building each plugin once (the model with the
     * config's seed), so a broken config fails before any data is read.
     *
     * @throws ConfigException at the first problem
     */
    public void validate(PluginRegistry registry) {
        Sequential built = buildModel(registry);
        buildLoss(registry);
        buildOptimizer(registry, built.parameters());
        buildSchedule(registry);
    }

    /** This config with other training settings (e.g. epochs changed on the command line). */
    public RunConfig withTraining(TrainingSpec newTraining) {
        return new RunConfig(model, loss, optimizer, scheduler, newTraining, data, source);
    }

    /**
     * The error of a plugin, placed: the key's path when the message names one of the object's keys (as
     * "hyperparameter 'units'", or right after the plugin's name: "adam: betas[1] must be ..."),
     * {@code suffix} (the name or type key) for an unknown plugin, else the object's path.
     */
    private ConfigException located(String path, Hyperparameters hyperparameters, IllegalArgumentException e, String suffix) {
        String message = e.getMessage();
        String where = path;
        Matcher m = KEY_IN_MESSAGE.matcher(message);
        Matcher own = KEY_AFTER_PLUGIN.matcher(message);
        if (m.find() && hyperparameters.has(m.group(1))) {
            where = path + "." + m.group(1);
        } else if (own.find() && hyperparameters.has(own.group(1))) {
            where = path + "." + own.group(1) + (own.group(2) == null ? "" : own.group(2));
        } else if (UNKNOWN_PLUGIN.matcher(message).lookingAt()) {
            where = path + suffix;
        } else {
            // A value the plugin rejects by itself ("unknown initializer 'glorot'"): placed at the key holding it.
            Matcher quoted = QUOTED.matcher(message);
            if (quoted.find()) {
                for (String key : hyperparameters.keys()) {
                    if (quoted.group(1).equals(String.valueOf(hyperparameters.asMap().get(key)))) {
                        where = path + "." + key;
                        break;
                    }
                }
            }
        }
        return new ConfigException(source, where, message, e);
    }
}
