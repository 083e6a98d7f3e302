package dev.hebb.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.gradcheck.PluginContract;
import dev.hebb.optim.LearningRateSchedule;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.testing.Registry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every schedule against the learning rates PyTorch 1.13's schedulers set during epochs 0 to 11 with
 * base rate 0.1, printed by {@code nn-optim/src/test/python/schedules.py}
 * ({@code /usr/bin/python3 schedules.py}) and pasted here. PyTorch updates the rate recursively
 * (multiplying the previous one), this project evaluates the closed form, so they differ by double
 * roundings only: tolerance 1e-12 relative (plus 1e-15 absolute for the zeros of the cosine).
 */
class ScheduleTest {

    private static final double BASE = 0.1;

    private static void check(String name, Hyperparameters h, double... expected) {
        LearningRateSchedule schedule = Registry.get().schedule(name, h);
        for (int epoch = 0; epoch < expected.length; epoch++) {
            double lr = schedule.learningRate(epoch, BASE);
            assertEquals(expected[epoch], lr, 1e-15 + 1e-12 * Math.abs(expected[epoch]), name + h + " epoch " + epoch);
        }
    }

    @Test
    void stepMatchesStepLR() {
        check("step", Hyperparameters.of("stepSize", 3, "gamma", 0.5),
                0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125, 0.0125, 0.0125);
    }

    @Test
    void stepDefaultsToGammaOneTenth() {
        check("step", Hyperparameters.of("stepSize", 2),
                0.1, 0.1, 0.010000000000000002, 0.010000000000000002, 0.0010000000000000002, 0.0010000000000000002,
                0.00010000000000000003, 0.00010000000000000003, 1.0000000000000004e-05, 1.0000000000000004e-05,
                1.0000000000000004e-06, 1.0000000000000004e-06);
    }

    @Test
    void exponentialMatchesExponentialLR() {
        check("exponential", Hyperparameters.of("gamma", 0.9),
                0.1, 0.09000000000000001, 0.08100000000000002, 0.07290000000000002, 0.06561000000000002,
                0.05904900000000002, 0.05314410000000002, 0.04782969000000002, 0.043046721000000024,
                0.03874204890000002, 0.03486784401000002, 0.03138105960900001);
    }

    @Test
    void cosineMatchesCosineAnnealingLRIncludingPastTMax() {
        check("cosine", Hyperparameters.of("tMax", 10),
                0.1, 0.09755282581475769, 0.09045084971874738, 0.07938926261462367, 0.06545084971874739,
                0.05000000000000001, 0.03454915028125264, 0.020610737385376353, 0.009549150281252635,
                0.002447174185242324, 0.0, 0.0024471741852423235);
    }

    @Test
    void cosineWithEtaMin() {
        check("cosine", Hyperparameters.of("tMax", 5, "etaMin", 0.01),
                0.1, 0.09140576474687263, 0.06890576474687263, 0.04109423525312736, 0.018594235253127367, 0.01,
                0.018594235253127367, 0.04109423525312739, 0.06890576474687267, 0.09140576474687269,
                0.10000000000000006, 0.09140576474687272);
    }

    @Test
    void warmupAloneMatchesLinearLRWithItsDefaultStartFactor() {
        check("warmup", Hyperparameters.of("epochs", 4),
                0.03333333333333333, 0.05, 0.06666666666666668, 0.08333333333333334, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1,
                0.1, 0.1);
    }

    @Test
    void warmupStartFactor() {
        check("warmup", Hyperparameters.of("epochs", 3, "startFactor", 0.1),
                0.010000000000000002, 0.04, 0.07, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1);
    }

    @Test
    void warmupThenCosineMatchesSequentialLR() {
        check("warmup", Hyperparameters.of("epochs", 3, "startFactor", 0.1,
                        "after", Map.of("name", "cosine", "tMax", 5)),
                0.010000000000000002, 0.04, 0.07, 0.1, 0.09045084971874738, 0.06545084971874737, 0.03454915028125263,
                0.009549150281252633, 0.0, 0.009549150281252628, 0.03454915028125265, 0.06545084971874741);
    }

    @Test
    void warmupCanWrapAWarmup() {
        LearningRateSchedule s = Registry.get().schedule("warmup", Hyperparameters.of("epochs", 2, "startFactor", 0.5,
                "after", Map.of("name", "warmup", "epochs", 2, "startFactor", 0.5,
                        "after", Map.of("name", "exponential", "gamma", 0.5))));
        double[] expected = {0.05, 0.075, 0.05, 0.075, 0.1, 0.05, 0.025};
        for (int e = 0; e < expected.length; e++) {
            assertEquals(expected[e], s.learningRate(e, BASE), 1e-15, "epoch " + e);
        }
    }

    @Test
    void badConfigurationsFailWithTheScheduleAndKey() {
        // The rest of the message ("known: ...") is the registry's.
        String unknown = failure("warmup", Hyperparameters.of("epochs", 2, "after", Map.of("name", "cosin")));
        assertTrue(unknown.startsWith("warmup: in 'after': unknown schedule 'cosin'; did you mean 'cosine'?"), unknown);
        assertEquals("warmup: 'after' must name its schedule with a \"name\" key, got {tMax=5}",
                failure("warmup", Hyperparameters.of("epochs", 2, "after", Map.of("tMax", 5))));
        assertEquals("warmup: in 'after': cosine needs hyperparameter 'tMax' (epochs of the half cosine period)",
                failure("warmup", Hyperparameters.of("epochs", 2, "after", Map.of("name", "cosine"))));
        assertEquals("step: stepSize must be a positive whole number, got 0",
                failure("step", Hyperparameters.of("stepSize", 0)));
        assertEquals("warmup: startFactor must be in (0, 1], got 0.0",
                failure("warmup", Hyperparameters.of("epochs", 2, "startFactor", 0)));
        LearningRateSchedule s = Registry.get().schedule("exponential", Hyperparameters.of("gamma", 0.5));
        assertEquals("exponential: epoch must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> s.learningRate(-1, BASE)).getMessage());
    }

    private static String failure(String name, Hyperparameters h) {
        return assertThrows(IllegalArgumentException.class, () -> Registry.get().schedule(name, h)).getMessage();
    }

    @Test
    void everyScheduleKeepsThePluginContractWithWhatItNeeds() {
        Map<String, Hyperparameters> needs = Map.of(
                "step", Hyperparameters.of("stepSize", 3),
                "exponential", Hyperparameters.of("gamma", 0.9),
                "cosine", Hyperparameters.of("tMax", 10),
                "warmup", Hyperparameters.of("epochs", 3, "after", Map.of("name", "cosine", "tMax", 10)));
        assertEquals(Registry.get().schedules().keySet(), needs.keySet(), "a schedule added without a contract check here");
        needs.forEach((name, h) -> {
            PluginContract.Report report = PluginContract.schedule(Registry.get().scheduleProvider(name), h, Registry.get());
            assertTrue(report.passed(), report.toString());
            assertEquals(4, report.checks().size(), report.toString());
        });
    }
}
