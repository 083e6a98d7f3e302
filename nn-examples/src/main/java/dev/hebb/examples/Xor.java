package dev.hebb.examples;

import dev.hebb.layer.Sequential;
import dev.hebb.loss.Loss;
import dev.hebb.optim.Optimizer;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.Plugins;
import dev.hebb.tensor.Tensor;
import dev.hebb.train.Dataset;
import dev.hebb.train.EpochMetrics;
import dev.hebb.train.Trainer;
import dev.hebb.train.TrainingConfig;
import dev.hebb.train.TrainingListener;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * XOR with the classic 2-2-1 sigmoid network trained by plain gradient descent: every epoch is one
 * step on the mean squared error of all four samples. The smallest network that needs a hidden layer.
 *
 * <pre>
 * java -cp ... dev.hebb.examples.Xor
 * ./nn train examples/xor.json
 * </pre>
 */
public final class Xor {

    /** The seed of the initial weights (PyTorch's nn.Linear initialisation, drawn in layer order). */
    public static final long SEED = 2;
    /** Gradient-descent steps, one per epoch (the batch is all four samples). */
    public static final int EPOCHS = 3000;
    /** The learning rate of plain SGD (no momentum). */
    public static final double LEARNING_RATE = 2.0;

    /** The four inputs (0,0), (0,1), (1,0), (1,1). */
    public static final Dataset DATA = new Dataset(Tensor.of(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2),
            Tensor.of(new float[] {0, 1, 1, 0}, 4, 1));

    /**
     * What training achieved.
     *
     * @param predictions the network's outputs for the four inputs, in order
     * @param correct     how many outputs are on the right side of 0.5
     * @param finalLoss   the mean squared error of the last epoch
     */
    public record Result(float[] predictions, int correct, double finalLoss) {
    }

    private Xor() {
    }

    /** Trains the network from the initial weights of {@code seed}. */
    public static Result train(PluginRegistry registry, long seed, TrainingListener... listeners) {
        // 2 inputs → 2 sigmoid units → 1 sigmoid unit: Linear(2,2), Sigmoid, Linear(2,1), Sigmoid in PyTorch.
        Sequential model = Mlp.of(registry, new SplittableRandom(seed), "sigmoid", "sigmoid", 2, 2, 1);
        Loss mse = registry.loss("mse", Hyperparameters.empty());
        Optimizer sgd = registry.optimizer("sgd", model.parameters(), Hyperparameters.of("lr", LEARNING_RATE));
        Trainer trainer = new Trainer(model, mse, sgd, TrainingConfig.builder().epochs(EPOCHS).batchSize(4).seed(seed).build());
        for (TrainingListener l : listeners) {
            trainer.addListener(l);
        }
        List<EpochMetrics> history = trainer.fit(DATA);

        float[] out = model.predict(DATA.features()).data().clone();
        int correct = 0;
        for (int i = 0; i < 4; i++) {
            correct += (out[i] > 0.5f) == (DATA.targets().data()[i] > 0.5f) ? 1 : 0;
        }
        return new Result(out, correct, history.get(history.size() - 1).trainLoss());
    }

    /** Trains and prints the four predictions. */
    public static void main(String[] args) {
        Result r = train(Plugins.registry(), SEED, new ProgressPrinter(System.out, EPOCHS, 500));
        float[] x = DATA.features().data();
        for (int i = 0; i < 4; i++) {
            System.out.printf(Locale.ROOT, "%.0f XOR %.0f = %.0f   (network: %.4f)%n", x[2 * i], x[2 * i + 1],
                    DATA.targets().data()[i], r.predictions()[i]);
        }
        System.out.printf(Locale.ROOT, "accuracy %d/4, final mean squared error %.6f%n", r.correct(), r.finalLoss());
    }
}
