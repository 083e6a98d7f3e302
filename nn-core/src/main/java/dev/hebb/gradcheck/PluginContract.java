package dev.hebb.gradcheck;

import dev.hebb.activation.Activation;
import dev.hebb.activation.ElementwiseActivation;
import dev.hebb.layer.Layer;
import dev.hebb.layer.Parameter;
import dev.hebb.loss.Loss;
import dev.hebb.optim.LearningRateSchedule;
import dev.hebb.optim.Optimizer;
import dev.hebb.optim.OptimizerState;
import dev.hebb.plugin.ActivationProvider;
import dev.hebb.plugin.HyperparameterSpec;
import dev.hebb.plugin.LayerContext;
import dev.hebb.plugin.LayerProvider;
import dev.hebb.plugin.Hyperparameters;
import dev.hebb.plugin.LossProvider;
import dev.hebb.plugin.OptimizerProvider;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.ScheduleProvider;
import dev.hebb.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * The behaviour every activation, loss, optimizer, schedule and layer plugin must show, checked through its provider
 * exactly as the engine will use it. {@code nn check-plugin NAME} prints these checks; plugin authors
 * can run them from their own tests:
 *
 * <pre>{@code
 * PluginContract.Report report = PluginContract.activation(new MyActivationProvider(), Hyperparameters.empty());
 * assertTrue(report.passed(), report.toString());
 * }</pre>
 *
 * <p>What is checked:
 * <ul>
 * <li>every plugin: it is created from its declared defaults or the given hyperparameters; all but schedules
 *     (which a model's configuration names and configures): its {@code name()} is the provider's, and its
 *     {@code hyperparameters()} recreate an equivalent plugin (saved models depend on that);</li>
 * <li>activations and losses, again with each number hyperparameter moved in turn off its value (×1.5, or
 *     0.25 from 0; values the plugin rejects are skipped): the gradient check and the recreation by
 *     {@code hyperparameters()}, so that neither can ignore a hyperparameter that is at its default;</li>
 * <li>activations: {@link GradientCheck} over {@code [-5, 5]} (inputs kept at least 0.15 away from
 *     multiples of 0.5, where piecewise activations have their kinks), finite outputs and gradients on
 *     extreme inputs (±1e30, ±1e4, ±100, ±89 (where {@code exp} overflows float32), ±20, ±1e-30, 0),
 *     inputs left unchanged, {@code dx} overwritten rather than accumulated, and each row of a batch
 *     computed independently of the others and of the batch's rank; an
 *     {@link ElementwiseActivation} that computes ranges ({@link ElementwiseActivation#computesRanges}, which
 *     lets the engine fuse it into the dense layers around it) gives bitwise the whole-array forward's and
 *     backward's values on any range and block and writes nothing outside them;</li>
 * <li>losses: {@link GradientCheck} on predictions kept away from kinks, finite values and gradients
 *     on extreme predictions (or a clear {@link IllegalArgumentException}), the documented
 *     {@code IllegalArgumentException} for mismatched shapes or invalid class ids, a reduction over the
 *     batch that is the mean (the default) or the sum (the loss of two equal halves is the mean or the
 *     sum of their losses), and {@code valueAndGradient}
 *     agreeing with {@code value} and {@code gradient};</li>
 * <li>optimizers: a decreasing loss on a convex least-squares problem with the default
 *     hyperparameters, finite parameters after extreme gradients, {@code state()}/{@code loadState()}
 *     resuming bitwise, {@code zeroGrad()} and the learning-rate accessors;</li>
 * <li>schedules: finite learning rates ≥ 0 over 200 epochs at base rates 0.001 and 1, the same rate for an
 *     epoch whatever was asked before (a resumed run asks for its first epoch first), and both again with each
 *     number hyperparameter moved;</li>
 * <li>layers (on samples of {@value #FEATURES} features): {@code type()} is the provider's name,
 *     {@code outputShape} agrees with {@code forward}, {@code hyperparameters()} recreate it,
 *     {@link GradientCheck#layer} for the input and every parameter, at the initial parameters and again with every
 *     parameter element moved off its initial value (a weight initialised to 1 or a bias to 0 hides a backward
 *     pass that leaves it out), parameter gradients that start from zero
 *     at every step as an optimizer reads them (a layer that keeps a gradient array loses what it writes),
 *     each row of a batch computed independently of the others in an inference pass, and of its
 *     {@linkplain Layer#buffers() buffers}: names that are not empty, hold no '.' (the state dict's separator) and
 *     differ from the parameters', tensors that are none of the parameters' and the same on every call (loading
 *     copies into them), left bitwise unchanged by an inference pass (also after training passes moved them).</li>
 * </ul>
 *
 * <p>Tolerances: gradients must agree with central differences to a relative error below
 * {@value #GRADIENT_TOLERANCE}. A wrong derivative is off by O(1); float32 rounding in the forward pass
 * and the O(h²) truncation of central differences stay near 1e-3 for smooth functions, so 1e-2 separates
 * the two without flagging correct float32 code. Comparisons that should be exact up to summation
 * order (batch independence, mean reduction) use a relative {@value #AGREEMENT_TOLERANCE}.
 */
public final class PluginContract {

    /** The largest relative error accepted between analytic and finite-difference gradients. */
    public static final double GRADIENT_TOLERANCE = 1e-2;
    /** The relative tolerance of comparisons that differ only by float32 summation order. */
    public static final double AGREEMENT_TOLERANCE = 1e-5;

    private static final int FEATURES = 5;
    private static final float[] EXTREMES = {1e30f, -1e30f, 1e4f, -1e4f, 100f, -100f, 89f, -89f, 20f, -20f,
        1e-30f, -1e-30f, 0f};
    private static final int OPTIMIZER_STEPS = 500;

    private PluginContract() {
    }

    /** One check: what was checked, whether it passed, and the evidence in one line. */
    public record Check(String name, boolean passed, String detail) {
        @Override
        public String toString() {
            return (passed ? "PASS " : "FAIL ") + name + (detail.isEmpty() ? "" : ": " + detail);
        }
    }

    /**
     * The outcome of every check on one plugin.
     *
     * @param plugin the plugin's name
     * @param kind   {@code activation}, {@code loss}, {@code optimizer}, {@code schedule} or {@code layer}
     * @param checks the checks in the order they ran
     */
    public record Report(String plugin, String kind, List<Check> checks) {
        /** Copies the list. */
        public Report {
            checks = List.copyOf(checks);
        }

        /** Whether every check passed. */
        public boolean passed() {
            return checks.stream().allMatch(Check::passed);
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(kind + " " + plugin + ":");
            checks.forEach(c -> s.append("\n  ").append(c));
            return s.toString();
        }
    }

    /** A check that runs code and passes when it returns a detail without throwing. */
    @FunctionalInterface
    private interface Body {
        String run() throws Exception;
    }

    /** Collects checks; an exception in a check fails that check and the others still run. */
    private static final class Checks {
        private final List<Check> list = new ArrayList<>();

        void run(String name, Body body) {
            try {
                list.add(new Check(name, true, body.run()));
            } catch (ContractViolation e) {
                list.add(new Check(name, false, e.getMessage()));
            } catch (Exception | AssertionError | StackOverflowError e) {
                list.add(new Check(name, false, "threw " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage())));
            }
        }

        boolean lastPassed() {
            return !list.isEmpty() && list.get(list.size() - 1).passed();
        }
    }

    /** Thrown inside a check to fail it with a message. */
    private static final class ContractViolation extends RuntimeException {
        ContractViolation(String message) {
            super(message, null, false, false);
        }
    }

    /** The summary of a gradient check that passes; otherwise fails with its report followed by {@code hint}. */
    private static String passing(GradientCheck.Result r, String hint) {
        require(r.passes(GRADIENT_TOLERANCE), r + hint);
        return "max relative error " + String.format("%.1e", r.maxRelativeError());
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new ContractViolation(message);
        }
    }

    // ---------------------------------------------------------------- activations

    /**
     * Checks an activation created by {@code provider} from {@code hyperparameters} (keys left out take
     * their declared defaults).
     */
    public static Report activation(ActivationProvider provider, Hyperparameters hyperparameters) {
        return activation(provider, hyperparameters, name -> false);
    }

    /**
     * Checks an activation as {@link #activation(ActivationProvider, Hyperparameters)} does, accepting an
     * alias: a provider whose activation has another name ({@code swish} creating {@code silu}) passes
     * when {@code registered} knows that name, since saved models refer to the activation by it.
     */
    public static Report activation(ActivationProvider provider, Hyperparameters hyperparameters,
                                    Predicate<String> registered) {
        Checks checks = new Checks();
        Activation[] made = new Activation[1];
        checks.run("created from " + describe(hyperparameters), () -> {
            provider.checkHyperparameters(hyperparameters);
            made[0] = provider.create(hyperparameters);
            require(made[0] != null, "create returned null");
            if (provider.name().equals(made[0].name())) {
                return "";
            }
            require(registered.test(made[0].name()), "the activation's name() is '" + made[0].name()
                    + "' but its provider's is '" + provider.name() + "', and no activation '" + made[0].name()
                    + "' is registered to load saved models by");
            return "an alias of '" + made[0].name() + "', the name saved models use";
        });
        if (!checks.lastPassed()) {
            return new Report(provider.name(), "activation", checks.list);
        }
        Activation act = made[0];
        checks.run("hyperparameters() recreate it", () -> {
            Activation again = provider.create(act.hyperparameters());
            copyParameters(act.parameters(), again.parameters());
            Tensor x = grid(4, FEATURES, 1);
            requireClose(forward(act, x), forward(again, x), "outputs of the original and the recreated activation");
            return "hyperparameters " + act.hyperparameters();
        });
        checks.run("gradient check on [-5, 5]", () -> passing(GradientCheck.activation(act, grid(4, FEATURES, 2)), ""));
        checks.run(MOVED, () -> moved(provider.hyperparameterSpecs(), hyperparameters, h -> {
            provider.checkHyperparameters(h);
            return provider.create(h);
        }, moved -> {
            GradientCheck.Result r = GradientCheck.activation(moved, grid(4, FEATURES, 2));
            require(r.passes(GRADIENT_TOLERANCE), "gradient check: " + r);
            Activation again = provider.create(moved.hyperparameters());
            copyParameters(moved.parameters(), again.parameters());
            Tensor x = grid(4, FEATURES, 1);
            requireClose(forward(moved, x), forward(again, x), "hyperparameters() " + moved.hyperparameters()
                    + " recreate it: outputs of the original and the recreated activation");
        }));
        checks.run("finite on extreme inputs", () -> {
            Tensor x = Tensor.of(EXTREMES.clone(), 1, EXTREMES.length);
            Tensor y = Tensor.zeros(x.shape());
            act.forward(x, y);
            requireFinite(y, x, "output");
            Tensor dx = Tensor.zeros(x.shape());
            act.backward(x, y, Tensor.full(1f, x.shape()), dx);
            requireFinite(dx, x, "gradient");
            return "inputs " + Arrays.toString(EXTREMES);
        });
        checks.run("leaves its inputs unchanged", () -> {
            Tensor x = grid(3, FEATURES, 3);
            Tensor xCopy = x.copy();
            Tensor y = Tensor.zeros(x.shape());
            act.forward(x, y);
            require(Arrays.equals(x.data(), xCopy.data()), "forward changed its input x");
            Tensor yCopy = y.copy();
            Tensor dy = grid(3, FEATURES, 4);
            Tensor dyCopy = dy.copy();
            act.backward(x, y, dy, Tensor.zeros(x.shape()));
            require(Arrays.equals(x.data(), xCopy.data()), "backward changed the input x");
            require(Arrays.equals(y.data(), yCopy.data()), "backward changed the output y");
            require(Arrays.equals(dy.data(), dyCopy.data()), "backward changed dy");
            return "";
        });
        checks.run("backward overwrites dx", () -> {
            Tensor x = grid(3, FEATURES, 5);
            Tensor y = forward(act, x);
            Tensor dy = grid(3, FEATURES, 6);
            Tensor clean = Tensor.zeros(x.shape());
            act.backward(x, y, dy, clean);
            Tensor dirty = Tensor.full(7f, x.shape());
            act.backward(x, y, dy, dirty);
            requireClose(clean, dirty, "dx written into zeros and into a buffer holding 7s");
            return "";
        });
        checks.run("rows are independent of the batch", () -> {
            Tensor batch = grid(6, FEATURES, 7);
            Tensor whole = requireRowsIndependent(batch, x -> forward(act, x));
            int[] rank3 = {2, 3, FEATURES};
            try {
                act.checkInputShape(new int[] {3, FEATURES});
            } catch (IllegalArgumentException e) {
                return "shape [2, 3, " + FEATURES + "] not accepted (" + e.getMessage() + ")";
            }
            Tensor cube = forward(act, batch.copy().reshape(rank3));
            requireClose(whole, cube.reshape(6, FEATURES), "a [6, 5] batch and the same values shaped [2, 3, 5]");
            return "";
        });
        if (act instanceof ElementwiseActivation e && e.computesRanges()) {
            checks.run("ranges give the whole-array bits", () -> rangesMatchWholeArrays(e));
        }
        return new Report(provider.name(), "activation", checks.list);
    }

    /**
     * An activation that computes ranges gives each element the bits of the whole-array forward and
     * backward, on ranges and on blocks, and writes nothing outside them.
     */
    private static String rangesMatchWholeArrays(ElementwiseActivation e) {
        float[] x = new float[100];
        System.arraycopy(grid(1, 87, 8).data(), 0, x, 0, 87);
        System.arraycopy(EXTREMES, 0, x, 87, EXTREMES.length);
        Tensor xs = Tensor.of(x.clone(), 4, 25);
        float[] y = forward(e, xs).data();
        float[] dy = grid(4, 25, 9).data();
        Tensor dxs = Tensor.zeros(xs.shape());
        e.backward(xs, Tensor.of(y.clone(), 4, 25), Tensor.of(dy.clone(), 4, 25), dxs);
        float[] dx = dxs.data();
        float[] out = new float[x.length];
        int[] bounds = {0, 1, 17, 18, 64, 99, 100};
        for (int b = 1; b < bounds.length; b++) {
            int from = bounds[b - 1];
            int to = bounds[b];
            boolean[] inside = new boolean[x.length];
            Arrays.fill(inside, from, to, true);
            Arrays.fill(out, Float.NaN);
            e.forwardRange(x, out, from, to);
            requireInside(x, y, out, inside, "f", "forwardRange(x, y, " + from + ", " + to + ")", "y");
            Arrays.fill(out, Float.NaN);
            e.backwardRange(x, y, dy, out, from, to);
            requireInside(x, dx, out, inside, "f'·dy at", "backwardRange(x, y, dy, dx, " + from + ", " + to + ")",
                    "dx");
        }
        // Rows 1 and 2 of the [4, 25] matrix, columns 3 to 19, as a dense layer's epilogue passes a block.
        boolean[] inside = new boolean[x.length];
        for (int r = 1; r <= 2; r++) {
            Arrays.fill(inside, r * 25 + 3, r * 25 + 20, true);
        }
        Arrays.fill(out, Float.NaN);
        e.forwardBlock(x, out, 25, 2, 25, 3, 20);
        requireInside(x, y, out, inside, "f", "forwardBlock(x, y, 25, 2, 25, 3, 20)", "y");
        Arrays.fill(out, Float.NaN);
        e.backwardBlock(x, y, dy, out, 25, 2, 25, 3, 20);
        requireInside(x, dx, out, inside, "f'·dy at", "backwardBlock(x, y, dy, dx, 25, 2, 25, 3, 20)", "dx");
        return "fused into the dense layers around it";
    }

    /** {@code written} holds the bits of {@code whole} where {@code inside}, and NaN elsewhere. */
    private static void requireInside(float[] x, float[] whole, float[] written, boolean[] inside, String what,
            String call, String output) {
        for (int i = 0; i < x.length; i++) {
            if (!inside[i]) {
                require(Float.isNaN(written[i]),
                        call + " wrote " + output + "[" + i + "], outside the elements it was given");
            } else {
                require(Float.floatToRawIntBits(whole[i]) == Float.floatToRawIntBits(written[i]), what + "(" + x[i]
                        + ") is " + whole[i] + " by the whole-array call but " + written[i] + " by " + call);
            }
        }
    }

    private static Tensor forward(Activation act, Tensor x) {
        Tensor y = Tensor.zeros(x.shape());
        act.forward(x, y);
        return y;
    }

    /**
     * Values in [-5, 5] at least 0.15 away from every multiple of 0.5, where piecewise activations
     * (relu, hardtanh, hardswish, softshrink, relu6 ...) have kinks that finite differences cannot cross.
     */
    private static Tensor grid(int rows, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] d = new float[rows * cols];
        for (int i = 0; i < d.length; i++) {
            int cell = random.nextInt(-10, 10);               // which half-unit cell of [-5, 5)
            d[i] = (float) (cell * 0.5 + 0.15 + random.nextDouble() * 0.2);
        }
        return Tensor.of(d, rows, cols);
    }

    // ---------------------------------------------------------------- losses

    /** Checks a loss created by {@code provider} from {@code hyperparameters}. */
    public static Report loss(LossProvider provider, Hyperparameters hyperparameters) {
        Checks checks = new Checks();
        Loss[] made = new Loss[1];
        checks.run("created from " + describe(hyperparameters), () -> {
            provider.checkHyperparameters(hyperparameters);
            made[0] = provider.create(hyperparameters);
            require(made[0] != null, "create returned null");
            require(provider.name().equals(made[0].name()), "the loss's name() is '" + made[0].name()
                    + "' but its provider's is '" + provider.name() + "'");
            return made[0].takesClassLabels() ? "takes class ids as targets" : "takes values as targets";
        });
        if (!checks.lastPassed()) {
            return new Report(provider.name(), "loss", checks.list);
        }
        Loss loss = made[0];
        boolean labels = loss.takesClassLabels();
        Tensor prediction = labels ? logits(4, 0) : values(4, 0)[0];
        Tensor target = labels ? classIds(4, 0) : values(4, 0)[1];
        checks.run("hyperparameters() recreate it", () -> {
            Loss again = provider.create(loss.hyperparameters());
            double a = loss.value(prediction, target);
            double b = again.value(prediction, target);
            require(close(a, b), "the original gives " + a + ", the recreated " + b);
            return "hyperparameters " + loss.hyperparameters();
        });
        checks.run("gradient check", () -> passing(GradientCheck.loss(loss, prediction, target), ""));
        checks.run(MOVED, () -> moved(provider.hyperparameterSpecs(), hyperparameters, h -> {
            provider.checkHyperparameters(h);
            return provider.create(h);
        }, moved -> {
            GradientCheck.Result r = GradientCheck.loss(moved, prediction, target);
            require(r.passes(GRADIENT_TOLERANCE), "gradient check: " + r);
            double a = moved.value(prediction, target);
            double b = provider.create(moved.hyperparameters()).value(prediction, target);
            require(close(a, b), "hyperparameters() " + moved.hyperparameters() + " recreate it: the original gives "
                    + a + ", the recreated " + b);
        }));
        checks.run("valueAndGradient agrees with value and gradient", () -> {
            Tensor g1 = Tensor.zeros(prediction.shape());
            loss.gradient(prediction, target, g1);
            Tensor g2 = Tensor.full(7f, prediction.shape());
            double both = loss.valueAndGradient(prediction, target, g2);
            double value = loss.value(prediction, target);
            require(close(both, value), "valueAndGradient gives " + both + " but value gives " + value);
            requireClose(g1, g2, "gradient() and valueAndGradient()'s gradient");
            return "";
        });
        checks.run("finite or rejected on extreme predictions", () -> {
            int rejected = 0;
            for (float v : labels ? new float[] {1e4f, -1e4f, 100f, -100f, 89f, 0f} : new float[] {50f, -50f, 20f, -20f, 1e-30f, 0f, 1f}) {
                Tensor p = prediction.copy();
                float[] d = p.data();
                for (int i = 0; i < d.length; i += 2) {
                    d[i] = v;                 // half the entries extreme, the others ordinary
                }
                try {
                    double value = loss.value(p, target);
                    Tensor g = Tensor.zeros(p.shape());
                    loss.gradient(p, target, g);
                    require(Double.isFinite(value), "value is " + value + " when predictions hold " + v);
                    requireFinite(g, p, "gradient");
                } catch (IllegalArgumentException e) {
                    requireMessage(e);
                    rejected++;
                }
            }
            return rejected == 0 ? "" : rejected + " extreme cases rejected with a message";
        });
        checks.run("rejects mismatched shapes", () -> {
            Tensor fewer = labels ? classIds(3, 1) : values(3, 1)[1];
            expectRejection(() -> loss.value(prediction, fewer), "a target with 3 rows for a prediction with 4");
            if (labels) {
                Tensor bad = target.copy();
                bad.data()[0] = FEATURES;
                expectRejection(() -> loss.value(prediction, bad), "class id " + FEATURES + " with " + FEATURES + " classes");
                bad.data()[0] = -1;
                expectRejection(() -> loss.value(prediction, bad), "class id -1");
                bad.data()[0] = 1.5f;
                expectRejection(() -> loss.value(prediction, bad), "class id 1.5");
            } else {
                Tensor narrow = Tensor.zeros(4, FEATURES - 1);
                expectRejection(() -> loss.value(prediction, narrow), "a [4, 4] target for a [4, 5] prediction");
            }
            return "";
        });
        checks.run("is the mean or the sum over the batch", () -> {
            Tensor p8 = labels ? logits(8, 2) : values(8, 2)[0];
            Tensor t8 = labels ? classIds(8, 2) : values(8, 2)[1];
            if (!labels) {
                // The second half's errors are half the first's, so its loss differs clearly from the first's.
                float[] p = p8.data();
                float[] t = t8.data();
                int half = p.length / 2;
                for (int i = 0; i < half; i++) {
                    t[half + i] = t[i];
                    p[half + i] = t[i] + (p[i] - t[i]) / 2;
                }
            }
            double whole = loss.value(p8, t8);
            double first = loss.value(rows(p8, 0, 4), rows(t8, 0, 4));
            double second = loss.value(rows(p8, 4, 8), rows(t8, 4, 8));
            if (close(whole, (first + second) / 2)) {
                return "mean";
            }
            require(close(whole, first + second), "a batch of 8 gives " + whole + " but its halves give "
                    + first + " and " + second + ": neither their mean nor their sum");
            return "sum";
        });
        return new Report(provider.name(), "loss", checks.list);
    }

    /**
     * Logits whose differences within a row are multiples of 0.3 (a random permutation of 5 levels),
     * so no margin-based loss sits within a finite-difference step of its kink at a difference of ±1.
     */
    private static Tensor logits(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed + 100);
        float[] d = new float[rows * FEATURES];
        for (int r = 0; r < rows; r++) {
            int[] order = permutation(random);
            for (int c = 0; c < FEATURES; c++) {
                d[r * FEATURES + c] = (float) ((order[c] - 2) * 0.3 + 0.05);
            }
        }
        return Tensor.of(d, rows, FEATURES);
    }

    private static int[] permutation(SplittableRandom random) {
        int[] p = {0, 1, 2, 3, 4};
        for (int i = p.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static Tensor classIds(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed + 200);
        float[] d = new float[rows];
        for (int i = 0; i < rows; i++) {
            d[i] = random.nextInt(FEATURES);
        }
        return Tensor.of(d, rows);
    }

    /**
     * A prediction and a target in (0, 1) (valid for probability losses such as binary cross-entropy)
     * that differ by 0.1 to 0.18 everywhere, away from the kink of absolute-error losses at zero.
     */
    private static Tensor[] values(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed + 300);
        float[] p = new float[rows * FEATURES];
        float[] t = new float[rows * FEATURES];
        for (int i = 0; i < p.length; i++) {
            double target = 0.2 + random.nextDouble() * 0.6;
            double gap = (0.1 + random.nextDouble() * 0.08) * (random.nextBoolean() ? 1 : -1);
            t[i] = (float) target;
            p[i] = (float) (target + gap);
        }
        return new Tensor[] {Tensor.of(p, rows, FEATURES), Tensor.of(t, rows, FEATURES)};
    }

    private static Tensor rows(Tensor t, int from, int to) {
        int[] shape = t.shape();
        shape[0] = to - from;
        int row = t.rowSize();
        return Tensor.of(Arrays.copyOfRange(t.data(), from * row, to * row), shape);
    }

    private static void expectRejection(Runnable call, String what) {
        try {
            call.run();
        } catch (IllegalArgumentException e) {
            requireMessage(e);
            return;
        } catch (RuntimeException e) {
            throw new ContractViolation(what + " threw " + e.getClass().getSimpleName()
                    + " instead of an IllegalArgumentException naming the problem");
        }
        throw new ContractViolation(what + " was accepted; it must throw an IllegalArgumentException");
    }

    private static void requireMessage(IllegalArgumentException e) {
        require(e.getMessage() != null && !e.getMessage().isBlank(),
                "an IllegalArgumentException without a message: users would not know what is wrong");
    }

    // ---------------------------------------------------------------- optimizers

    /**
     * The hyperparameters {@link #optimizer} creates the optimizer from: {@code hyperparameters}, with a
     * required {@code lr} that is not given set to 0.01.
     */
    public static Hyperparameters optimizerHyperparameters(OptimizerProvider provider, Hyperparameters hyperparameters) {
        Hyperparameters h = hyperparameters;
        for (HyperparameterSpec spec : provider.hyperparameterSpecs()) {
            if (spec.name().equals("lr") && spec.isRequired() && !h.has("lr")) {
                h = h.with("lr", 0.01);
            }
        }
        return h;
    }

    /**
     * Checks an optimizer created by {@code provider} from {@code hyperparameters}. A required
     * {@code lr} that is not given is set to 0.01, so that optimizers without a default learning rate
     * (PyTorch's SGD) can be checked without arguments.
     */
    public static Report optimizer(OptimizerProvider provider, Hyperparameters hyperparameters) {
        Hyperparameters config = optimizerHyperparameters(provider, hyperparameters);
        Checks checks = new Checks();
        checks.run("created from " + describe(config), () -> {
            provider.checkHyperparameters(config);
            Optimizer o = provider.create(problemParameters(), config);
            require(o != null, "create returned null");
            require(provider.name().equals(o.name()), "the optimizer's name() is '" + o.name()
                    + "' but its provider's is '" + provider.name() + "'");
            return "";
        });
        if (!checks.lastPassed()) {
            return new Report(provider.name(), "optimizer", checks.list);
        }
        checks.run("decreases the loss of a convex least-squares problem", () -> {
            List<Parameter> params = problemParameters();
            Optimizer o = provider.create(params, config);
            double initial = leastSquares(params, false);
            double last = initial;
            for (int step = 0; step < OPTIMIZER_STEPS; step++) {
                o.zeroGrad();
                last = leastSquares(params, true);
                require(Double.isFinite(last), "the loss became " + last + " at step " + step);
                o.step();
            }
            last = leastSquares(params, false);
            require(Double.isFinite(last), "the loss became " + last + " after " + OPTIMIZER_STEPS + " steps");
            require(last < initial * (1 - 1e-3), "the loss went from " + initial + " to " + last
                    + " in " + OPTIMIZER_STEPS + " steps at lr " + o.learningRate());
            return String.format("%.4g -> %.4g in %d steps", initial, last, OPTIMIZER_STEPS);
        });
        checks.run("finite after extreme gradients", () -> {
            List<Parameter> params = problemParameters();
            Optimizer o = provider.create(params, config);
            for (float g : new float[] {1e15f, -1e15f, 1e-20f, 0f, 1e15f}) {
                for (Parameter p : params) {
                    Arrays.fill(p.gradient().data(), g);
                }
                o.step();
                for (Parameter p : params) {
                    requireFinite(p.value(), null, p.name() + " after a step with gradient " + g);
                }
            }
            return "gradients 1e15, -1e15, 1e-20, 0, 1e15";
        });
        checks.run("state() and loadState() resume bitwise", () -> {
            List<Parameter> a = problemParameters();
            Optimizer first = provider.create(a, config);
            for (int i = 0; i < 5; i++) {
                first.zeroGrad();
                leastSquares(a, true);
                first.step();
            }
            OptimizerState state = first.state();
            List<Parameter> b = new ArrayList<>();
            for (Parameter p : a) {
                b.add(new Parameter(p.name(), p.value().copy()));
            }
            Optimizer resumed = provider.create(b, config);
            resumed.loadState(state);
            for (int i = 0; i < 5; i++) {
                first.zeroGrad();
                resumed.zeroGrad();
                leastSquares(a, true);
                leastSquares(b, true);
                first.step();
                resumed.step();
            }
            for (int i = 0; i < a.size(); i++) {
                require(Arrays.equals(a.get(i).value().data(), b.get(i).value().data()),
                        "after 5 more steps '" + a.get(i).name() + "' differs between the original and the resumed optimizer");
            }
            return state.tensors().size() + " tensors, " + state.scalars().size() + " scalars";
        });
        checks.run("zeroGrad and learning rate", () -> {
            List<Parameter> params = problemParameters();
            Optimizer o = provider.create(params, config);
            leastSquares(params, true);
            o.zeroGrad();
            for (Parameter p : params) {
                for (float g : p.gradient().data()) {
                    require(g == 0f, "zeroGrad left a gradient of " + g + " in '" + p.name() + "'");
                }
            }
            require(o.parameters().size() == params.size(), "parameters() has " + o.parameters().size()
                    + " entries but the optimizer was created over " + params.size());
            o.setLearningRate(0.0123);
            require(o.learningRate() == 0.0123, "after setLearningRate(0.0123) learningRate() is " + o.learningRate());
            return "";
        });
        return new Report(provider.name(), "optimizer", checks.list);
    }

    /** A weight [2, 3] and a bias [2], starting at zero, for y = W·x + b. */
    private static List<Parameter> problemParameters() {
        return List.of(new Parameter("weight", Tensor.zeros(2, 3)), new Parameter("bias", Tensor.zeros(2)));
    }

    /** 16 samples of x in [-1, 1]³ with y = W*·x + b* for a fixed W*, b*: the minimum loss is 0. */
    private static final float[][] PROBLEM_X = new float[16][3];
    private static final float[][] PROBLEM_Y = new float[16][2];

    static {
        SplittableRandom random = new SplittableRandom(11);
        float[][] w = {{1.0f, -2.0f, 0.5f}, {0.3f, 0.8f, -1.5f}};
        float[] b = {0.5f, -1.0f};
        for (int n = 0; n < 16; n++) {
            for (int i = 0; i < 3; i++) {
                PROBLEM_X[n][i] = (float) (random.nextDouble() * 2 - 1);
            }
            for (int o = 0; o < 2; o++) {
                double y = b[o];
                for (int i = 0; i < 3; i++) {
                    y += w[o][i] * PROBLEM_X[n][i];
                }
                PROBLEM_Y[n][o] = (float) y;
            }
        }
    }

    /**
     * The mean over samples of ½‖W·x + b − y‖², convex in (W, b); with {@code accumulate} its gradient
     * is added to the parameters' gradients.
     */
    private static double leastSquares(List<Parameter> params, boolean accumulate) {
        float[] w = params.get(0).value().data();
        float[] b = params.get(1).value().data();
        float[] gw = params.get(0).gradient().data();
        float[] gb = params.get(1).gradient().data();
        int n = PROBLEM_X.length;
        double total = 0;
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < 2; o++) {
                double r = b[o] - PROBLEM_Y[s][o];
                for (int i = 0; i < 3; i++) {
                    r += (double) w[o * 3 + i] * PROBLEM_X[s][i];
                }
                total += 0.5 * r * r;
                if (accumulate) {
                    gb[o] += (float) (r / n);
                    for (int i = 0; i < 3; i++) {
                        gw[o * 3 + i] += (float) (r * PROBLEM_X[s][i] / n);
                    }
                }
            }
        }
        return total / n;
    }

    // ---------------------------------------------------------------- layers

    /**
     * Checks a layer created by {@code provider} from {@code hyperparameters} for samples of {@value #FEATURES}
     * features (a layer that needs others, e.g. {@code dense}'s {@code units}, gets them from
     * {@code hyperparameters}); {@code registry} is what a layer wrapping other plugins creates them from.
     */
    public static Report layer(LayerProvider provider, Hyperparameters hyperparameters, PluginRegistry registry) {
        Checks checks = new Checks();
        Layer[] made = new Layer[1];
        int[] sample = {FEATURES};
        checks.run("created for inputs [" + FEATURES + "] from " + describe(hyperparameters), () -> {
            provider.checkHyperparameters(hyperparameters, registry);
            made[0] = provider.create(hyperparameters, new LayerContext(sample, new SplittableRandom(1), registry));
            require(made[0] != null, "create returned null");
            require(provider.name().equals(made[0].type()), "the layer's type() is '" + made[0].type()
                    + "' but its provider's name is '" + provider.name() + "'; saved models name layers by type()");
            return made[0].parameters().size() + " parameters";
        });
        if (!checks.lastPassed()) {
            return new Report(provider.name(), "layer", checks.list);
        }
        Layer layer = made[0];
        checks.run("outputShape agrees with forward", () -> {
            int[] declared = layer.outputShape(sample);
            int[] actual = layer.forward(grid(4, FEATURES, 1), false).shape();
            int[] expected = new int[declared.length + 1];
            expected[0] = 4;
            System.arraycopy(declared, 0, expected, 1, declared.length);
            require(Arrays.equals(expected, actual), "outputShape([" + FEATURES + "]) is " + Arrays.toString(declared)
                    + " but forward of a batch of 4 gives " + Arrays.toString(actual));
            return "output " + Arrays.toString(declared);
        });
        checks.run("hyperparameters() recreate it", () -> {
            Layer again = provider.create(layer.hyperparameters(), new LayerContext(sample, new SplittableRandom(2), registry));
            copyParameters(layer.parameters(), again.parameters());
            Tensor x = grid(4, FEATURES, 3);
            requireClose(layer.forward(x, false).copy(), again.forward(x, false).copy(),
                    "outputs of the original and the recreated layer");
            return "hyperparameters " + layer.hyperparameters();
        });
        checks.run("gradient check on [-5, 5]", () -> passing(GradientCheck.layer(layer, grid(4, FEATURES, 4)), ""));
        checks.run(PARAMETERS_MOVED, () -> {
            List<Parameter> parameters = layer.parameters();
            if (parameters.isEmpty()) {
                return "no parameters";
            }
            List<Tensor> initial = new ArrayList<>();
            parameters.forEach(p -> initial.add(p.value().copy()));
            try {
                moveParameters(parameters);
                return passing(GradientCheck.layer(layer, grid(4, FEATURES, 4)), "; at the initial values the check"
                        + " passes when a backward pass ignores a weight of 1 or a bias of 0");
            } finally {
                for (int i = 0; i < parameters.size(); i++) {
                    parameters.get(i).value().copyFrom(initial.get(i));
                }
            }
        });
        checks.run("parameter gradients start from zero at every step", () -> {
            if (layer.parameters().isEmpty()) {
                return "no parameters";
            }
            Tensor x = grid(4, FEATURES, 5);
            List<Tensor> first = stepGradients(layer, x);
            List<Tensor> second = stepGradients(layer, x);
            for (int i = 0; i < first.size(); i++) {
                requireClose(first.get(i), second.get(i), "parameter '" + layer.parameters().get(i).name()
                        + "' after two steps' zeroGradient(), forward and backward (a layer must fetch"
                        + " parameter.gradient() in every backward call and add to it, never keep the array)");
                require(!allZero(first.get(i)), "parameter '"
                        + layer.parameters().get(i).name() + "' gets an all-zero gradient; if backward writes into an"
                        + " array kept from an earlier gradient() call, the optimizer's next gradient() clears it");
            }
            return "";
        });
        checks.run("rows are independent of the batch", () -> {
            requireRowsIndependent(grid(6, FEATURES, 6), x -> layer.forward(x, false).copy());
            return "";
        });
        checks.run(BUFFERS_NAMED, () -> requireBuffersApart(layer));
        checks.run(BUFFERS_KEPT_IN_INFERENCE, () -> {
            if (layer.buffers().isEmpty()) {
                return "no buffers";
            }
            // Training passes first: buffers still at their initial values would hide a pass that resets them.
            layer.forward(grid(4, FEATURES, 8), true);
            layer.forward(grid(4, FEATURES, 9), true);
            Map<String, Tensor> before = new LinkedHashMap<>();
            layer.buffers().forEach((name, b) -> before.put(name, b.copy()));
            layer.forward(grid(4, FEATURES, 10), false);
            for (Map.Entry<String, Tensor> e : before.entrySet()) {
                float[] was = e.getValue().data();
                float[] now = layer.buffers().get(e.getKey()).data();
                for (int i = 0; i < was.length; i++) {
                    require(Float.floatToRawIntBits(was[i]) == Float.floatToRawIntBits(now[i]), "buffer '" + e.getKey()
                            + "' changed in a forward pass with training=false (element " + i + ": " + was[i] + " -> "
                            + now[i] + "); a layer may update its buffers only in training passes");
                }
            }
            return before.size() + " buffers unchanged";
        });
        return new Report(provider.name(), "layer", checks.list);
    }

    /** The layer check of the buffers' names and tensors. */
    private static final String BUFFERS_NAMED = "buffers are named apart from the parameters and are none of them";
    /** The layer check that an inference pass leaves the buffers alone. */
    private static final String BUFFERS_KEPT_IN_INFERENCE = "an inference pass leaves the buffers unchanged";

    /**
     * Fails on a buffer name that is empty, holds a '.' or is a parameter's, a buffer that is a parameter's tensor,
     * and buffers() giving other tensors on a second call; returns the names.
     */
    private static String requireBuffersApart(Layer layer) {
        Map<String, Tensor> buffers = layer.buffers();
        if (buffers.isEmpty()) {
            return "no buffers";
        }
        Map<String, Tensor> again = layer.buffers();
        require(again.keySet().equals(buffers.keySet()), "buffers() names " + buffers.keySet() + " and then "
                + again.keySet() + "; it must give the same buffers on every call");
        for (Map.Entry<String, Tensor> e : buffers.entrySet()) {
            String name = e.getKey();
            require(name != null && !name.isEmpty() && !name.contains("."), "buffer name '" + name + "' must be"
                    + " a non-empty name without '.', which separates the layer index in a model's state dict");
            require(e.getValue() != null, "buffer '" + name + "' is null");
            require(again.get(name) == e.getValue(), "buffer '" + name + "' is another tensor on a second buffers()"
                    + " call; loading copies saved values into the tensors buffers() gives, so return the layer's own");
            for (Parameter p : layer.parameters()) {
                require(!p.name().equals(name), "buffer '" + name + "' has the name of a parameter; both are saved"
                        + " by name, so one would overwrite the other");
                require(p.value() != e.getValue(), "buffer '" + name + "' is parameter '" + p.name() + "''s tensor;"
                        + " a buffer is not learnable, so it needs a tensor of its own");
            }
        }
        return buffers.size() + " buffers " + buffers.keySet();
    }

    /** The layer check that repeats the gradient check with every parameter moved off its initial value. */
    private static final String PARAMETERS_MOVED = "gradient check with the parameters moved off their initial values";

    /**
     * Moves every parameter element {@code v} to {@code 1.5·v ± u}, u drawn from [0.1, 0.5] and the sign of
     * {@code v} kept ({@code +} at 0), so that no weight stays 1 and no bias 0: a layer normalisation or an affine
     * layer starts at γ = 1 and β = 0, where a backward pass that leaves γ out of the input gradient agrees
     * with finite differences.
     */
    private static void moveParameters(List<Parameter> parameters) {
        SplittableRandom random = new SplittableRandom(8);
        for (Parameter p : parameters) {
            float[] v = p.value().data();
            for (int i = 0; i < v.length; i++) {
                double u = 0.1 + 0.4 * random.nextDouble();
                v[i] = (float) (1.5 * v[i] + (v[i] < 0 ? -u : u));
            }
        }
    }

    /** One training step's parameter gradients, read as an optimizer reads them: after the backward pass. */
    private static List<Tensor> stepGradients(Layer layer, Tensor x) {
        layer.parameters().forEach(Parameter::zeroGradient);
        Tensor y = layer.forward(x, true);
        layer.backward(grid(y.dim(0), y.size() / y.dim(0), 7).reshape(y.shape()));
        List<Tensor> gradients = new ArrayList<>();
        for (Parameter p : layer.parameters()) {
            gradients.add(p.gradient().copy());
        }
        return gradients;
    }

    private static boolean allZero(Tensor t) {
        for (float v : t.data()) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Each of {@code batch}'s rows given alone to {@code forward} must give its row of the whole batch's output
     * (a plugin must not mix samples); returns that output.
     */
    private static Tensor requireRowsIndependent(Tensor batch, java.util.function.UnaryOperator<Tensor> forward) {
        int rows = batch.dim(0);
        int in = batch.size() / rows;
        Tensor whole = forward.apply(batch);
        int out = whole.size() / rows;
        for (int r = 0; r < rows; r++) {
            Tensor alone = forward.apply(Tensor.of(Arrays.copyOfRange(batch.data(), r * in, (r + 1) * in), 1, in));
            Tensor inBatch = Tensor.of(Arrays.copyOfRange(whole.data(), r * out, (r + 1) * out), alone.shape());
            requireClose(alone, inBatch, "row " + r + " computed alone and in a batch of " + rows);
        }
        return whole;
    }

    // ---------------------------------------------------------------- schedules

    /** Epochs over which a schedule's learning rates are checked. */
    private static final int SCHEDULE_EPOCHS = 200;
    /** Base learning rates a schedule is checked with. */
    private static final double[] SCHEDULE_BASES = {1e-3, 1.0};

    /**
     * Checks a learning-rate schedule created by {@code provider} from {@code hyperparameters} (a schedule that
     * wraps another, such as a warm-up, creates it from {@code registry}).
     */
    public static Report schedule(ScheduleProvider provider, Hyperparameters hyperparameters, PluginRegistry registry) {
        Checks checks = new Checks();
        checks.run("created from " + describe(hyperparameters), () -> {
            provider.checkHyperparameters(hyperparameters, registry);
            require(provider.create(hyperparameters, registry) != null, "create returned null");
            return "";
        });
        if (!checks.lastPassed()) {
            return new Report(provider.name(), "schedule", checks.list);
        }
        checks.run("finite, non-negative learning rates", () -> {
            requireUsableRates(provider.create(hyperparameters, registry));
            return "epochs 0–" + (SCHEDULE_EPOCHS - 1) + " at base rates " + Arrays.toString(SCHEDULE_BASES);
        });
        checks.run("a function of the epoch alone", () -> {
            requireEpochFunction(() -> provider.create(hyperparameters, registry));
            return "";
        });
        checks.run("the same with each number hyperparameter moved", () -> moved(provider.hyperparameterSpecs(),
                hyperparameters, h -> {
                    provider.checkHyperparameters(h, registry);
                    return h;
                }, h -> {
                    requireUsableRates(provider.create(h, registry));
                    requireEpochFunction(() -> provider.create(h, registry));
                }));
        return new Report(provider.name(), "schedule", checks.list);
    }

    /** Every rate over the checked epochs and base rates is a finite number ≥ 0. */
    private static void requireUsableRates(LearningRateSchedule schedule) {
        for (double base : SCHEDULE_BASES) {
            for (int epoch = 0; epoch < SCHEDULE_EPOCHS; epoch++) {
                double lr = schedule.learningRate(epoch, base);
                require(Double.isFinite(lr) && lr >= 0, "learningRate(" + epoch + ", " + base + ") is " + lr
                        + "; an optimizer needs a finite rate ≥ 0");
            }
        }
    }

    /**
     * A second schedule asked for the epochs in reverse order, each twice, must give the rates the first gave
     * in order: resuming from a checkpoint asks for the resume epoch first, and a schedule that counts its
     * calls (as a PyTorch scheduler's {@code step()} does) would give a resumed run other rates.
     */
    private static void requireEpochFunction(java.util.function.Supplier<LearningRateSchedule> create) {
        for (double base : SCHEDULE_BASES) {
            LearningRateSchedule inOrder = create.get();
            double[] expected = new double[SCHEDULE_EPOCHS];
            for (int epoch = 0; epoch < SCHEDULE_EPOCHS; epoch++) {
                expected[epoch] = inOrder.learningRate(epoch, base);
            }
            LearningRateSchedule reversed = create.get();
            for (int epoch = SCHEDULE_EPOCHS - 1; epoch >= 0; epoch--) {
                for (int call = 1; call <= 2; call++) {
                    double lr = reversed.learningRate(epoch, base);
                    require(Double.compare(lr, expected[epoch]) == 0, "learningRate(" + epoch + ", " + base + ") is "
                            + expected[epoch] + " when the epochs are asked in order but " + lr + " on call " + call
                            + " when they are asked from the last; a resumed run would train at other rates");
                }
            }
        }
    }

    // ---------------------------------------------------------------- shared

    /** The check that repeats the gradient and recreation checks off the given hyperparameters. */
    private static final String MOVED = "gradient and hyperparameters() with each number hyperparameter moved";

    /**
     * Creates the plugin with each number hyperparameter moved in turn off its given or default value (×1.5,
     * or to 0.25 from 0), and runs {@code check} on it. A backward pass that ignores a hyperparameter, or a
     * {@code hyperparameters()} that forgets one, passes at the defaults and fails here. A moved value the
     * plugin rejects (outside its range) is skipped; the detail lists what was run and skipped.
     */
    private static <T> String moved(List<HyperparameterSpec> specs, Hyperparameters given,
                                    java.util.function.Function<Hyperparameters, T> create,
                                    java.util.function.Consumer<T> check) {
        List<String> ran = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (HyperparameterSpec spec : specs) {
            if (spec.type() != HyperparameterSpec.Type.NUMBER) {
                continue;
            }
            Object current = given.has(spec.name()) ? given.asMap().get(spec.name()) : spec.defaultValue();
            if (!(current instanceof Number n)) {
                continue;
            }
            double value = n.doubleValue() == 0 ? 0.25 : n.doubleValue() * 1.5;
            String setting = spec.name() + "=" + value;
            T plugin;
            try {
                plugin = create.apply(given.with(spec.name(), value));
            } catch (IllegalArgumentException rejected) {
                skipped.add(setting);
                continue;
            }
            try {
                check.accept(plugin);
            } catch (ContractViolation e) {
                throw new ContractViolation("with " + setting + ": " + e.getMessage());
            } catch (RuntimeException e) {
                throw new ContractViolation("with " + setting + ": threw " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
            ran.add(setting);
        }
        if (ran.isEmpty() && skipped.isEmpty()) {
            return "no number hyperparameters";
        }
        return (ran.isEmpty() ? "" : String.join(", ", ran))
                + (skipped.isEmpty() ? "" : (ran.isEmpty() ? "" : "; ") + "skipped, rejected by the plugin: "
                        + String.join(", ", skipped));
    }

    private static String describe(Hyperparameters given) {
        return given.isEmpty() ? "its defaults" : given.toString();
    }

    private static void copyParameters(List<Parameter> from, List<Parameter> to) {
        require(from.size() == to.size(), "the recreated plugin has " + to.size() + " parameters, the original "
                + from.size());
        for (int i = 0; i < from.size(); i++) {
            to.get(i).value().copyFrom(from.get(i).value());
        }
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= AGREEMENT_TOLERANCE * Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
    }

    private static void requireClose(Tensor expected, Tensor actual, String what) {
        require(Arrays.equals(expected.shape(), actual.shape()), what + ": shapes " + Arrays.toString(expected.shape())
                + " and " + Arrays.toString(actual.shape()));
        float[] e = expected.data();
        float[] a = actual.data();
        for (int i = 0; i < e.length; i++) {
            require(close(e[i], a[i]), what + " differ at element " + i + ": " + e[i] + " vs " + a[i]);
        }
    }

    private static void requireFinite(Tensor t, Tensor input, String what) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                throw new ContractViolation(what + " is " + d[i]
                        + (input == null ? "" : " for input " + input.data()[i]) + " (element " + i + ")");
            }
        }
    }
}
