package dev.hebb.io.checkpoint;

import java.util.List;

/**
 * Where a saved model came from: the Hebb version that wrote it, when, the seed, and every plugin the
 * model's config uses (kind, name, implementing class and its version).
 *
 * @param hebbVersion the project version that wrote the directory
 * @param created     ISO-8601 UTC time of the save
 * @param seed        the training seed
 * @param plugins     the plugins used
 */
public record Provenance(String hebbVersion, String created, long seed, List<Plugin> plugins) {

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
}
