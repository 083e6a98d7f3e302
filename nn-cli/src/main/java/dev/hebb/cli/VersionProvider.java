package dev.hebb.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code nn --version}: the project version (filtered into version.properties at build time) and the JVM. */
public final class VersionProvider implements IVersionProvider {

    /** The project version, e.g. {@code 0.1.0}. */
    public static String version() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the nn-cli jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    @Override
    public String[] getVersion() {
        boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        return new String[] {
            "nn (Hebb) " + version(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + "), Vector API "
                    + (vector ? "enabled" : "not enabled (run with --add-modules jdk.incubator.vector)")
        };
    }
}
