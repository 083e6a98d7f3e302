package dev.hebb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.hebb.plugin.PluginProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Third-party plugin jars built at test time as their authors would build them: one class compiled
 * with {@code javax.tools.JavaCompiler} against nn-core's classes only, plus one services line.
 */
final class PluginJars {

    /**
     * The bent identity activation, {@code f(x) = (√(x²+1) − 1)/2 + x}, {@code f'(x) = x/(2√(x²+1)) + 1},
     * one class that is both provider and activation. With {@code wrongDerivative} the derivative
     * drops the {@code + 1}, a mistake {@code check-plugin} must catch.
     */
    static String bentIdentity(String name, boolean wrongDerivative) {
        return """
                package thirdparty;

                import dev.hebb.activation.Activation;
                import dev.hebb.plugin.ActivationProvider;
                import dev.hebb.plugin.Hyperparameters;
                import dev.hebb.tensor.Tensor;

                public final class BentIdentity implements ActivationProvider, Activation {
                    public String name() { return "%s"; }
                    public String description() { return "f(x) = (sqrt(x^2 + 1) - 1) / 2 + x"; }
                    public Activation create(Hyperparameters h) { return new BentIdentity(); }
                    public void forward(Tensor x, Tensor y) {
                        float[] in = x.data(), out = y.data();
                        for (int i = 0; i < in.length; i++) {
                            double v = in[i];
                            // (sqrt(v^2+1) - 1) = v^2 / (sqrt(v^2+1) + 1) without cancellation; hypot avoids overflow
                            out[i] = (float) (v * v / (Math.hypot(v, 1) + 1) / 2 + v);
                        }
                    }
                    public void backward(Tensor x, Tensor y, Tensor dy, Tensor dx) {
                        float[] in = x.data(), g = dy.data(), out = dx.data();
                        for (int i = 0; i < in.length; i++) {
                            double v = in[i];
                            out[i] = (float) (g[i] * (v / (2 * Math.hypot(v, 1))%s));
                        }
                    }
                }
                """.formatted(name, wrongDerivative ? "" : " + 1");
    }

    private PluginJars() {
    }

    /** Compiles {@code thirdparty.BentIdentity} from {@code source} into {@code dir/jarName}, with its services line. */
    static Path activationJar(Path dir, String jarName, String source) {
        try {
            Path work = Files.createTempDirectory(dir.getParent() == null ? dir : dir.getParent(), jarName + "-build");
            Path file = work.resolve("src/thirdparty/BentIdentity.java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source);
            Path classes = Files.createDirectories(work.resolve("classes"));
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            assertNotNull(javac, "tests need a JDK (javax.tools.JavaCompiler), not a JRE");
            ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
            int status = javac.run(null, diagnostics, diagnostics, "--release", "17", "-classpath", coreClasses(),
                    "-d", classes.toString(), file.toString());
            assertEquals(0, status, "plugin source does not compile: " + diagnostics.toString(StandardCharsets.UTF_8));
            Files.createDirectories(dir);
            Path jar = dir.resolve(jarName);
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                 Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(f));
                    out.closeEntry();
                }
                out.putNextEntry(new JarEntry("META-INF/services/dev.hebb.plugin.ActivationProvider"));
                out.write("thirdparty.BentIdentity\n".getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** nn-core's classes only: the plugin must not need anything else. */
    private static String coreClasses() {
        try {
            return Path.of(PluginProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
