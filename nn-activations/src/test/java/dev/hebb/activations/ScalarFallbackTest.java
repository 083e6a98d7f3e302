package dev.hebb.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.activation.Activation;
import dev.hebb.math.ScalarMath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * nn-activations on a JVM started without {@code --add-modules jdk.incubator.vector}: a child JVM on the test
 * class path runs {@link #main} (every vectorised activation, softmax, log_softmax and the rectifiers included,
 * forward and backward, on a sweep of inputs), finds no Vector API, starts no warm-up, keeps the vector loops
 * off, takes the scalar loops, and must print the same CRC of the output bits as this JVM, which runs
 * the vector loops: the fallback works and gives bitwise the same results.
 */
class ScalarFallbackTest {

    private static final int POINTS = 40_003;

    /** CRC-32 of the float bits of every activation's outputs and input gradients on the sweep. */
    static long digest() {
        float[] x = VectorPathTest.sweep(21);
        x = java.util.Arrays.copyOf(x, POINTS);
        float[] dy = new float[x.length];
        for (int i = 0; i < dy.length; i++) {
            dy[i] = (float) Math.sin(i);
        }
        CRC32 crc = new CRC32();
        for (Activation a : all()) {
            float[] y = VectorPathTest.forwardWhole(a, x);
            float[] dx = VectorPathTest.backwardWhole(a, x, y, dy);
            for (int i = 0; i < x.length; i++) {
                crc.update(Float.floatToRawIntBits(y[i]));
                crc.update(Float.floatToRawIntBits(dx[i]));
            }
        }
        return crc.getValue();
    }

    /** Every vectorised activation, softmax and log_softmax included. */
    private static List<Activation> all() {
        List<Activation> all = new java.util.ArrayList<>(VectorPathTest.VECTORISED);
        all.add(ActivationTesting.activation("softmax"));
        all.add(ActivationTesting.activation("log_softmax"));
        return all;
    }

    /**
     * Prints whether the Vector API is present, whether the activations' vector loops are on once their
     * warm-ups have ended (started and awaited here; without the module there is none, and they stay off),
     * and the digest.
     */
    public static void main(String[] args) {
        System.out.println(ScalarMath.vectorApiAvailable() + " " + VectorPathTest.warmUp(all()) + " " + digest());
    }

    @Test
    void withoutTheVectorModuleTheScalarLoopsGiveTheSameBits() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, ScalarFallbackTest.class.getName());
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the child JVM did not finish");
        assertEquals(0, process.exitValue(), output);

        assertTrue(ScalarMath.vectorApiAvailable(), "this JVM runs the vector loops");
        assertTrue(VectorPathTest.warmUp(all()), "... once warmed up");
        assertEquals("false false " + digest(), output,
                "child JVM: no Vector API, the vector loops never on, and the same bits from the scalar loops");
    }
}
