package dev.hebb.losses;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.gradcheck.GradientCheck;
import dev.hebb.loss.Loss;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.Tensor;
import dev.hebb.testing.Registry;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every loss's analytic gradient against central finite differences ({@link GradientCheck} with a
 * relative step of 1e-3 instead of the default 1e-2: the losses are evaluated in double, so the smaller
 * step only shrinks the O(h²) truncation, which near p = 0.2 in {@code bce} exceeds 1e-3 at h = 1e-2). Inputs keep at least 0.1 away from kinks (|d| = 0, |d| = delta or beta, hinge margins) so
 * that the difference quotient is meaningful. Tolerance: max relative error below 1e-3, the float32
 * criterion of the engine's own checks (the values are double sums, so the error is the O(h²)
 * truncation of the quotient).
 */
class LossGradientCheckTest {

    private static final Tensor PREDICTION = Tensor.of(new float[] {0.5f, -1.5f, 2.0f, 0.7f, 0.25f, -3.0f}, 2, 3);
    private static final Tensor VALUES = Tensor.of(new float[] {1.0f, -1.0f, 0.75f, 0.25f, -0.5f, 0.5f}, 2, 3);
    private static final Tensor LABELS = Tensor.of(new float[] {1, 2}, 2);
    private static final Tensor PROBABILITIES = Tensor.of(new float[] {0.2f, 0.5f, 0.3f, 0.7f, 0.1f, 0.2f}, 2, 3);
    private static final Tensor LOG_PROBABILITIES = Tensor.of(new float[] {-1.2f, -0.5f, -2.0f, -0.1f, -3.0f, -2.5f}, 2, 3);
    private static final Tensor IN_UNIT_INTERVAL = Tensor.of(new float[] {0.2f, 0.9f, 0.5f, 0.3f, 0.7f, 0.4f}, 2, 3);

    record Case(String loss, Hyperparameters hyperparameters, Tensor prediction, Tensor target) {
        @Override
        public String toString() {
            return loss + hyperparameters;
        }
    }

    static Stream<Case> cases() {
        Hyperparameters sum = Hyperparameters.of("reduction", "sum");
        Hyperparameters none = Hyperparameters.empty();
        return Stream.of(
                new Case("mse", none, PREDICTION, VALUES),
                new Case("mse", sum, PREDICTION, VALUES),
                new Case("half_sse", none, PREDICTION, VALUES),
                new Case("l1", none, PREDICTION, VALUES),
                new Case("huber", none, PREDICTION, VALUES),
                new Case("huber", Hyperparameters.of("delta", 2.0), PREDICTION, VALUES),
                new Case("smooth_l1", none, PREDICTION, VALUES),
                new Case("smooth_l1", Hyperparameters.of("beta", 0.3), PREDICTION, VALUES),
                new Case("cross_entropy", none, PREDICTION, LABELS),
                new Case("cross_entropy", sum, PREDICTION, PROBABILITIES),
                new Case("cross_entropy", Hyperparameters.of("labelSmoothing", 0.1), PREDICTION, LABELS),
                new Case("cross_entropy", Hyperparameters.of("labelSmoothing", 0.2), PREDICTION, VALUES),
                new Case("nll", none, LOG_PROBABILITIES, LABELS),
                new Case("bce", none, IN_UNIT_INTERVAL, PROBABILITIES),
                new Case("bce_with_logits", none, PREDICTION, PROBABILITIES),
                new Case("kl_div", none, LOG_PROBABILITIES, PROBABILITIES),
                new Case("kl_div", Hyperparameters.of("reduction", "batchmean", "logTarget", true), PREDICTION,
                        LOG_PROBABILITIES),
                new Case("hinge", none, PREDICTION, LABELS),
                new Case("hinge", Hyperparameters.of("p", 2, "margin", 0.5), PREDICTION, LABELS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientMatchesFiniteDifferences(Case c) {
        Loss loss = Registry.get().loss(c.loss(), c.hyperparameters());
        GradientCheck.Result r = GradientCheck.defaults().withStep(1e-3).checkLoss(loss, c.prediction(), c.target());
        assertTrue(r.passes(1e-3), c + ": " + r);
    }
}
