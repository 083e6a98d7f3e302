package dev.hebb.testplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.plugin.PluginProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a plugin jar the way a third party would, outside this build: compiles Java sources with
 * {@code javax.tools.JavaCompiler} against nn-core's classes only, and writes the classes plus
 * {@code META-INF/services} lines into a jar.
 */
public final class PluginJar {

    private PluginJar() {
    }

    /**
     * Compiles {@code sources} (fully qualified class name → source) and writes {@code jar} with the
     * classes and one services file per entry of {@code services} (service interface → provider class).
     */
    public static Path build(Path workDir, String jarName, Map<String, String> sources, Map<String, String> services)
            throws IOException {
        Path src = Files.createDirectories(workDir.resolve(jarName + "-src"));
        Path classes = Files.createDirectories(workDir.resolve(jarName + "-classes"));
        List<String> args = new ArrayList<>(List.of("--release", "17", "-classpath", coreClasses(), "-d", classes.toString()));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests need a JDK (javax.tools.JavaCompiler), not a JRE");
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
        assertEquals(0, status, "plugin source does not compile: " + diagnostics.toString(StandardCharsets.UTF_8));

        Path jar = workDir.resolve(jarName + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
            for (Map.Entry<String, String> e : services.entrySet()) {
                out.putNextEntry(new JarEntry("META-INF/services/" + e.getKey()));
                out.write((e.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        assertTrue(Files.size(jar) > 0);
        return jar;
    }

    /** nn-core's main classes (the directory or jar holding the plugin contracts), nothing else. */
    private static String coreClasses() {
        try {
            return Path.of(PluginProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
