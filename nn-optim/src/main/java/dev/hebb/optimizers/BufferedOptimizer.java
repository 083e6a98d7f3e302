package dev.hebb.optimizers;

import dev.hebb.layer.Parameter;
import dev.hebb.optim.Optimizer;
import dev.hebb.optim.OptimizerState;
import dev.hebb.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * What the built-in optimizers share: the parameters, the learning rate and the schedule's base rate
 * ({@code initial_lr}, once a trainer records it), per-parameter buffers named as in PyTorch's state dict,
 * per-parameter step counts, and exporting and restoring all of it.
 *
 * <p>Buffers are created on a parameter's first step, as PyTorch creates its state lazily, so a state
 * taken before any step is empty apart from {@code lr}.
 */
abstract class BufferedOptimizer implements Optimizer {

    private final String name;
    private final List<Parameter> parameters;
    private final boolean countsSteps;
    private final String[] slots;
    /** The state's scalar holding {@link #initialLearningRate()}, PyTorch's param-group key. */
    private static final String INITIAL_LR = "initial_lr";
    /** PyTorch's names of buffers that accumulate squared gradients (Adam, AMSGrad, RMSprop, Adagrad). */
    private static final Set<String> SQUARES = Set.of("exp_avg_sq", "max_exp_avg_sq", "square_avg", "sum");
    /** {@code buffers[slot][parameter]}; {@code null} until the parameter's first step creates it. */
    private final float[][][] buffers;
    /** Steps taken per parameter (PyTorch's {@code state['step']}); unused when steps are not counted. */
    private final long[] steps;
    private double learningRate;
    /** {@link #initialLearningRate()}, or NaN while none is recorded. */
    private double initialLearningRate = Double.NaN;

