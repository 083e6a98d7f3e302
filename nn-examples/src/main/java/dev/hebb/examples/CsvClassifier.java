package dev.hebb.examples;

import dev.hebb.io.data.CsvData;
import dev.hebb.io.data.LabelledData;
import dev.hebb.io.data.Normalization;
import dev.hebb.layer.Sequential;
import dev.hebb.loss.Loss;
import dev.hebb.optim.Optimizer;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.train.Dataset;
import dev.hebb.train.EpochMetrics;
import dev.hebb.train.Evaluation;
import dev.hebb.train.Trainer;
import dev.hebb.train.TrainingConfig;
import dev.hebb.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The recipe of the {@link Digits} and {@link Iris} examples: read a CSV file whose class column is
 * the target, hold out a fixed fraction as the test set (chosen by the seed), standardise the features
 * with statistics of the training side only, train an MLP on the cross-entropy, and measure
 * the test accuracy. The activation and the optimizer are found by name, so a plugin's work as well as
 * the built-ins ({@link ThirdPartyPlugin}).
 */
public final class CsvClassifier {

    /**
     * How to train.
     *
     * @param activation   the hidden layers' activation, e.g. {@code "relu"}
     * @param hidden       the hidden layers' sizes
     * @param optimizer    the optimizer's name, e.g. {@code "adam"}
     * @param learningRate the optimizer's learning rate ({@code lr})
     * @param epochs       passes over the training side
     * @param batchSize    samples per step
     * @param seed         seeds the test split, the initial weights and the shuffling
     * @param testFraction the fraction of the file held out for testing
     */
    public record Settings(String activation, int[] hidden, String optimizer, double learningRate, int epochs,
                           int batchSize, long seed, double testFraction) {

        /** These settings with another seed (of the split, the weights and the shuffling). */
        public Settings withSeed(long newSeed) {
            return new Settings(activation, hidden, optimizer, learningRate, epochs, batchSize, newSeed, testFraction);
        }
    }

    /**
     * What training achieved.
     *
     * @param model      the trained network (it expects standardised features)
     * @param test       loss and accuracy on the held-out samples
     * @param history    the metrics of every epoch
     * @param classNames the class names by class id (empty when the file gave numeric ids)
     */
    public record Result(Sequential model, Evaluation test, List<EpochMetrics> history, List<String> classNames) {
    }

    private CsvClassifier() {
    }

    /** Trains on {@code csv}, whose column {@code target} holds the classes. */
    public static Result train(Path csv, String target, Settings s, PluginRegistry registry, TrainingListener... listeners)
            throws IOException {
        LabelledData data = CsvData.read(csv, List.of(target), true, null);
        int[][] split = Trainer.split(data.dataset().size(), s.testFraction(), s.seed()); // {kept, held out}
        Dataset train = data.dataset().subset(split[0]);
        Dataset test = data.dataset().subset(split[1]);
        Normalization standard = Normalization.fit("standard", train.features());
        standard.apply(train.features());
        standard.apply(test.features());

        int classes = (int) IntStream.range(0, data.dataset().size())
                .mapToDouble(i -> data.dataset().targets().data()[i]).max().orElseThrow() + 1;
        int[] sizes = IntStream.concat(IntStream.of(train.sampleShape()[0]),
                IntStream.concat(IntStream.of(s.hidden()), IntStream.of(classes))).toArray();
        Sequential model = Mlp.of(registry, new SplittableRandom(s.seed()), s.activation(), sizes);
        Loss crossEntropy = registry.loss("cross_entropy", Hyperparameters.empty());
        Optimizer optimizer = registry.optimizer(s.optimizer(), model.parameters(), Hyperparameters.of("lr", s.learningRate()));
        Trainer trainer = new Trainer(model, crossEntropy, optimizer,
                TrainingConfig.builder().epochs(s.epochs()).batchSize(s.batchSize()).seed(s.seed()).build());
        for (TrainingListener l : listeners) {
            trainer.addListener(l);
        }
        List<EpochMetrics> history = trainer.fit(train);
        return new Result(model, trainer.evaluate(test), history, data.classNames());
    }
}
