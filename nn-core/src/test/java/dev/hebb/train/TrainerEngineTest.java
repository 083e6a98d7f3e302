package dev.hebb.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.hebb.activation.Activation;
import dev.hebb.layer.ActivationLayer;
import dev.hebb.layer.Dense;
import dev.hebb.layer.Sequential;
import dev.hebb.loss.Loss;
import dev.hebb.optim.Optimizer;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/**
 * The engine (Sequential, ActivationLayer, Trainer) driven with mocked Activation, Loss and Optimizer:
 * it talks to them only through their interfaces, in the order zeroGrad, forward, loss, backward, step.
 */
class TrainerEngineTest {

    private Activation activation;
    private Loss loss;
    private Optimizer optimizer;
    private Sequential model;
    private Dataset data;

    @BeforeEach
    void setUp() {
        activation = mock(Activation.class);
        loss = mock(Loss.class);
        optimizer = mock(Optimizer.class);
        when(loss.hyperparameters()).thenReturn(Hyperparameters.empty());
        when(loss.valueAndGradient(any(), any(), any())).thenReturn(0.25);
        when(optimizer.learningRate()).thenReturn(0.1);
        Dense dense = new Dense(2, 3, new SplittableRandom(1));
        model = new Sequential(new int[] {2}, List.of(dense, new ActivationLayer(activation)));
        List<dev.hebb.layer.Parameter> parameters = model.parameters(); // asks the mocked activation: not inside when()
        when(optimizer.parameters()).thenReturn(parameters);
        data = new Dataset(Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 4, 2), Tensor.zeros(4, 3));
    }

    @Test
    void eachBatchRunsZeroGradForwardLossBackwardStepInThatOrder() {
        new Trainer(model, loss, optimizer, TrainingConfig.builder().batchSize(2).build()).fit(data);
        InOrder order = inOrder(optimizer, activation, loss);
        for (int batch = 0; batch < 2; batch++) {
            order.verify(optimizer).zeroGrad();
            order.verify(activation).forward(any(), any());
            order.verify(loss).valueAndGradient(any(), any(), any());
            order.verify(activation).backward(any(), any(), any(), any());
            order.verify(optimizer).step();
        }
        verify(optimizer, times(2)).step();
    }

    @Test
    void lossSeesTheActivationsOutputAndBackwardGetsTheLossGradient() {
        Tensor[] seen = new Tensor[3];
        org.mockito.Mockito.doAnswer(inv -> {
            seen[0] = inv.getArgument(1);
            return null;
        }).when(activation).forward(any(), any());
        when(loss.valueAndGradient(any(), any(), any())).thenAnswer(inv -> {
            seen[1] = inv.getArgument(0);
            seen[2] = inv.getArgument(2);
            return 0.5;
        });
        new Trainer(model, loss, optimizer, TrainingConfig.builder().batchSize(4).build()).fit(data);
        assertEquals(seen[0], seen[1], "the loss gets the activation's output buffer");
        verify(activation).backward(any(), same(seen[0]), same(seen[2]), any());
    }

    @Test
    void nonFiniteLossStopsBeforeBackwardAndStep() {
        when(loss.valueAndGradient(any(), any(), any())).thenReturn(0.5, Double.NaN);
        Trainer trainer = new Trainer(model, loss, optimizer, TrainingConfig.builder().batchSize(2).build());
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> trainer.fit(data));
        assertEquals(0, e.epoch());
        assertEquals(1, e.batch());
        assertEquals(Double.NaN, e.loss());
        verify(optimizer, times(1)).step();
        verify(activation, times(1)).backward(any(), any(), any(), any());
        assertEquals("training loss is NaN at epoch 0, batch 1 (0-based); stopped before the optimizer step, so the"
                + " parameters are those after the previous batch (try a smaller learning rate or gradient clipping)",
                e.getMessage());
    }

    @Test
    void infiniteLossIsAlsoCaught() {
        when(loss.valueAndGradient(any(), any(), any())).thenReturn(Double.POSITIVE_INFINITY);
        Trainer trainer = new Trainer(model, loss, optimizer, TrainingConfig.builder().batchSize(2).build());
        assertThrows(NonFiniteLossException.class, () -> trainer.fit(data));
        verify(optimizer, never()).step();
    }

    @Test
    void evaluationUsesLossValueInInferenceModeAndNeverTheOptimizer() {
        when(loss.value(any(), any())).thenReturn(0.75);
        Evaluation result = new Trainer(model, loss, optimizer, TrainingConfig.builder().batchSize(3).build())
                .evaluate(data);
        assertEquals(0.75, result.loss(), 1e-12);
        assertEquals(4, result.samples());
        verify(loss, times(2)).value(any(), any());
        verify(optimizer, never()).step();
        verify(optimizer, never()).zeroGrad();
        verify(activation, never()).backward(any(), any(), any(), any());
    }

    @Test
    void scheduleSetsTheLearningRateAtTheStartOfEachEpoch() {
        TrainingConfig config = TrainingConfig.builder().epochs(3).batchSize(4)
                .schedule((epoch, base) -> base / (epoch + 1)).build();
        new Trainer(model, loss, optimizer, config).fit(data);
        InOrder order = inOrder(optimizer);
        order.verify(optimizer).setLearningRate(0.1);
        order.verify(optimizer).step();
        order.verify(optimizer).setLearningRate(0.05);
        order.verify(optimizer).step();
        order.verify(optimizer).setLearningRate(0.1 / 3);
        order.verify(optimizer).step();
    }
}
