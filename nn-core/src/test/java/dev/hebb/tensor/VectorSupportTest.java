package dev.hebb.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/** {@link VectorSupport#load}: the named class when it exists and fits, the fallback otherwise, never an error. */
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
    void aWarmUpSaysTrueOnceTheVectorRoundIsNoSlowerThanTheScalarOneAndRunsOncePerName() throws Exception {
        var done = VectorSupport.warmUpInBackground("test-equal", () -> sum(1000), () -> sum(1000));
        assertTrue(done.get(60, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(VectorSupport.warmUpInBackground("test-equal", () -> { }, () -> { }) == done, "one warm-up per name");
    }

    @Test
    void aWarmUpSaysFalseWhenTheVectorRoundStaysSlowerOrFails() throws Exception {
        var slow = VectorSupport.warmUpInBackground("test-slow", () -> sum(2000), () -> { });
        var failing = VectorSupport.warmUpInBackground("test-failing", () -> {
            throw new IllegalStateException("boom");
        }, () -> { });
        assertFalse(failing.get(60, java.util.concurrent.TimeUnit.SECONDS));
        assertFalse(slow.get(60, java.util.concurrent.TimeUnit.SECONDS));
    }

    private static void sum(int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.sqrt(i);
        }
        assertTrue(s >= 0);
    }
}
