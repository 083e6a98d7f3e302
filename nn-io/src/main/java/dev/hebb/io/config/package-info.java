/**
 * Run configs: one JSON document describing a model, its loss, optimizer, schedule, training settings
 * and data ({@link dev.hebb.io.config.ConfigReader}), read into an immutable
 * {@link dev.hebb.io.config.RunConfig} that builds the parts through the plugin registry.
 */
package dev.hebb.io.config;
