package dev.hebb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded {@code nn-cli/target/nn.jar} (runs in the {@code integration-test} phase, after
 * {@code package}): its services files are the union of every module's, and it runs on its own.
 */
class NnJarIT {

    private static final String[] KINDS = {"ActivationProvider", "LossProvider", "OptimizerProvider", "LayerProvider",
        "ScheduleProvider"};

    @TempDir
    Path temp;

    private static Path jar() {
        Path jar = Path.of(System.getProperty("nn.jar", "target/nn.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " was not built by the package phase");
        return jar;
    }

    @Test
    void servicesFilesOfEveryModuleAreMergedNotOverwritten() throws IOException {
        Set<String> modulesWithPlugins = new TreeSet<>();
        try (JarFile jar = new JarFile(jar().toFile())) {
            for (String kind : KINDS) {
                String name = "META-INF/services/dev.hebb.plugin." + kind;
                ZipEntry entry = jar.getEntry(name);
                Set<String> merged = entry == null ? Set.of() : lines(jar.getInputStream(entry));
                // Every module on this test's class path (nn-core, nn-activations, nn-optim, nn-io) lists its own.
                for (URL url : Collections.list(getClass().getClassLoader().getResources(name))) {
                    Set<String> own = lines(url.openStream());
                    assertTrue(merged.containsAll(own), name + " in nn.jar lacks providers of " + url + ": "
                            + own + " vs " + merged);
                    if (!own.isEmpty()) {
                        modulesWithPlugins.add(module(url));
                    }
                }
            }
        }
        assertTrue(modulesWithPlugins.containsAll(List.of("nn-core", "nn-activations", "nn-optim")),
                "expected plugins from nn-core, nn-activations and nn-optim, found them in " + modulesWithPlugins);
    }

    @Test
    void theJarRunsAloneAndLoadsPluginJarsFromNnPlugins() throws Exception {
        Path plugins = PluginJars.activationJar(temp.resolve("plugins"), "bent.jar",
                PluginJars.bentIdentity("bent_identity", false)).getParent();
        ProcessBuilder pb = new ProcessBuilder(javaExecutable(), "--add-modules", "jdk.incubator.vector", "-jar",
                jar().toString(), "plugins");
        pb.environment().put("NN_PLUGINS", plugins.toString());
        Result r = run(pb);
        assertEquals(0, r.code, r.toString());
        assertTrue(r.out.contains("\n  dense  "), r.toString());
        assertTrue(r.out.contains("\n  bent_identity  "), r.toString());
        assertTrue(r.out.contains("from " + jar().toAbsolutePath().normalize()), r.toString());
    }

    @Test
    void nnPluginsMayNameAFolderCalledPlugins() throws Exception {
        PluginJars.activationJar(temp.resolve("plugins"), "bent.jar", PluginJars.bentIdentity("bent_identity", false));
        ProcessBuilder pb = new ProcessBuilder(javaExecutable(), "--add-modules", "jdk.incubator.vector", "-jar",
                jar().toAbsolutePath().toString(), "plugins");
        pb.directory(temp.toFile());
        pb.environment().put("NN_PLUGINS", "plugins");
        Result r = run(pb);
        assertEquals(0, r.code, r.toString());
        assertTrue(r.out.contains("\n  bent_identity  "), r.toString());
    }

    @Test
    void theLauncherRunsTheJarWithoutTheIncubatorWarning() throws Exception {
        Path root = Path.of(System.getProperty("nn.root", "..")).toAbsolutePath().normalize();
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", root.resolve("nn").toString(), "--version");
        pb.environment().put("NN_NO_BUILD", "1");       // the jar was just built; never start Maven inside Maven
        pb.environment().put("JAVA", javaExecutable());
        Result r = run(pb);
        assertEquals(0, r.code, r.toString());
        assertTrue(r.out.startsWith("nn (Hebb) " + VersionProvider.version() + "\n"), r.toString());
        assertTrue(r.out.contains("Vector API enabled"), r.toString());
        assertEquals("", r.err, "the launcher must filter the JVM's incubator warning");
    }

    @Test
    void ctrlCStopsAfterTheCurrentBatchAndKeepsAResumableCheckpoint() throws Exception {
        Path root = Path.of(System.getProperty("nn.root", "..")).toAbsolutePath().normalize();
        Path config = temp.resolve("long.json");
        Files.writeString(config, """
                {"model": {"inputs": 64, "layers": [{"type": "dense", "units": 32, "activation": "relu"},
                                                    {"type": "dense", "units": 10}]},
                 "loss": {"name": "cross_entropy"}, "optimizer": {"name": "sgd", "lr": 0.01},
                 "training": {"epochs": 100000, "batchSize": 32, "seed": 1},
                 "data": {"train": "%s", "targets": ["digit"]}}
                """.formatted(root.resolve("examples/data/digits.csv.gz").toString().replace("\\", "/")));
        Path out = temp.resolve("run");
        Process p = new ProcessBuilder(javaExecutable(), "--add-modules", "jdk.incubator.vector", "-jar", jar().toString(),
                "train", config.toString(), "--out", out.toString(), "--quiet").redirectError(temp.resolve("err.txt").toFile()).start();
        p.getOutputStream().close();
        Path metrics = out.resolve("metrics.csv");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!(Files.exists(metrics) && Files.readAllLines(metrics).size() >= 3) && System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("training ended early: " + Files.readString(temp.resolve("err.txt")));
            }
            Thread.sleep(100);
        }
        // SIGTERM runs the same shutdown hook as Ctrl-C's SIGINT; SIGINT itself cannot be used here because
        // processes started from a non-interactive shell's background jobs (as CI runs Maven) ignore it.
        assertEquals(0, new ProcessBuilder("kill", "-TERM", String.valueOf(p.pid())).start().waitFor());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("nn did not stop within 60 s of SIGTERM");
        }
        String err = Files.readString(temp.resolve("err.txt"));
        assertTrue(err.matches("(?s).*nn: interrupted; checkpoint of epoch \\d+ saved in " + java.util.regex.Pattern.quote(out.toString())
                + "; continue with: nn train --resume .*"), err);
        int epoch = Integer.parseInt(err.replaceAll("(?s).*checkpoint of epoch (\\d+) saved.*", "$1"));
        assertEquals(epoch + 1, Files.readAllLines(metrics).size(), "metrics.csv ends at the checkpoint's epoch");
        String model = Files.readString(out.resolve("model.json"));
        assertTrue(model.replaceAll("\\s", "").contains("\"progress\":{\"epoch\":" + epoch + ","), model);
    }

    private static String module(URL url) {
        String s = url.toString();
        for (String m : new String[] {"nn-core", "nn-activations", "nn-optim", "nn-io", "nn-cli"}) {
            if (s.contains("/" + m + "/") || s.contains("/" + m + "-")) {
                return m;
            }
        }
        return s;
    }

    private static Set<String> lines(InputStream in) throws IOException {
        try (in) {
            Set<String> out = new TreeSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.replaceAll("#.*", "").strip();
                if (!l.isEmpty()) {
                    out.add(l);
                }
            }
            return out;
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(ProcessBuilder pb) throws Exception {
        Process p = pb.start();
        p.getOutputStream().close();
        List<byte[]> err = new ArrayList<>();
        Thread drain = new Thread(() -> {
            try {
                err.add(p.getErrorStream().readAllBytes());
            } catch (IOException e) {
                err.add(e.toString().getBytes(StandardCharsets.UTF_8));
            }
        });
        drain.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "nn did not finish");
        drain.join();
        assertFalse(err.isEmpty());
        return new Result(p.exitValue(), out, new String(err.get(0), StandardCharsets.UTF_8));
    }
}
