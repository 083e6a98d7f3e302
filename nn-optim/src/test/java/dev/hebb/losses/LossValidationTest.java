package dev.hebb.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.loss.Loss;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.Tensor;
import dev.hebb.testing.Registry;
import org.junit.jupiter.api.Test;

/** Mismatched shapes, bad labels and bad settings fail with a sentence naming the loss, the expected and the actual. */
class LossValidationTest {

    private static final Tensor LOGITS = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);

    private static String failure(String loss, Tensor prediction, Tensor target) {
        Loss l = Registry.get().loss(loss, Hyperparameters.empty());
        return assertThrows(IllegalArgumentException.class, () -> l.value(prediction, target)).getMessage();
    }

    @Test
    void labelOutOfRangeNamesLabelRowAndClassCount() {
        assertEquals("cross_entropy: class label 7 in row 1 is out of range for 3 classes (expected 0 to 2)",
                failure("cross_entropy", LOGITS, Tensor.of(new float[] {0, 7}, 2)));
        assertEquals("nll: class label -1 in row 0 is out of range for 3 classes (expected 0 to 2)",
                failure("nll", LOGITS, Tensor.of(new float[] {-1, 0}, 2)));
        assertEquals("hinge: class label 3 in row 0 is out of range for 3 classes (expected 0 to 2)",
                failure("hinge", LOGITS, Tensor.of(new float[] {3, 0}, 2)));
    }

    @Test
    void nonWholeLabelIsRejected() {
        assertEquals("cross_entropy: class label 1.5 in row 1 is not a whole number",
                failure("cross_entropy", LOGITS, Tensor.of(new float[] {0, 1.5f}, 2)));
        assertEquals("nll: class label NaN in row 0 is not a whole number",
                failure("nll", LOGITS, Tensor.of(new float[] {Float.NaN, 1}, 2)));
    }

    @Test
    void wrongBatchSizeNamesBothShapes() {
        assertEquals("cross_entropy: target shape [3] does not match prediction shape [2, 3]; expected class labels [2]"
                        + " or class probabilities [2, 3]",
                failure("cross_entropy", LOGITS, Tensor.of(new float[] {0, 1, 2}, 3)));
        assertEquals("nll: target shape [3] does not match prediction shape [2, 3]; expected class labels of shape [2]",
                failure("nll", LOGITS, Tensor.of(new float[] {0, 1, 2}, 3)));
        assertEquals("mse: target shape [3, 2] does not match prediction shape [2, 3]",
                failure("mse", LOGITS, Tensor.zeros(3, 2)));
        assertEquals("bce_with_logits: target shape [2] does not match prediction shape [2, 3]",
                failure("bce_with_logits", LOGITS, Tensor.zeros(2)));
    }

    @Test
    void classLossesNeedABatchOfScores() {
        assertEquals("cross_entropy: prediction must be [batch, classes], got [6]",
                failure("cross_entropy", Tensor.zeros(6), Tensor.zeros(6)));
        assertEquals("mse: prediction [0, 3] has no elements", failure("mse", Tensor.zeros(0, 3), Tensor.zeros(0, 3)));
    }

    @Test
    void gradientOfWrongShapeIsRejected() {
        Loss mse = Registry.get().loss("mse", Hyperparameters.empty());
        String message = assertThrows(IllegalArgumentException.class,
                () -> mse.gradient(LOGITS, LOGITS, Tensor.zeros(6))).getMessage();
        assertEquals("mse: gradient shape [6] does not match prediction shape [2, 3]", message);
    }

    @Test
    void bceRejectsValuesThatAreNotProbabilities() {
        assertEquals("bce: prediction 1.5 at index 2 is not a probability in [0, 1]; use bce_with_logits for logits",
                failure("bce", Tensor.of(new float[] {0.5f, 0.5f, 1.5f}, 1, 3), Tensor.zeros(1, 3)));
    }

    @Test
    void klDivRejectsNegativeTargets() {
        assertEquals("kl_div: target -0.5 at index 1 is not a probability (must be >= 0); pass logTarget=true for"
                        + " log-probabilities",
                failure("kl_div", Tensor.zeros(1, 2), Tensor.of(new float[] {0.5f, -0.5f}, 1, 2)));
    }

    @Test
    void badSettingsAreRejectedWithTheLossName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Registry.get().loss("mse", Hyperparameters.of("reduction", "avg")));
        assertEquals("mse: reduction must be \"mean\" or \"sum\", got \"avg\"", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Registry.get().loss("kl_div", Hyperparameters.of("reduction", "none")));
        assertEquals("kl_div: reduction must be \"mean\" or \"sum\" or \"batchmean\", got \"none\"", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Registry.get().loss("mse", Hyperparameters.of("reduction", "batchmean")));
        assertEquals("mse: reduction must be \"mean\" or \"sum\", got \"batchmean\"", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Registry.get().loss("huber", Hyperparameters.of("delta", 0)));
        assertEquals("huber: delta must be a positive number, got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Registry.get().loss("cross_entropy", Hyperparameters.of("labelSmoothing", 1.5)));
        assertEquals("cross_entropy: labelSmoothing must be in [0, 1], got 1.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Registry.get().loss("hinge", Hyperparameters.of("p", 3)));
        assertEquals("hinge: p must be 1 or 2, got 3", e.getMessage());
    }

    @Test
    void classLossesSayTheyTakeLabels() {
        for (String name : new String[] {"cross_entropy", "nll", "hinge"}) {
            assertTrue(Registry.get().loss(name, Hyperparameters.empty()).takesClassLabels(), name);
        }
        for (String name : new String[] {"mse", "half_sse", "l1", "huber", "smooth_l1", "bce", "bce_with_logits", "kl_div"}) {
            assertFalse(Registry.get().loss(name, Hyperparameters.empty()).takesClassLabels(), name);
        }
    }

    @Test
    void lossesKeepTheirNameAndHyperparameters() {
        Hyperparameters h = Hyperparameters.of("labelSmoothing", 0.1);
        Loss loss = Registry.get().loss("cross_entropy", h);
        assertEquals("cross_entropy", loss.name());
        assertEquals(h, loss.hyperparameters());
    }

    @Test
    void aReductionOtherThanMeanIsAlwaysStated() {
        assertEquals(Hyperparameters.of("reduction", "sum"), Registry.get().loss("half_sse", Hyperparameters.empty()).hyperparameters());
        assertEquals(Hyperparameters.empty(), Registry.get().loss("mse", Hyperparameters.empty()).hyperparameters());
    }
}
