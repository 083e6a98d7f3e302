package dev.hebb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./nn} launcher script, run by {@code /bin/sh} in a copy of the repository layout where
 * {@code mvn}, {@code java} and {@code nproc} are stand-ins (two processors unless a test says otherwise)
 * that record how they were called: it builds only when the jar is missing or stale, passes the Vector API
 * flag and JIT options (and more JIT threads on small machines), filters the incubator warning and keeps
 * java's exit status.
 */
class LauncherTest {

    /** What the launcher always passes: the matrix kernels compiled after a tenth of the usual calls. */
    private static final String JIT = "-XX:CompileCommand=quiet "
            + "-XX:CompileCommand=CompileThresholdScaling,dev.hebb.internal.kernel.VectorKernel::*,0.1";

    @TempDir
    Path root;

    private Path jar;
    private Path log;

    @BeforeEach
    void layout() throws IOException {
        Path script = Path.of(System.getProperty("user.dir")).resolve("../nn").normalize();
        Files.copy(script, root.resolve("nn"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        for (String module : new String[] {"nn-core", "nn-activations", "nn-optim", "nn-io", "nn-cli"}) {
            Files.createDirectories(root.resolve(module + "/src/main/java"));
            Files.writeString(root.resolve(module + "/pom.xml"), "<project/>");
            Files.writeString(root.resolve(module + "/src/main/java/A.java"), "class A {}");
        }
        jar = root.resolve("nn-cli/target/nn.jar");
        log = root.resolve("calls.log");
        Path bin = Files.createDirectories(root.resolve("bin"));
        // mvn: records its arguments and "builds" the jar.
        executable(bin.resolve("mvn"), "#!/bin/sh\necho \"mvn $*\" >> '" + log + "'\nmkdir -p '" + jar.getParent()
                + "'\necho jar > '" + jar + "'\n");
        // java: records its arguments, prints the JVM's incubator warning and a real error, exits with $NN_FAKE_STATUS.
        executable(bin.resolve("java"), "#!/bin/sh\necho \"java $*\" >> '" + log + "'\necho out\n"
                + "echo 'WARNING: Using incubator modules: jdk.incubator.vector' >&2\necho 'nn: a real error' >&2\n"
                + "exit ${NN_FAKE_STATUS:-0}\n");
        executable(bin.resolve("nproc"), "#!/bin/sh\necho ${NN_FAKE_NPROC:-2}\n");
    }

    @Test
    void aMissingJarIsBuiltQuietlyWithTestsSkippedThenRun() throws Exception {
        Result r = launch(Map.of(), "plugins", "--verbose");
        assertEquals(0, r.code, r.toString());
        assertEquals("mvn -B -q -Dmaven.test.skip=true package -pl nn-cli -am\n"
                + "java --add-modules jdk.incubator.vector " + JIT + " -XX:CICompilerCount=4 -jar " + jar + " plugins --verbose\n",
                calls(), r.toString());
        assertEquals("out\n", r.out);
        assertTrue(r.err.contains("nn: building nn-cli/target/nn.jar"), r.toString());
    }

    @Test
    void anUpToDateJarRunsWithoutBuildingAndTheIncubatorWarningIsFiltered() throws Exception {
        freshJar();
        Result r = launch(Map.of(), "--version");
        assertEquals("java --add-modules jdk.incubator.vector " + JIT + " -XX:CICompilerCount=4 -jar " + jar + " --version\n", calls());
        assertEquals("nn: a real error\n", r.err, "only the incubator warning is removed from stderr");
        assertEquals("out\n", r.out);
    }

    /** Below 8 processors HotSpot starts two JIT threads, too few to compile the kernels during the first epoch. */
    @Test
    void moreJitThreadsOnlyOnSmallMachinesAndNnJavaOptsComeLast() throws Exception {
        freshJar();
        launch(Map.of("NN_FAKE_NPROC", "16"), "--version");
        assertEquals("java --add-modules jdk.incubator.vector " + JIT + " -jar " + jar + " --version\n", calls());
        Files.delete(log);
        launch(Map.of("NN_FAKE_NPROC", "4", "NN_JAVA_OPTS", "-XX:CICompilerCount=2 -Xmx4g"), "--version");
        assertEquals("java --add-modules jdk.incubator.vector " + JIT + " -XX:CICompilerCount=4 -XX:CICompilerCount=2 -Xmx4g -jar "
                + jar + " --version\n", calls(), "the user's option comes last, so it wins");
    }

    /** The JIT option holds a '*', which the shell must not expand against file names where nn runs. */
    @Test
    void theJitOptionsAreNotExpandedAsFileNames() throws Exception {
        freshJar();
        Files.writeString(root.resolve("-XX:CompileCommand=CompileThresholdScaling,dev.hebb.internal.kernel.VectorKernel::x,0.1"), "");
        launch(Map.of(), "--version");
        assertEquals("java --add-modules jdk.incubator.vector " + JIT + " -XX:CICompilerCount=4 -jar " + jar + " --version\n", calls());
    }

    @Test
    void aSourceNewerThanTheJarTriggersARebuild() throws Exception {
        freshJar();
        Files.setLastModifiedTime(root.resolve("nn-optim/src/main/java/A.java"), FileTime.from(Instant.now().plusSeconds(60)));
        launch(Map.of(), "plugins");
        assertTrue(calls().startsWith("mvn -B -q -Dmaven.test.skip=true package"), calls());
    }

    @Test
    void javasExitStatusIsTheLaunchersExitStatus() throws Exception {
        freshJar();
        assertEquals(2, launch(Map.of("NN_FAKE_STATUS", "2")).code);
        assertEquals(1, launch(Map.of("NN_FAKE_STATUS", "1")).code);
    }

    /**
     * Ctrl-C in a terminal sends SIGINT to the whole process group: launcher, its subshells, java and the
     * filter. java's status (130 after a checkpoint) and what it prints while stopping must come through.
     */
    @Test
    void ctrlCToTheProcessGroupKeepsJavasExitStatus() throws Exception {
        assumeFalse(sigintIgnored(), "SIGINT is ignored in this JVM, so its children could not receive it");
        freshJar();
        Path started = root.resolve("started");
        // java: stops on SIGINT as nn does (a message, then 130); until then it keeps running.
        executable(root.resolve("bin/java"), "#!/bin/sh\ntrap 'echo \"nn: interrupted\" >&2; exit 130' INT\n"
                + "echo 'WARNING: Using incubator modules: jdk.incubator.vector' >&2\n"
                + "touch '" + started + "'\nwhile :; do sleep 0.1; done\n");
        // setsid: the launcher leads a process group of its own, as a shell job does, so the test JVM is not signalled.
        Process p = start(Map.of(), "setsid", "/bin/sh", root.resolve("nn").toString(), "train", "x.json");
        try {
            for (int i = 0; i < 600 && !Files.exists(started); i++) {
                Thread.sleep(50);
            }
            assertTrue(Files.exists(started), "fake java did not start");
            Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + p.pid()).inheritIO().start();
            assertEquals(0, kill.waitFor());
            Result r = finish(p);
            assertEquals(new Result(130, "", "nn: interrupted\n"), r);
        } finally {
            // Whatever failed, no fake java may keep looping after the test (it would outlive the build).
            new ProcessBuilder("kill", "-KILL", "--", "-" + p.pid()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        }
    }

    @Test
    void withoutBuildingAMissingJarIsOneClearError() throws Exception {
        Result r = launch(Map.of("NN_NO_BUILD", "1"), "plugins");
        assertEquals(1, r.code);
        assertEquals("nn: " + jar + " is missing; build it with: mvn -B -Dmaven.test.skip=true package -pl nn-cli -am\n", r.err);
        assertFalse(Files.exists(log));
    }

    private void freshJar() throws IOException {
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(30)));
    }

    private String calls() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private record Result(int code, String out, String err) {
    }

    private Result launch(Map<String, String> env, String... args) throws Exception {
        String[] command = new String[args.length + 2];
        command[0] = "/bin/sh";
        command[1] = root.resolve("nn").toString();
        System.arraycopy(args, 0, command, 2, args.length);
        return finish(start(env, command));
    }

    /** Starts {@code command} in the copied layout, with the stand-ins first on the PATH. */
    private Process start(Map<String, String> env, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
        pb.environment().put("PATH", root.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().remove("JAVA");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        return p;
    }

    private static Result finish(Process p) throws Exception {
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "launcher did not finish");
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Whether this JVM ignores SIGINT (bit 2 of SigIgn), as when started in the background by a shell without job control. */
    private static boolean sigintIgnored() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("SigIgn:"))
                .anyMatch(l -> (Long.parseLong(l.substring(7).strip(), 16) & 2) != 0);
    }

    private static void executable(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
