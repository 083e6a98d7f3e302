package dev.hebb.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hebb.layer.Layer;
import dev.hebb.layer.Parameter;
import dev.hebb.layer.Sequential;
import dev.hebb.loss.Loss;
import dev.hebb.optim.Optimizer;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.LayerContext;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.Plugins;
import dev.hebb.tensor.Ops;
import dev.hebb.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TrainerTest {

    private static PluginRegistry registry;

    @BeforeAll
    static void discover() {
        registry = Plugins.registry();
    }

    /** An identity layer on [batch, 1] inputs that records the sample ids (the feature values) it sees. */
    private static final class Recorder implements Layer {
        final List<int[]> batches = new ArrayList<>();
        final List<Tensor> inputs = new ArrayList<>();

        @Override
        public String type() {
            return "recorder";
        }

        @Override
        public Hyperparameters hyperparameters() {
            return Hyperparameters.empty();
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            return inputShape;
        }

        @Override
        public Tensor forward(Tensor input, boolean training) {
            if (training) {
                int[] ids = new int[input.size()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = (int) input.data()[i];
                }
                batches.add(ids);
                inputs.add(input);
            }
            return input;
        }

        @Override
        public Tensor backward(Tensor gradOutput) {
            return gradOutput;
        }

        int[] epoch(int index, int batchesPerEpoch) {
            return batches.subList(index * batchesPerEpoch, (index + 1) * batchesPerEpoch).stream()
                    .flatMapToInt(Arrays::stream).toArray();
        }
    }

    /** Samples whose single feature is their index, target 0. */
    private static Dataset indexed(int n) {
        float[] ids = new float[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        return new Dataset(Tensor.of(ids, n, 1), Tensor.zeros(n, 1));
    }

    private static Loss mse() {
        return registry.loss("test_mse", Hyperparameters.empty());
    }

    private static Optimizer sgd(List<Parameter> parameters, double lr) {
        return registry.optimizer("test_sgd", parameters, Hyperparameters.of("lr", lr));
    }

    @Test
    void anOptimizerOverAnotherModelsParametersIsRejectedButOneOverSomeOfThemIsNot() {
        Sequential model = Sequential.builder(registry, new SplittableRandom(1), 1).dense(2).dense(1).build();
        Sequential other = Sequential.builder(registry, new SplittableRandom(1), 1).dense(2).dense(1).build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(model, mse(), sgd(other.parameters(), 0.1), TrainingConfig.builder().build()));
        assertEquals("the optimizer updates none of the model's 4 parameters; create it over model.parameters() (it was"
                + " created over other parameters, e.g. another model's)", e.getMessage());
        // Training only the last layer (the first frozen) is allowed.
        new Trainer(model, mse(), sgd(model.parameters().subList(2, 4), 0.1), TrainingConfig.builder().build());
    }

    @Test
    void aNonFiniteLossFromNonFiniteWeightsSaysSoInsteadOfOfferingTheWeightsAsGood() {
        Sequential model = network(2);
        model.parameters().get(0).value().data()[1] = Float.NaN;
        Trainer trainer = new Trainer(model, mse(), sgd(model.parameters(), 0.1), TrainingConfig.builder().build());
        Dataset data = new Dataset(Tensor.full(1f, 4, 3), Tensor.zeros(4, 1));

        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> trainer.fit(data));
        assertEquals(1, e.nonFiniteParameters());
        assertEquals("training loss is NaN at epoch 0, batch 0 (0-based); stopped before the optimizer step, but 1"
                + " parameter values are already NaN or infinite, from an earlier step or from the start (check the"
                + " initial weights and the optimizer's hyperparameters, try a smaller learning rate or gradient"
                + " clipping)", e.getMessage());
    }

    private static List<BatchMetrics> batchesOf(Trainer trainer) {
        List<BatchMetrics> seen = new ArrayList<>();
        trainer.addListener(new TrainingListener() {
            @Override
            public void onBatchEnd(BatchMetrics batch) {
                seen.add(batch);
            }
        });
        return seen;
    }

    @Test
    void lastPartialBatchIsKept() {
        Recorder recorder = new Recorder();
        Trainer trainer = new Trainer(recorder, mse(), sgd(List.of(), 0.1), TrainingConfig.builder().batchSize(4).build());
        List<BatchMetrics> batches = batchesOf(trainer);
        trainer.fit(indexed(10));
        assertEquals(List.of(4, 4, 2), batches.stream().map(BatchMetrics::samples).toList());
        assertEquals(List.of(3, 3, 3), batches.stream().map(BatchMetrics::batches).toList());
    }

    @Test
    void everyEpochVisitsEverySampleOnceInAFreshOrder() {
        Recorder recorder = new Recorder();
        new Trainer(recorder, mse(), sgd(List.of(), 0.1), TrainingConfig.builder().epochs(3).batchSize(4).seed(5).build())
                .fit(indexed(10));
        int[] all = IntStream.range(0, 10).toArray();
        List<int[]> epochs = List.of(recorder.epoch(0, 3), recorder.epoch(1, 3), recorder.epoch(2, 3));
        for (int[] epoch : epochs) {
            assertArrayEquals(all, IntStream.of(epoch).sorted().toArray());
        }
        assertFalse(Arrays.equals(epochs.get(0), epochs.get(1)));
        assertFalse(Arrays.equals(epochs.get(1), epochs.get(2)));
        assertFalse(Arrays.equals(all, epochs.get(0)));
    }

    @Test
    void withoutShuffleSamplesComeInOrder() {
        Recorder recorder = new Recorder();
        new Trainer(recorder, mse(), sgd(List.of(), 0.1), TrainingConfig.builder().batchSize(3).shuffle(false).build())
                .fit(indexed(7));
        assertArrayEquals(IntStream.range(0, 7).toArray(), recorder.epoch(0, 3));
    }

    @Test
    void epochOrderIsAPureFunctionOfSeedAndEpoch() {
        Recorder full = new Recorder();
        TrainingConfig config = TrainingConfig.builder().epochs(4).batchSize(5).seed(11).build();
        new Trainer(full, mse(), sgd(List.of(), 0.1), config).fit(indexed(10));
        Recorder resumed = new Recorder();
        new Trainer(resumed, mse(), sgd(List.of(), 0.1), config).fit(indexed(10), null, 3);
        assertArrayEquals(full.epoch(3, 2), resumed.epoch(0, 2));
        Recorder otherSeed = new Recorder();
        new Trainer(otherSeed, mse(), sgd(List.of(), 0.1), config.toBuilder().seed(12).build()).fit(indexed(10), null, 3);
        assertFalse(Arrays.equals(full.epoch(3, 2), otherSeed.epoch(0, 2)));
    }

    @Test
    void validationSplitIsSeededDisjointAndExcludedFromTraining() {
        int[][] split = Trainer.split(20, 0.25, 3);
        assertEquals(15, split[0].length);
        assertEquals(5, split[1].length);
        int[] union = IntStream.concat(IntStream.of(split[0]), IntStream.of(split[1])).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 20).toArray(), union);
        assertArrayEquals(split[1], Trainer.split(20, 0.25, 3)[1]);
        assertFalse(Arrays.equals(split[1], Trainer.split(20, 0.25, 4)[1]));

        Recorder recorder = new Recorder();
        List<EpochMetrics> history = new Trainer(recorder, mse(), sgd(List.of(), 0.1),
                TrainingConfig.builder().batchSize(20).seed(3).validationFraction(0.25).build()).fit(indexed(20));
        assertArrayEquals(split[0], IntStream.of(recorder.epoch(0, 1)).sorted().toArray());
        // Identity model, target 0: the validation loss is the mean of the held-out ids squared.
        double expected = IntStream.of(split[1]).mapToDouble(i -> (double) i * i).average().orElseThrow();
        assertEquals(expected, history.get(0).validationLoss().getAsDouble(), 1e-9);
    }

    @Test
    void splitLeavingNoValidationSampleIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.split(10, 0.01, 0));
        assertEquals("a validation fraction of 0.01 of 10 samples leaves no validation sample", e.getMessage());
    }

    @Test
    void trainLossIsTheMeanOverSamplesNotOverBatches() {
        // Identity model (no parameters), targets 0: per-sample loss i². Batches of 3 over 0..6 are uneven
        // (3, 3, 1), so the mean over samples (91/7 = 13) differs from the mean of batch means.
        List<EpochMetrics> history = new Trainer(new Recorder(), mse(), sgd(List.of(), 0.1),
                TrainingConfig.builder().batchSize(3).build()).fit(indexed(7));
        assertEquals(13.0, history.get(0).trainLoss(), 1e-12);
        assertTrue(history.get(0).trainAccuracy().isEmpty(), "mse does not take class labels");
        assertTrue(history.get(0).validationLoss().isEmpty());
    }

    /** A mocked loss over class targets whose value is always 0.5. */
    private static Loss classLossOfHalf() {
        Loss loss = org.mockito.Mockito.mock(Loss.class);
        org.mockito.Mockito.when(loss.hyperparameters()).thenReturn(Hyperparameters.empty());
        org.mockito.Mockito.when(loss.takesClassLabels()).thenReturn(true);
        org.mockito.Mockito.when(loss.value(org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any()))
                .thenReturn(0.5);
        org.mockito.Mockito.when(loss.valueAndGradient(org.mockito.ArgumentMatchers.any(),
                org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any())).thenReturn(0.5);
        return loss;
    }

    @Test
    void accuracyIsTheFractionOfArgMaxHitsForClassLabelLosses() {
        Loss labels = classLossOfHalf();
        // Predictions (the features, through an identity model) with arg-max 2, 0, 1, 1; labels 2, 0, 1, 0.
        Dataset data = new Dataset(Tensor.of(new float[] {0, 1, 5, 9, 2, 3, 1, 4, 0, 0, 7, 7}, 4, 3),
                Tensor.of(new float[] {2, 0, 1, 0}, 4));
        Layer identity = new Sequential(new int[] {3}, List.of());
        Trainer trainer = new Trainer(identity, labels, sgd(List.of(), 0.1), TrainingConfig.builder().batchSize(3).build());
        assertEquals(0.75, trainer.fit(data, data).get(0).trainAccuracy().getAsDouble());
        Evaluation evaluation = trainer.evaluate(data);
        assertEquals(0.75, evaluation.accuracy().getAsDouble());
        assertEquals(0.5, evaluation.loss(), 1e-12);
    }

    @Test
    void aLabelThatIsNotAClassIdIsNamedBySampleBeforeAnyBatchIsTrained() {
        Loss labels = classLossOfHalf();
        org.mockito.Mockito.when(labels.name()).thenReturn("labels");
        Tensor features = Tensor.of(new float[] {0, 1, 5, 9, 2, 3, 1, 4, 0, 0, 7, 7}, 4, 3);
        Dataset good = new Dataset(features, Tensor.of(new float[] {2, 0, 1, 0}, 4));
        Layer identity = new Sequential(new int[] {3}, List.of());
        Trainer trainer = new Trainer(identity, labels, sgd(List.of(), 0.1), TrainingConfig.builder().batchSize(1).build());
        List<BatchMetrics> batches = batchesOf(trainer);
        String[][] cases = {{"3", "3.0"}, {"-1", "-1.0"}, {"0.5", "0.5"}, {"NaN", "NaN"}};
        for (String[] c : cases) {
            Dataset bad = new Dataset(features, Tensor.of(new float[] {2, 0, Float.parseFloat(c[0]), 0}, 4));
            String expected = "sample 2 has the class label " + c[1] + ", but labels takes class ids of the model's 3"
                    + " outputs, 0 to 2";
            assertEquals("training " + expected, assertThrows(IllegalArgumentException.class, () -> trainer.fit(bad))
                    .getMessage());
            assertEquals("validation " + expected, assertThrows(IllegalArgumentException.class,
                    () -> trainer.fit(good, bad)).getMessage());
            assertEquals("evaluation " + expected, assertThrows(IllegalArgumentException.class,
                    () -> trainer.evaluate(bad)).getMessage());
        }
        assertEquals(List.of(), batches, "nothing trained");
    }

    @Test
    void targetsOfAnotherShapeThanTheOutputsAreRejectedBeforeAnyBatchIsTrained() {
        Sequential model = network(3);
        Trainer trainer = new Trainer(model, mse(), sgd(model.parameters(), 0.1), TrainingConfig.builder().build());
        List<BatchMetrics> batches = batchesOf(trainer);
        Dataset good = regression(8);
        Dataset wide = new Dataset(good.features(), Tensor.zeros(8, 2));
        String expected = " targets have shape [2] per sample, but test_mse takes targets of the model's output shape [1]";
        // A validation set's targets were found only after an epoch of training had changed the model.
        assertEquals("validation" + expected, assertThrows(IllegalArgumentException.class, () -> trainer.fit(good, wide))
                .getMessage());
        assertEquals("training" + expected, assertThrows(IllegalArgumentException.class, () -> trainer.fit(wide))
                .getMessage());
        assertEquals("evaluation" + expected, assertThrows(IllegalArgumentException.class, () -> trainer.evaluate(wide))
                .getMessage());
        assertEquals(List.of(), batches, "nothing trained");
    }

    @Test
    void accuracyComparesArgMaxesForClassProbabilityTargets() {
        Loss probabilities = classLossOfHalf();
        // Predictions with arg-max 2, 0, 1, 1; target rows (as cross_entropy takes them) with arg-max 2, 0, 1, 0.
        // Reading the first target column as a label (0.1, 0.7, 0.0, 0.6) would count rows 1 and 3 wrongly.
        Dataset data = new Dataset(Tensor.of(new float[] {0, 1, 5, 9, 2, 3, 1, 4, 0, 0, 7, 7}, 4, 3),
                Tensor.of(new float[] {0.1f, 0.2f, 0.7f, 0.7f, 0.2f, 0.1f, 0, 1, 0, 0.6f, 0.3f, 0.1f}, 4, 3));
        Layer identity = new Sequential(new int[] {3}, List.of());
        Trainer trainer = new Trainer(identity, probabilities, sgd(List.of(), 0.1),
                TrainingConfig.builder().batchSize(3).build());
        assertEquals(0.75, trainer.fit(data, data).get(0).trainAccuracy().getAsDouble());
        assertEquals(0.75, trainer.evaluate(data).accuracy().getAsDouble());
    }

    private static Sequential network(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Layer> layers = new ArrayList<>();
        int[] shape = {3};
        for (Hyperparameters h : List.of(Hyperparameters.of("units", 4), Hyperparameters.of("name", "test_sigmoid"),
                Hyperparameters.of("units", 1))) {
            Layer layer = registry.layer(h.has("units") ? "dense" : "activation", h,
                    new LayerContext(shape, random, registry));
            shape = layer.outputShape(shape);
            layers.add(layer);
        }
        return new Sequential(new int[] {3}, layers);
    }

    private static Dataset regression(int n) {
        SplittableRandom random = new SplittableRandom(99);
        Tensor x = Tensor.uniform(random, -1, 1, n, 3);
        Tensor y = Tensor.zeros(n, 1);
        for (int i = 0; i < n; i++) {
            y.data()[i] = x.get(i, 0) - 2 * x.get(i, 1) * x.get(i, 2);
        }
        return new Dataset(x, y);
    }

    @Test
    void resumingFromAnEpochIsBitwiseIdenticalToAnUninterruptedRun() {
        TrainingConfig config = TrainingConfig.builder().epochs(5).batchSize(8).seed(21).validationFraction(0.2)
                .schedule((epoch, base) -> base * Math.pow(0.7, epoch)).build();
        Dataset data = regression(50);

        Sequential uninterrupted = network(1);
        List<EpochMetrics> full = new Trainer(uninterrupted, mse(), sgd(uninterrupted.parameters(), 0.3), config).fit(data);

        // Interrupted after epoch 1 (2 epochs done); then "checkpoint": copy the weights into a fresh model.
        Sequential first = network(1);
        Trainer interrupted = new Trainer(first, mse(), sgd(first.parameters(), 0.3), config);
        interrupted.addListener(new TrainingListener() {
            private int ended;

            @Override
            public void onEpochEnd(EpochMetrics metrics) {
                ended++;
            }

            @Override
            public boolean stopRequested() {
                return ended == 2;
            }
        });
        assertEquals(2, interrupted.fit(data).size());
        Sequential restored = network(777);
        for (int i = 0; i < restored.parameters().size(); i++) {
            restored.parameters().get(i).value().copyFrom(first.parameters().get(i).value());
        }
        List<EpochMetrics> rest = new Trainer(restored, mse(), sgd(restored.parameters(), 0.3), config).fit(data, null, 2);

        assertEquals(3, rest.size());
        for (int i = 0; i < uninterrupted.parameters().size(); i++) {
            assertArrayEquals(uninterrupted.parameters().get(i).value().data(), restored.parameters().get(i).value().data());
        }
        for (int e = 2; e < 5; e++) {
            assertEquals(full.get(e).trainLoss(), rest.get(e - 2).trainLoss());
            assertEquals(full.get(e).validationLoss(), rest.get(e - 2).validationLoss());
            assertEquals(full.get(e).learningRate(), rest.get(e - 2).learningRate());
            assertEquals(e, rest.get(e - 2).epoch());
        }
    }

    @Test
    void trainingReducesTheLossAndScheduleIsReportedPerEpoch() {
        Sequential model = network(3);
        TrainingConfig config = TrainingConfig.builder().epochs(30).batchSize(10).seed(1)
                .schedule((epoch, base) -> epoch < 10 ? base : base / 2).build();
        List<EpochMetrics> history = new Trainer(model, mse(), sgd(model.parameters(), 0.5), config)
                .fit(regression(100), regression(40));
        assertTrue(history.get(29).trainLoss() < 0.5 * history.get(0).trainLoss(), history.get(29) + " vs " + history.get(0));
        assertEquals(0.5, history.get(9).learningRate());
        assertEquals(0.25, history.get(10).learningRate());
        assertTrue(history.get(29).validationLoss().isPresent());
        assertTrue(history.get(29).seconds() >= 0);
    }

    @Test
    void earlyStoppingStopsAfterPatienceEpochsWithoutImprovement() {
        // Learning rate 0: the loss never improves after the first epoch.
        Sequential model = network(3);
        EarlyStopping stopping = new EarlyStopping(2, 0.0);
        Trainer trainer = new Trainer(model, mse(), sgd(model.parameters(), 0.0),
                TrainingConfig.builder().epochs(10).batchSize(10).build()).addListener(stopping);
        List<EpochMetrics> history = trainer.fit(regression(30));
        assertEquals(3, history.size());
        assertEquals(0, stopping.bestEpoch());
        assertEquals(history.get(0).trainLoss(), stopping.bestLoss());
    }

    /** The weights of network(3) trained by SGD (lr 0.1) on regression(30) for {@code epochs} epochs, then {@code listeners}. */
    private static List<float[]> weightsAfter(int epochs, TrainingListener... listeners) {
        Sequential model = network(3);
        train(model, epochs, listeners);
        return values(model);
    }

    private static List<EpochMetrics> train(Sequential model, int epochs, TrainingListener... listeners) {
        Trainer trainer = new Trainer(model, mse(), sgd(model.parameters(), 0.1),
                TrainingConfig.builder().epochs(epochs).batchSize(10).seed(5).build());
        for (TrainingListener l : listeners) {
            trainer.addListener(l);
        }
        return trainer.fit(regression(30));
    }

    private static List<float[]> values(Sequential model) {
        return model.parameters().stream().map(p -> p.value().data().clone()).toList();
    }

    private static void assertBitwise(List<float[]> expected, List<float[]> actual, String what) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), 0f, what + ": parameter " + i + " bitwise");
        }
    }

    @Test
    void earlyStoppingRestoringBestEndsWithTheBestEpochsWeightsBitwise() {
        // A minDelta no loss change can beat: only epoch 0 improves (on +infinity), so patience 2 stops after epoch 2.
        Sequential model = network(3);
        EarlyStopping stopping = EarlyStopping.restoringBest(2, 1e9, model);
        assertEquals(3, train(model, 10, stopping).size());
        assertEquals(0, stopping.bestEpoch());
        assertTrue(stopping.weightsRestored());
        assertBitwise(weightsAfter(1), values(model), "the weights of a run trained up to the best epoch");
        assertNotEquals(Arrays.toString(weightsAfter(3).get(0)), Arrays.toString(values(model).get(0)),
                "the last epoch's weights, which plain early stopping keeps, differ");
    }

    @Test
    void earlyStoppingRestoringBestAlsoRestoresTheBuffersOfTheBestEpoch() {
        // Running statistics belong to the weights they were gathered with: the best epoch's, not the last one's.
        List<Layer> layers = new ArrayList<>(network(3).layers());
        dev.hebb.layer.CountingLayer counting = new dev.hebb.layer.CountingLayer();
        layers.add(counting);
        Sequential model = new Sequential(new int[] {3}, layers);
        EarlyStopping stopping = EarlyStopping.restoringBest(2, 1e9, model);

        assertEquals(3, train(model, 10, stopping).size(), "only epoch 0 improves, so patience 2 stops after epoch 2");

        assertEquals(3f, counting.buffers().get("seen").data()[0], "3 training batches of 10 in epoch 0, not 9 in 3 epochs");
        assertEquals(model.parameters().size() + 2, stopping.bestWeights().size(), "the parameters, then the 2 buffers");
        assertEquals(3f, stopping.bestWeights().get(model.parameters().size()).data()[0]);
    }

    @Test
    void earlyStoppingWithoutRestoreBestKeepsTheLastEpochsWeights() {
        Sequential model = network(3);
        EarlyStopping stopping = new EarlyStopping(2, 1e9);
        assertEquals(3, train(model, 10, stopping).size());
        assertFalse(stopping.restoresBest());
        assertFalse(stopping.weightsRestored());
        assertEquals(List.of(), stopping.bestWeights());
        assertBitwise(weightsAfter(3), values(model), "the weights of the last epoch");
    }

    @Test
    void restoringBestAlsoRestoresWhenEveryEpochRan() {
        Sequential model = network(3);
        EarlyStopping stopping = EarlyStopping.restoringBest(10, 1e9, model);
        assertEquals(4, train(model, 4, stopping).size(), "patience 10 never stops 4 epochs");
        assertFalse(stopping.stopRequested());
        assertTrue(stopping.weightsRestored());
        assertBitwise(weightsAfter(1), values(model), "the weights after the best epoch, 0");
    }

    /** Asks to stop at the end of epoch {@code last}, as an interruption would, and records what fit's end said. */
    private static final class StopAfter implements TrainingListener {
        private final int last;
        private boolean stop;
        private Boolean allEpochsTrained;

        StopAfter(int last) {
            this.last = last;
        }

        @Override
        public void onEpochEnd(EpochMetrics metrics) {
            stop = metrics.epoch() == last;
        }

        @Override
        public boolean stopRequested() {
            return stop;
        }

        @Override
        public void onTrainingEnd(boolean allEpochsTrained) {
            this.allEpochsTrained = allEpochsTrained;
        }
    }

    @Test
    void aStopAskedByAnotherListenerKeepsTheLastWeightsForResuming() {
        Sequential model = network(3);
        EarlyStopping stopping = EarlyStopping.restoringBest(10, 1e9, model);
        StopAfter interruption = new StopAfter(1);
        assertEquals(2, train(model, 4, stopping, interruption).size());
        assertFalse(interruption.allEpochsTrained);
        assertFalse(stopping.weightsRestored());
        assertBitwise(weightsAfter(2), values(model), "the weights of the last epoch, which a checkpoint holds");
    }

    @Test
    void aStopAskedAtTheEndOfTheLastEpochStillEndsAllEpochs() {
        Sequential model = network(3);
        EarlyStopping stopping = EarlyStopping.restoringBest(10, 1e9, model);
        StopAfter atTheLastEpoch = new StopAfter(2);
        assertEquals(3, train(model, 3, stopping, atTheLastEpoch).size());
        assertTrue(atTheLastEpoch.allEpochsTrained, "every configured epoch ran");
        assertTrue(stopping.weightsRestored());
        assertBitwise(weightsAfter(1), values(model), "the run is over: the best weights are back");
    }

    @Test
    void bestWeightsAreCopiedAtEachImprovementIntoTheSameBuffers() {
        Sequential model = network(3);
        EarlyStopping stopping = EarlyStopping.restoringBest(10, 0.0, model);
        assertEquals(List.of(), stopping.bestWeights(), "none before the first epoch");
        List<List<Tensor>> seen = new ArrayList<>();
        List<Integer> improved = new ArrayList<>();
        List<List<float[]>> atBest = new ArrayList<>(List.of(List.of()));
        train(model, 5, stopping, new TrainingListener() {
            @Override
            public void onEpochEnd(EpochMetrics metrics) {
                seen.add(stopping.bestWeights());
                List<float[]> copy = stopping.bestWeights().stream().map(t -> t.data().clone()).toList();
                if (stopping.bestEpoch() == metrics.epoch()) {
                    improved.add(metrics.epoch());
                    assertBitwise(values(model), copy, "the copy taken at improving epoch " + metrics.epoch());
                    atBest.set(0, copy);
                } else {
                    assertBitwise(atBest.get(0), copy, "epoch " + metrics.epoch() + " did not improve: no copy");
                }
            }
        });
        assertTrue(improved.size() >= 2 && improved.size() < 5, "some epochs improve, some do not: " + improved);
        for (List<Tensor> buffers : seen) {
            for (int i = 0; i < buffers.size(); i++) {
                assertSame(seen.get(0).get(i), buffers.get(i), "buffer " + i + " is allocated once and reused");
            }
        }
    }

    @Test
    void restoringTheStateOfAnEarlyStoppingThatRestoresBestNeedsItsBestWeights() {
        Sequential model = network(3);
        EarlyStopping stopping = EarlyStopping.restoringBest(2, 0.0, model);
        EarlyStopping.State state = new EarlyStopping.State(0.5, 1, 2);
        assertEquals("early stopping that restores the best weights needs the 4 tensors of the best epoch (1) with its"
                + " state, got 0", assertThrows(IllegalArgumentException.class, () -> stopping.restore(state)).getMessage());
        List<Tensor> wrong = List.of(Tensor.zeros(4, 3), Tensor.zeros(4), Tensor.zeros(1, 5), Tensor.zeros(1));
        assertEquals("best weight 2 has shape [1, 5] but the model's parameter 'weight' has shape [1, 4]",
                assertThrows(IllegalArgumentException.class, () -> stopping.restore(state, wrong)).getMessage());
        assertEquals("early stopping takes no weights with its state when it does not restore the best weights, got 4"
                + " tensors", assertThrows(IllegalArgumentException.class,
                () -> new EarlyStopping(2, 0.0).restore(state, wrong)).getMessage());
        assertEquals("early stopping takes no weights with a state before the first epoch, got 4 tensors",
                assertThrows(IllegalArgumentException.class, () -> stopping.restore(
                        new EarlyStopping.State(Double.POSITIVE_INFINITY, -1, 0), wrong)).getMessage());

        List<Tensor> saved = model.parameters().stream().map(p -> Tensor.full(0.25f, p.value().shape())).toList();
        stopping.restore(state, saved);
        assertTrue(stopping.stopRequested());
        stopping.onTrainingEnd(false);
        assertTrue(stopping.weightsRestored());
        for (Parameter p : model.parameters()) {
            for (float v : p.value().data()) {
                assertEquals(0.25f, v, 0f, "the restored best weights are put back when the stopped run ends");
            }
        }
    }

    @Test
    void stopRequestedDuringAnEpochAbandonsIt() {
        Recorder recorder = new Recorder();
        Trainer trainer = new Trainer(recorder, mse(), sgd(List.of(), 0.1), TrainingConfig.builder().epochs(3).batchSize(2).build());
        List<BatchMetrics> batches = batchesOf(trainer);
        trainer.addListener(new TrainingListener() {
            @Override
            public boolean stopRequested() {
                return batches.size() == 2;
            }
        });
        assertEquals(List.of(), trainer.fit(indexed(10)));
        assertEquals(2, recorder.batches.size());
    }

    @Test
    void gradientsAreClippedBeforeTheStep() {
        Sequential model = network(3);
        Optimizer real = sgd(model.parameters(), 0.1);
        double[] normAtStep = new double[1];
        Optimizer spy = org.mockito.Mockito.spy(real);
        org.mockito.Mockito.doAnswer(inv -> {
            double s = 0;
            for (Parameter p : model.parameters()) {
                s += Ops.sumOfSquares(p.gradient());
            }
            normAtStep[0] = Math.max(normAtStep[0], Math.sqrt(s));
            return inv.callRealMethod();
        }).when(spy).step();
        // Targets far from the predictions give gradients far above the limit.
        Dataset data = regression(20);
        for (int i = 0; i < 20; i++) {
            data.targets().data()[i] += 100;
        }
        new Trainer(model, mse(), spy, TrainingConfig.builder().batchSize(20).clipGradNorm(1e-3).build()).fit(data);
        assertTrue(normAtStep[0] <= 1e-3 * (1 + 1e-6), "norm at step " + normAtStep[0]);
        assertTrue(normAtStep[0] > 0.99e-3, "clipped to the limit, not below: " + normAtStep[0]);
    }

    @Test
    void batchBuffersAreReusedAcrossBatchesAndEpochs() {
        Recorder recorder = new Recorder();
        new Trainer(recorder, mse(), sgd(List.of(), 0.1), TrainingConfig.builder().epochs(2).batchSize(4).build())
                .fit(indexed(10));
        List<Tensor> in = recorder.inputs; // sizes 4, 4, 2, 4, 4, 2
        // Two sets of buffers, even and odd batches, so that the next batch can be gathered during a step.
        assertNotSame(in.get(0), in.get(1));
        assertSame(in.get(0), in.get(3));
        assertSame(in.get(1), in.get(4));
        assertSame(in.get(2), in.get(5));
        assertNotEquals(in.get(0).dim(0), in.get(2).dim(0));
    }

    @Test
    void argumentsAreValidatedWithSentencesNamingTheValue() {
        Recorder recorder = new Recorder();
        Trainer trainer = new Trainer(recorder, mse(), sgd(List.of(), 0.1),
                TrainingConfig.builder().epochs(3).validationFraction(0.5).build());
        assertEquals("fromEpoch must be between 0 and the 3 configured epochs, got 4",
                assertThrows(IllegalArgumentException.class, () -> trainer.fit(indexed(4), null, 4)).getMessage());
        assertEquals("give either a validation set or a validation fraction (0.5), not both",
                assertThrows(IllegalArgumentException.class, () -> trainer.fit(indexed(4), indexed(2))).getMessage());
        Sequential model = network(1);
        Trainer dense = new Trainer(model, mse(), sgd(model.parameters(), 0.1), TrainingConfig.builder().build());
        assertEquals("the model cannot take the training samples of shape [1]: layer 0 (dense): dense layer expects 3"
                + " input features but gets shape [1]",
                assertThrows(IllegalArgumentException.class, () -> dense.fit(indexed(4))).getMessage());
        assertTrue(trainer.fit(indexed(4), null, 3).isEmpty(), "nothing left to run from the last epoch");
    }

    @Test
    void configRejectsBadValues() {
        assertEquals("epochs must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> TrainingConfig.builder().epochs(0)).getMessage());
        assertEquals("batch size must be at least 1, got -2", assertThrows(IllegalArgumentException.class,
                () -> TrainingConfig.builder().batchSize(-2)).getMessage());
        assertEquals("validation fraction must be in [0, 1), got 1.0", assertThrows(IllegalArgumentException.class,
                () -> TrainingConfig.builder().validationFraction(1.0)).getMessage());
        assertEquals("clipGradNorm must be a positive finite number, got NaN", assertThrows(IllegalArgumentException.class,
                () -> TrainingConfig.builder().clipGradNorm(Double.NaN)).getMessage());
        assertEquals("clipGradValue must be a positive finite number, got 0.0", assertThrows(IllegalArgumentException.class,
                () -> TrainingConfig.builder().clipGradValue(0)).getMessage());
        TrainingConfig c = TrainingConfig.builder().epochs(2).clipGradValue(1).build();
        assertEquals(2, c.toBuilder().build().epochs());
        assertEquals(1.0, c.clipGradValue().getAsDouble());
        assertTrue(c.clipGradNorm().isEmpty());
    }

    @Test
    void scheduleGivingAnInvalidRateIsReportedWithTheEpoch() {
        Trainer trainer = new Trainer(new Recorder(), mse(), sgd(List.of(), 0.1),
                TrainingConfig.builder().epochs(3).schedule((epoch, base) -> epoch == 1 ? Double.NaN : base).build());
        assertEquals("the learning-rate schedule gave NaN for epoch 1 (base 0.1); a learning rate must be a finite"
                + " number >= 0", assertThrows(IllegalArgumentException.class, () -> trainer.fit(indexed(3))).getMessage());
    }
}