    /**
     * @param countsSteps whether the update depends on a per-parameter step count (exported as
     *                    {@code <i>.step})
     * @param slots       PyTorch's names of the per-parameter buffers, indexed as in {@link #buffer}
     */
    BufferedOptimizer(String name, List<Parameter> parameters, double learningRate, boolean countsSteps,
                      String... slots) {
        this.name = name;
        Objects.requireNonNull(parameters, "parameters");
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i) == null) {
                throw new IllegalArgumentException(name + ": parameter " + i + " is null");
            }
        }
        this.parameters = List.copyOf(parameters);
        this.countsSteps = countsSteps;
        this.slots = slots.clone();
        this.buffers = new float[slots.length][this.parameters.size()][];
        this.steps = new long[this.parameters.size()];
        setLearningRate(learningRate);
    }

    /** Updates parameter {@code index} in place; {@link #steps(int)} already counts this step. */
    abstract void update(int index, float[] value, float[] gradient);

    /** Whether buffer {@code slot} is used with this configuration (e.g. {@code max_exp_avg_sq} only with amsgrad). */
    abstract boolean usesSlot(int slot);

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public final void step() {
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            steps[i]++;
            update(i, p.value().data(), p.gradient().data());
        }
    }

    @Override
    public final double learningRate() {
        return learningRate;
    }

    @Override
    public final void setLearningRate(double learningRate) {
        this.learningRate = checkRate("lr (the learning rate)", learningRate);
    }

    @Override
    public final OptionalDouble initialLearningRate() {
        return Double.isNaN(initialLearningRate) ? OptionalDouble.empty() : OptionalDouble.of(initialLearningRate);
    }

    @Override
    public final void setInitialLearningRate(double learningRate) {
        this.initialLearningRate = checkRate("initial_lr (the schedule's base learning rate)", learningRate);
    }

    /** {@code rate}, unless it is not a finite number {@code >= 0}: then fails naming the optimizer and {@code what}. */
    private double checkRate(String what, double rate) {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(name + ": " + what + " must be a finite number >= 0, got " + rate);
        }
        return rate;
    }

    /** The number of steps parameter {@code index} has taken, including the one being applied. */
    final long steps(int index) {
        return steps[index];
    }

    /** Buffer {@code slot} of parameter {@code index}, or {@code null} when it does not exist yet. */
    final float[] buffer(int slot, int index) {
        return buffers[slot][index];
    }

    /** Buffer {@code slot} of parameter {@code index}, created filled with {@code initial} if absent. */
    final float[] buffer(int slot, int index, float initial) {
        float[] b = buffers[slot][index];
        if (b == null) {
            b = new float[parameters.get(index).value().size()];
            if (initial != 0f) {
                Arrays.fill(b, initial);
            }
            buffers[slot][index] = b;
        }
        return b;
    }

    @Override
    public final OptimizerState state() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, Double> scalars = new LinkedHashMap<>();
        scalars.put("lr", learningRate);
        if (!Double.isNaN(initialLearningRate)) {
            scalars.put(INITIAL_LR, initialLearningRate);
        }
        for (int i = 0; i < parameters.size(); i++) {
            if (countsSteps && steps[i] > 0) {
                scalars.put(i + ".step", (double) steps[i]);
            }
            int[] shape = parameters.get(i).value().shape();
            for (int s = 0; s < slots.length; s++) {
                if (buffers[s][i] != null) {
                    // OptimizerState copies every tensor, so the live array may be wrapped here.
                    tensors.put(i + "." + slots[s], Tensor.of(buffers[s][i], shape));
                }
            }
        }
        return new OptimizerState(tensors, scalars);
    }

    /**
     * Replaces the whole state. Everything is validated before anything changes, so a rejected state
     * leaves the optimizer as it was.
     */
    @Override
    public final void loadState(OptimizerState state) {
        Objects.requireNonNull(state, "state");
        int n = parameters.size();
        long[] newSteps = new long[n];
        boolean[] hasStep = new boolean[n];
        float[][][] newBuffers = new float[slots.length][n][];
        double newLr = learningRate;
        // A state without it (one never scheduled, or saved before it was kept) records none, as it says.
        double newInitialLr = Double.NaN;
        for (Map.Entry<String, Double> e : state.scalars().entrySet()) {
            String key = e.getKey();
            double v = e.getValue();
            if (key.equals("lr")) {
                newLr = v;
                continue;
            }
            if (key.equals(INITIAL_LR)) {
                newInitialLr = checkRate(INITIAL_LR + " (the schedule's base learning rate) in the state", v);
                continue;
            }
            int dot = key.indexOf('.');
            int index = dot < 0 ? -1 : parameterIndex(key, key.substring(0, dot));
            if (!countsSteps || index < 0 || !key.substring(dot + 1).equals("step")) {
                throw new IllegalArgumentException(name + " state has an unknown scalar '" + key + "'; expected 'lr'"
                        + (countsSteps ? ", '" + INITIAL_LR + "' and '<parameter index>.step'" : " and '" + INITIAL_LR + "'"));
            }
            if (!(v >= 0) || v != Math.rint(v) || v > 1e15) {
                throw new IllegalArgumentException(name + " state: '" + key + "' must be a non-negative whole number, got " + v);
            }
            newSteps[index] = (long) v;
            hasStep[index] = true;
        }
        for (Map.Entry<String, Tensor> e : state.tensors().entrySet()) {
            String key = e.getKey();
            int dot = key.indexOf('.');
            int slot = dot < 0 ? -1 : Arrays.asList(slots).indexOf(key.substring(dot + 1));
            if (slot < 0) {
                throw new IllegalArgumentException(name + " state has an unknown tensor '" + key + "'; expected '<parameter index>."
                        + (slots.length == 0 ? "(none)" : String.join("', '<parameter index>.", slots)) + "'");
            }
            int index = parameterIndex(key, key.substring(0, dot));
            Tensor t = e.getValue();
            int[] expected = parameters.get(index).value().shape();
            if (!t.hasShape(expected)) {
                throw new IllegalArgumentException(name + " state: '" + key + "' has shape " + Arrays.toString(t.shape())
                        + " but parameter " + index + " has shape " + Arrays.toString(expected));
            }
            if (SQUARES.contains(slots[slot])) {
                float[] d = t.data();
                for (int i = 0; i < d.length; i++) {
                    if (d[i] < 0) {
                        // Such state trains on, then fails as a NaN loss whose advice (a lower rate) points elsewhere.
                        throw new IllegalArgumentException(name + " state: '" + key + "' holds " + d[i] + " at element " + i
                                + ", but it accumulates squares, which are never negative");
                    }
                }
            }
            if (usesSlot(slot)) {
                newBuffers[slot][index] = t.data().clone();
            }
        }
        if (countsSteps) {
            for (int i = 0; i < n; i++) {
                for (int s = 0; s < slots.length; s++) {
                    boolean has = newBuffers[s][i] != null;
                    if (newSteps[i] > 0 && usesSlot(s) && !has) {
                        throw new IllegalArgumentException(name + " state has '" + i + ".step' = " + newSteps[i]
                                + " but no tensor '" + i + "." + slots[s] + "'");
                    }
                    // A step of 0 with buffers is PyTorch's freshly initialised state (Adagrad's sum).
                    if (!hasStep[i] && has) {
                        throw new IllegalArgumentException(name + " state has tensor '" + i + "." + slots[s]
                                + "' but no '" + i + ".step'");
                    }
                }
            }
        }
        setLearningRate(newLr);
        initialLearningRate = newInitialLr;
        System.arraycopy(newSteps, 0, steps, 0, n);
        for (int s = 0; s < slots.length; s++) {
            System.arraycopy(newBuffers[s], 0, buffers[s], 0, n);
        }
    }

    private int parameterIndex(String key, String prefix) {
        int index;
        try {
            index = Integer.parseInt(prefix);
        } catch (NumberFormatException e) {
            index = -1;
        }
        if (index < 0 || index >= parameters.size()) {
            throw new IllegalArgumentException(name + " state entry '" + key + "' does not name one of the "
                    + parameters.size() + " parameters (0 to " + (parameters.size() - 1) + ")");
        }
        return index;
    }

    /**
     * Fails naming the optimizer unless {@code eps} is positive and finite. PyTorch accepts 0, but then an
     * element whose gradient and running average are both 0 (a dead unit, a padding weight) divides 0 by 0
     * and becomes NaN at the first step.
     */
    static double checkEps(String optimizer, double eps) {
        if (!(eps > 0 && eps < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(optimizer + ": eps must be a positive number (with 0, an element whose"
                    + " gradient is 0 would become 0/0 = NaN), got " + eps);
        }
        return eps;
    }

    /** Fails naming the optimizer and the hyperparameter unless {@code value} lies in {@code [low, high)}. */
    static double checkRange(String optimizer, String key, double value, double low, double high) {
        if (!(value >= low && value < high)) {
            throw new IllegalArgumentException(optimizer + ": " + key + " must be in [" + low + ", " + high
                    + "), got " + value);
        }
        return value;
    }
}
