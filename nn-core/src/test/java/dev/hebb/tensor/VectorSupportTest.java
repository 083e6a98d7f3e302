package dev.hebb.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorSupport#load}: the named class when it exists and fits, the fallback otherwise, never an error;
 * {@link VectorSupport#warmUp}: the vector path on the warm-up thread at once, on every thread once its work is done.
 */
class VectorSupportTest {

    /** Stands in for a vector implementation (private constructor, as such classes usually have). */
    static final class Seven implements IntSupplier {
        private Seven() {
        }

        @Override
        public int getAsInt() {
            return 7;
        }
    }

    @Test
    void theModuleIsPresentInTheTests() {
        // Surefire passes --add-modules jdk.incubator.vector; without it the engine's fast paths go untested.
        assertTrue(VectorSupport.available());
    }

    @Test
    void loadsTheNamedClass() {
        assertEquals(7, VectorSupport.load(IntSupplier.class, Seven.class.getName(), () -> () -> 0).getAsInt());
    }

    @Test
    void fallsBackWhenTheClassIsMissingOrDoesNotImplementTheType() {
        assertEquals(0, VectorSupport.load(IntSupplier.class, "dev.hebb.NoSuchLoops", () -> () -> 0).getAsInt());
        assertEquals(0, VectorSupport.load(IntSupplier.class, String.class.getName(), () -> () -> 0).getAsInt());
    }

    @Test
    void aWarmUpRunsItsWorkOnceOnItsOwnThreadWhichAloneTakesTheVectorPathUntilTheWorkEnds() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        boolean[] vectorInsideWork = new boolean[1];
        VectorSupport.WarmUp[] self = new VectorSupport.WarmUp[1];
        CountDownLatch started = new CountDownLatch(1);
        VectorSupport.WarmUp warmUp = VectorSupport.warmUp("test", () -> {
            runs.incrementAndGet();
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            vectorInsideWork[0] = self[0].vector();
        });
        self[0] = warmUp;
        assertTrue(started.await(60, TimeUnit.SECONDS));
        assertFalse(warmUp.vector(), "other threads run the scalar loops while the work runs");
        assertFalse(warmUp.await(Duration.ofMillis(1)), "not done yet");
        release.countDown();
        assertTrue(warmUp.await(Duration.ofSeconds(60)));
        assertTrue(warmUp.vector(), "every thread runs the vector loops once the work is done");
        assertTrue(vectorInsideWork[0], "the warm-up thread itself takes the vector path");
        assertEquals(1, runs.get());
    }

    @Test
    void aFailingWarmUpLeavesTheScalarLoopsInUse() throws Exception {
        VectorSupport.WarmUp failing = VectorSupport.warmUp("test-failing", () -> {
            throw new IllegalStateException("boom");
        });
        assertFalse(failing.await(Duration.ofSeconds(60)));
        assertFalse(failing.vector());
    }
}
