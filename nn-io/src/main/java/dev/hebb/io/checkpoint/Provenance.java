package dev.hebb.io.checkpoint;

import java.util.List;

/**
 * Where a saved model came from: the Hebb version that wrote it, when, the seed, the weights training
 * started from when they were not drawn from the seed, and every plugin the model's config uses (kind,
 * name, implementing class and its version).
 *
 * @param hebbVersion    the project version that wrote the directory
 * @param created        ISO-8601 UTC time of the save
 * @param seed           the training seed
 * @param initialWeights the weights file training started from and its SHA-256 ({@code "FILE (sha256 HEX)"}),
 *                       or {@code null} when they came from the seed: the config and seed alone do not
 *                       reproduce such a run
 * @param plugins        the plugins used
 */
public record Provenance(String hebbVersion, String created, long seed, String initialWeights, List<Plugin> plugins) {

    /**
     * One plugin used by the config.
     *
     * @param kind      {@code layer}, {@code activation}, {@code loss}, {@code optimizer} or {@code schedule}
     * @param name      its registered name
     * @param className the provider class
     * @param version   the version of the jar it came from, or {@code "unknown"}
     */
    public record Plugin(String kind, String name, String className, String version) {
    }

    /** Copies the list. */
    public Provenance {
        plugins = List.copyOf(plugins);
    }

    /** The provenance of a run whose initial weights came from its seed. */
    public Provenance(String hebbVersion, String created, long seed, List<Plugin> plugins) {
        this(hebbVersion, created, seed, null, plugins);
    }
}
