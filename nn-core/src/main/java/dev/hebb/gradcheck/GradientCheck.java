package dev.hebb.gradcheck;

import dev.hebb.activation.Activation;
import dev.hebb.layer.Layer;
import dev.hebb.layer.Parameter;
import dev.hebb.layer.Sequential;
import dev.hebb.loss.Loss;
import dev.hebb.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * Compares analytic gradients with central finite differences, for any {@link Layer},
 * {@link Activation} or {@link Loss}. Plugin authors call it from their own tests:
 *
 * <pre>{@code
 * GradientCheck.Result r = GradientCheck.activation(myActivation, input);
 * assertTrue(r.maxRelativeError() < 1e-3, r.toString());
 * }</pre>
 *
 * <p>The scalar objective is {@code L = Σ wᵢ·yᵢ} with fixed random weights {@code w}, accumulated in
 * double. Each input element and each parameter element is moved by {@code ±h} (h relative to its
 * magnitude); the step actually taken after float32 rounding is used as the denominator, so the
 * difference quotient is as exact as float32 forward passes allow. The relative error of an element is
 * {@code |analytic − numeric| / max(|analytic|, |numeric|, floor)}; the floor keeps gradients that are
 * zero up to rounding from dominating.
 *
 * <p>Finite differences are meaningless across a kink (ReLU at 0): choose inputs at least {@code 2h}
 * away from kinks and check the subgradient at the kink separately. Likewise, check a layer at parameter values
 * other than the 1s and 0s it may start with (a layer normalisation's γ and β): where a weight is 1, a backward pass
 * that leaves it out agrees with finite differences. {@link PluginContract#layer} checks layers both ways.
 */
public final class GradientCheck {

    /** The default relative step: {@code h = STEP · max(1, |x|)}. */
    public static final double STEP = 1e-2;
    /** The default floor of the relative error's denominator. */
    public static final double FLOOR = 1e-2;

    private final double step;
    private final double floor;
    private final long seed;

    private GradientCheck(double step, double floor, long seed) {
        this.step = step;
        this.floor = floor;
        this.seed = seed;
    }

    /** A checker with the default step, floor and seed. */
    public static GradientCheck defaults() {
        return new GradientCheck(STEP, FLOOR, 42L);
    }

    /** A copy using relative step {@code h}. */
    public GradientCheck withStep(double h) {
        if (!(h > 0)) {
            throw new IllegalArgumentException("gradient check step must be positive, got " + h);
        }
        return new GradientCheck(h, floor, seed);
    }

    /** A copy using {@code floor} as the least denominator of the relative error. */
    public GradientCheck withFloor(double floor) {
        if (!(floor > 0)) {
            throw new IllegalArgumentException("gradient check floor must be positive, got " + floor);
        }
        return new GradientCheck(step, floor, seed);
    }

    /** A copy drawing the objective's weights from {@code seed}. */
    public GradientCheck withSeed(long seed) {
        return new GradientCheck(step, floor, seed);
    }

    /** Checks {@link #activation(Activation, Tensor)} with the defaults. */
    public static Result activation(Activation activation, Tensor input) {
        return defaults().checkActivation(activation, input);
    }

    /** Checks {@link #layer(Layer, Tensor)} with the defaults. */
    public static Result layer(Layer layer, Tensor input) {
        return defaults().checkLayer(layer, input);
    }

    /** Checks {@link #loss(Loss, Tensor, Tensor)} with the defaults. */
    public static Result loss(Loss loss, Tensor prediction, Tensor target) {
        return defaults().checkLoss(loss, prediction, target);
    }

    /** The gradients of an activation with respect to its input and its parameters. */
    public Result checkActivation(Activation activation, Tensor input) {
        Tensor x = input.copy();
        Tensor y = Tensor.zeros(x.shape());
        // NaN-filled so that a backward that accumulates into dx instead of overwriting it fails the check.
        Tensor dx = Tensor.full(Float.NaN, x.shape());
        Tensor w = weights(x.shape());
        DoubleSupplier objective = () -> {
            activation.forward(x, y);
            return dot(w, y);
        };
        activation.parameters().forEach(Parameter::zeroGradient);
        activation.forward(x, y);
        activation.backward(x, y, w, dx);
        List<Target> targets = new ArrayList<>();
        targets.add(new Target("input", x, dx.copy()));
        for (Parameter p : activation.parameters()) {
            targets.add(new Target(p.name(), p.value(), p.gradient().copy()));
        }
        return compare(objective, targets);
    }

    /**
     * The gradients of a layer with respect to its input and its parameters. Every forward pass of the finite
     * differences runs before the one backward pass: a layer may change state in backward (dropout draws a new mask
     * in the training pass after one), and the analytic gradient must be the one of the function differenced.
     */
    public Result checkLayer(Layer layer, Tensor input) {
        Tensor x = input.copy();
        Tensor w = weights(layer.forward(x, true).shape());
        // A model's parameters by their state-dict names ("2.bias"), so that the worst element names its layer.
        List<String> names = new ArrayList<>();
        List<Parameter> parameters = new ArrayList<>();
        if (layer instanceof Sequential model) {
            model.namedParameters().forEach((name, p) -> {
                names.add(name);
                parameters.add(p);
            });
        } else {
            for (Parameter p : layer.parameters()) {
                names.add(p.name());
                parameters.add(p);
            }
        }
        List<Tensor> values = new ArrayList<>();
        values.add(x);
        parameters.forEach(p -> values.add(p.value()));
        double[][] numeric = numeric(() -> dot(w, layer.forward(x, true)), values);
        parameters.forEach(Parameter::zeroGradient);
        layer.forward(x, true);
        List<Target> targets = new ArrayList<>();
        targets.add(new Target("input", x, layer.backward(w).copy()));
        for (int i = 0; i < parameters.size(); i++) {
            targets.add(new Target(names.get(i), parameters.get(i).value(), parameters.get(i).gradient().copy()));
        }
        return compare(targets, numeric, new Result(0, 0, "none"));
    }

    /**
     * The gradient of a loss with respect to its prediction, as computed by both {@link Loss#gradient}
     * and {@link Loss#valueAndGradient} (the trainer's path); the value returned by the latter must also
     * agree with {@link Loss#value}.
     */
    public Result checkLoss(Loss loss, Tensor prediction, Tensor target) {
        Tensor p = prediction.copy();
        Tensor grad = Tensor.full(Float.NaN, p.shape());
        loss.gradient(p, target, grad);
        Tensor fused = Tensor.full(Float.NaN, p.shape());
        double fusedValue = loss.valueAndGradient(p, target, fused);
        double value = loss.value(p, target);
        List<Target> targets = List.of(new Target("gradient", p, grad), new Target("valueAndGradient", p, fused));
        double absolute = Math.abs(fusedValue - value);
        double relative = absolute / Math.max(floor, Math.max(Math.abs(value), Math.abs(fusedValue)));
        Result valueCheck = new Result(Double.isNaN(relative) ? Double.POSITIVE_INFINITY : relative, absolute,
                "value: value() " + value + " valueAndGradient() " + fusedValue);
        return compare(() -> loss.value(p, target), targets, valueCheck);
    }

    private Result compare(DoubleSupplier objective, List<Target> targets) {
        return compare(objective, targets, new Result(0, 0, "none"));
    }

    private Result compare(DoubleSupplier objective, List<Target> targets, Result start) {
        List<Tensor> values = new ArrayList<>();
        targets.forEach(t -> values.add(t.values));
        return compare(targets, numeric(objective, values), start);
    }

    /**
     * The central difference quotient of {@code objective} for every element of every tensor in {@code values},
     * each element moved in place and restored; the objective runs once more at the end, unperturbed, to leave the
     * checked object in that state.
     */
    private double[][] numeric(DoubleSupplier objective, List<Tensor> values) {
        double[][] numeric = new double[values.size()][];
        for (int t = 0; t < values.size(); t++) {
            float[] v = values.get(t).data();
            numeric[t] = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                float original = v[i];
                double h = step * Math.max(1.0, Math.abs(original));
                float plus = (float) (original + h);
                float minus = (float) (original - h);
                v[i] = plus;
                double up = objective.getAsDouble();
                v[i] = minus;
                double down = objective.getAsDouble();
                v[i] = original;
                numeric[t][i] = (up - down) / ((double) plus - (double) minus);
            }
        }
        objective.getAsDouble();
        return numeric;
    }

    /** The worst relative error of {@code targets}' analytic gradients against {@code numeric}, or of {@code start}. */
    private Result compare(List<Target> targets, double[][] numeric, Result start) {
        double worstRelative = start.maxRelativeError();
        double worstAbsolute = start.maxAbsoluteError();
        String worstWhere = start.worst();
        for (int t = 0; t < targets.size(); t++) {
            Target target = targets.get(t);
            float[] analytic = target.analytic.data();
            for (int i = 0; i < analytic.length; i++) {
                double absolute = Math.abs(analytic[i] - numeric[t][i]);
                double relative = absolute / Math.max(floor, Math.max(Math.abs(analytic[i]), Math.abs(numeric[t][i])));
                if (!(relative <= worstRelative)) {
                    worstRelative = Double.isNaN(relative) ? Double.POSITIVE_INFINITY : relative;
                    worstWhere = target.name + "[" + i + "] analytic " + analytic[i] + " numeric " + numeric[t][i];
                }
                worstAbsolute = Math.max(worstAbsolute, absolute);
            }
        }
        return new Result(worstRelative, worstAbsolute, worstWhere);
    }

    private Tensor weights(int[] shape) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor w = Tensor.zeros(shape);
        float[] d = w.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return w;
    }

    private static double dot(Tensor a, Tensor b) {
        float[] ad = a.data();
        float[] bd = b.data();
        double s = 0;
        for (int i = 0; i < ad.length; i++) {
            s += (double) ad[i] * bd[i];
        }
        return s;
    }

    private record Target(String name, Tensor values, Tensor analytic) {
    }

    /**
     * The outcome of a check.
     *
     * @param maxRelativeError the largest relative error over all checked elements
     * @param maxAbsoluteError the largest absolute error over all checked elements
     * @param worst            where the largest relative error occurred, with both values
     */
    public record Result(double maxRelativeError, double maxAbsoluteError, String worst) {

        /** Whether the largest relative error is below {@code tolerance}. */
        public boolean passes(double tolerance) {
            return maxRelativeError < tolerance;
        }

        @Override
        public String toString() {
            return "max relative error " + maxRelativeError + ", max absolute error " + maxAbsoluteError
                    + " (worst: " + worst + ")";
        }
    }
}
