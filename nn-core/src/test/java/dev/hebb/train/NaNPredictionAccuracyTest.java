package dev.hebb.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.layer.Sequential;
import dev.hebb.loss.Loss;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.Plugins;
import dev.hebb.tensor.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A model whose outputs are NaN predicts no class: the trainer's accuracy counts its samples as wrong (through
 * {@link ArgMax}, which it shares with {@link ClassificationMetrics}) instead of as hits of class 0. The accuracy is
 * a ratio of small whole numbers, so it is compared exactly.
 */
class NaNPredictionAccuracyTest {

    @Test
    void evaluatingAModelWithNaNWeightsGivesNoCorrectSample() {
        Trainer trainer = trainerWithNaNWeights(4, 3);
        // Labels 0,0,1,2: reading NaN as class 0 reported accuracy 0.5.
        Evaluation e = trainer.evaluate(new Dataset(Tensor.zeros(4, 4), Tensor.of(new float[] {0, 0, 1, 2}, 4)));
        assertTrue(Double.isNaN(e.loss()), "loss " + e.loss());
        assertEquals(0.0, e.accuracy().getAsDouble(), 0.0);
    }

    @Test
    void aNaNRowOfScoresAgainstANaNRowOfTargetProbabilitiesIsNoHit() {
        Trainer trainer = trainerWithNaNWeights(2, 2);
        // Target probabilities built in Java (files are checked finite): both arg-maxes are NO_CLASS, which must not match.
        Tensor targets = Tensor.of(new float[] {Float.NaN, 1, 0, 1}, 2, 2);
        Evaluation e = trainer.evaluate(new Dataset(Tensor.zeros(2, 2), targets));
        assertEquals(0.0, e.accuracy().getAsDouble(), 0.0);
    }

    /** A trainer over a one-layer model {@code inputs → classes} whose weights are all NaN. */
    private static Trainer trainerWithNaNWeights(int inputs, int classes) {
        PluginRegistry registry = Plugins.registry();
        Sequential model = Sequential.builder(registry, new SplittableRandom(1), inputs).dense(classes).build();
        Arrays.fill(model.parameters().get(0).value().data(), Float.NaN);
        return new Trainer(model, new MeanOfOutputs(),
                registry.optimizer("test_sgd", model.parameters(), Hyperparameters.of("lr", 0.1)), TrainingConfig.builder().build());
    }

    /** A loss over class labels (so that the trainer reports accuracy) whose value is the mean output; never trained. */
    private static final class MeanOfOutputs implements Loss {
        @Override
        public String name() {
            return "test_mean_of_outputs";
        }

        @Override
        public boolean takesClassLabels() {
            return true;
        }

        @Override
        public double value(Tensor prediction, Tensor target) {
            double sum = 0;
            for (float v : prediction.data()) {
                sum += v;
            }
            return sum / prediction.size();
        }

        @Override
        public void gradient(Tensor prediction, Tensor target, Tensor gradient) {
            throw new UnsupportedOperationException("only evaluated");
        }
    }
}
