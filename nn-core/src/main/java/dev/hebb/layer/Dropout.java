package dev.hebb.layer;

import dev.hebb.plugin.Hyperparameters;
import dev.hebb.tensor.BufferCache;
import dev.hebb.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * Dropout, as PyTorch's {@code nn.Dropout(p)}: in a training pass each element is zeroed with probability
 * {@code p} and the others are scaled by {@code 1/(1 − p)}, {@code y = m·x/(1 − p)} with {@code m} 0 or 1; an
 * inference pass is the identity, {@code y = x}. The scale is {@code 1/(1 − p)} rounded to float32 once, so a kept
 * element is exactly {@code x · scale} in float32, and a dropped one is +0 (also for an infinite or NaN {@code x},
 * where PyTorch's {@code x·0} gives NaN). {@link #backward} multiplies the output gradient by the same mask and
 * scale.
 *
 * <p><b>Reproducible masks.</b> The mask is not drawn from a stateful generator but is a pure function of three
 * numbers: the layer's {@code seed}, the pass counter {@code c} and the element's index {@code i} in the flat
 * batch. A SplitMix64 hash of them gives 53 random bits {@code u} in [0, 1), and the element is dropped when
 * {@code u < p}. So a mask never depends on how many threads run or how work is split (this layer runs one
 * sequential pass over the elements and does not split it), and the same seed and counter give bitwise the same
 * mask. The seed is drawn once from the model's generator ({@link dev.hebb.plugin.LayerContext#random()}) when the
 * layer is created, so it follows the model's seed, and is kept in the buffer {@code seed} (below), so a model
 * loaded from its files masks with the seed it was trained with, however it was first built. PyTorch's generator (Philox on CUDA, MT19937 on CPU) is not reproduced: the same {@code p} gives the
 * same distribution of masks, never PyTorch's masks bit for bit.
 *
 * <p><b>When the mask changes.</b> The counter advances when {@link #backward} has run after a training pass, so a
 * training forward pass that follows a backward pass draws a new mask, and repeated training forward passes
 * without a backward in between reuse the current one. A training step (forward, backward, optimizer step) thus
 * gets a fresh mask, and a gradient check, which calls forward several times around one backward pass, sees one
 * fixed function. Inference passes use no mask and leave the counter alone.
 *
 * <p><b>The seed and the counter are buffers</b> ({@link #buffers()}: {@code seed}, then {@code counter}), saved
 * with the weights and in checkpoints, so a resumed run goes on with the mask sequence of an uninterrupted one.
 * Buffers are float32, which holds whole numbers exactly only up to 2^24, so the 64-bit seed is stored as four
 * floats of 16 bits each, lowest first, and the counter as two floats of 20 bits each,
 * {@code [c mod 2^20, c / 2^20]}: exact for 2^40 passes (a million steps a second for twelve days); a run
 * beyond that is refused rather than repeating masks.
 */
public final class Dropout implements Layer {

    /** The default drop probability, PyTorch's. */
    public static final double DEFAULT_P = 0.5;
    /** The number of passes the counter buffer holds exactly: two float32 halves of 20 bits each. */
    public static final long MAX_PASSES = 1L << 40;

    private static final int HALF_BITS = 20;
    /** Bits of the seed per float of its buffer: four floats hold the 64 bits. */
    private static final int SEED_BITS = 16;
    private static final int SEED_FLOATS = Long.SIZE / SEED_BITS;
    private static final long HALF_MASK = (1L << HALF_BITS) - 1;
    /** SplitMix64's increment, the odd number nearest 2^64/φ. */
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final double p;
    private final float scale;
    /**
     * ⌈p·2^53⌉: for a 53-bit whole number k, {@code k·2^-53 < p} exactly when {@code k < dropBelow} (p·2^53 is exact
     * in double), so the per-element test is one integer comparison.
     */
    private final long dropBelow;
    /** The buffer's name. */
    private static final String COUNTER = "counter";
    private static final String SEED = "seed";
    /** The pass counter's low and high 20 bits; the one source of truth, so that loading it in place suffices. */
    private final Tensor counter = Tensor.zeros(2);
    /** The seed's four 16-bit pieces, lowest first; like the counter, read on every pass, so loading it suffices. */
    private final Tensor seedPieces = Tensor.zeros(SEED_FLOATS);
    private final Map<String, Tensor> buffers = buffers(seedPieces, counter);
    private final BufferCache outputs = new BufferCache();
    private final BufferCache inputGradients = new BufferCache();
    /** The last forward pass: its output, whether it was a training pass, and the counter it used. */
    private Tensor lastOutput;
    private boolean lastTraining;
    private long lastCounter;

    /**
     * A dropout layer.
     *
     * @param p    the probability of zeroing an element in a training pass, in [0, 1)
     * @param seed the seed of its masks (a model's layers draw it from the model's generator)
     * @throws IllegalArgumentException when {@code p} is outside [0, 1)
     */
    public Dropout(double p, long seed) {
        this.p = checkP(p);
        float[] pieces = seedPieces.data();
        for (int i = 0; i < SEED_FLOATS; i++) {
            pieces[i] = (seed >>> (SEED_BITS * i)) & ((1L << SEED_BITS) - 1);
        }
        this.scale = (float) (1 / (1 - p));
        this.dropBelow = (long) Math.ceil(p * 0x1p53);
    }

    /**
     * {@code p} if it is a probability in [0, 1); else fails naming the key and value ({@code p = 1} would zero
     * everything and scale by infinity).
     *
     * @throws IllegalArgumentException when {@code p} is outside [0, 1) or NaN
     */
    static double checkP(double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout: p must be a probability in [0, 1), got " + p);
        }
        return p;
    }

    /** The drop probability. */
    public double p() {
        return p;
    }

    /** The seed of the masks, as its buffer holds it. */
    public long seed() {
        float[] pieces = seedPieces.data();
        long seed = 0;
        for (int i = 0; i < SEED_FLOATS; i++) {
            float piece = pieces[i];
            if (!(piece >= 0 && piece < (1 << SEED_BITS) && piece == Math.rint(piece))) {
                throw new IllegalStateException("dropout: buffer 'seed' must hold four whole numbers in [0, 2^16) (the"
                        + " mask seed's 16-bit pieces, lowest first), but holds " + Arrays.toString(pieces));
            }
            seed |= (long) piece << (SEED_BITS * i);
        }
        return seed;
    }

    /** {@code seed}, then {@code counter}, in that order whatever Map.of would do (a state dict is ordered). */
    private static Map<String, Tensor> buffers(Tensor seed, Tensor counter) {
        Map<String, Tensor> map = new java.util.LinkedHashMap<>();
        map.put(SEED, seed);
        map.put(COUNTER, counter);
        return java.util.Collections.unmodifiableMap(map);
    }

    /** The pass counter: the number of training passes completed by a backward pass since creation. */
    public long passCounter() {
        float[] c = counter.data();
        float low = c[0];
        float high = c[1];
        if (!isHalf(low) || !isHalf(high)) {
            throw new IllegalStateException("dropout: buffer 'counter' must hold two whole numbers in [0, 2^20) (the"
                    + " pass counter's low and high 20 bits), but holds " + Arrays.toString(c));
        }
        return ((long) high << HALF_BITS) | (long) low;
    }

    private static boolean isHalf(float v) {
        return v >= 0 && v <= HALF_MASK && v == Math.rint(v);
    }

    private void setPassCounter(long value) {
        if (value >= MAX_PASSES) {
            throw new IllegalStateException("dropout: the pass counter reached 2^40 = " + MAX_PASSES
                    + ", the most its float32 buffer 'counter' holds exactly; masks would repeat");
        }
        counter.data()[0] = value & HALF_MASK;
        counter.data()[1] = value >>> HALF_BITS;
    }

    @Override
    public String type() {
        return "dropout";
    }

    @Override
    public Hyperparameters hyperparameters() {
        return Hyperparameters.of("p", p);
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        return inputShape.clone();
    }

    /**
     * In a training pass, {@code x·scale} where the mask of pass {@link #passCounter()} keeps the element and 0
     * where it drops it; in an inference pass a copy of {@code x}. Writes the layer's own output buffer.
     */
    @Override
    public Tensor forward(Tensor input, boolean training) {
        Tensor output = outputs.get(input.shape());
        float[] x = input.data();
        float[] y = output.data();
        lastOutput = output;
        lastTraining = training;
        if (!training) {
            System.arraycopy(x, 0, y, 0, x.length);
            return output;
        }
        lastCounter = passCounter();
        applyMask(passKey(lastCounter), x, y);
        return output;
    }

    /** dL/dx = mask·scale·dL/dy with the last training pass's mask; advances the counter (see the class comment). */
    @Override
    public Tensor backward(Tensor gradOutput) {
        return backward(gradOutput, true);
    }

    /** As {@link #backward(Tensor)}; without {@code inputGradient} only the counter advances and null is returned. */
    @Override
    public Tensor backward(Tensor gradOutput, boolean inputGradient) {
        if (lastOutput == null) {
            throw new IllegalStateException("dropout: backward called before forward");
        }
        if (!gradOutput.sameShape(lastOutput)) {
            throw new IllegalArgumentException("dropout expects an output gradient of shape "
                    + Arrays.toString(lastOutput.shape()) + " but got " + Arrays.toString(gradOutput.shape()));
        }
        if (lastTraining) {
            // Set from the pass's own counter, not incremented, so a second backward of one pass changes nothing.
            setPassCounter(lastCounter + 1);
        }
        if (!inputGradient) {
            return null;
        }
        Tensor gradInput = inputGradients.get(gradOutput.shape());
        float[] g = gradOutput.data();
        float[] dx = gradInput.data();
        if (!lastTraining) {
            System.arraycopy(g, 0, dx, 0, g.length);
            return gradInput;
        }
        applyMask(passKey(lastCounter), g, dx);
        return gradInput;
    }

    /**
     * {@code seed}: the mask seed's four 16-bit pieces, lowest first; {@code counter}: the pass counter's low and high
     * 20 bits, {@code [c mod 2^20, c / 2^20]}.
     */
    @Override
    public Map<String, Tensor> buffers() {
        return buffers;
    }

    /**
     * Both buffers may be missing from a weights file: PyTorch's {@code nn.Dropout} keeps no state, so weights it
     * wrote lack them, and loading them leaves the seed and the counter as they were (in a model just built: the seed
     * drawn from its generator, and pass 0). Hebb's own files always hold them.
     */
    @Override
    public boolean bufferMayBeMissing(String name) {
        return COUNTER.equals(name) || SEED.equals(name);
    }

    /** The hash key of one pass: the seed and the counter mixed, so that every pass starts its own stream. */
    private long passKey(long pass) {
        return mix64(mix64(seed()) + pass * GOLDEN_GAMMA);
    }

    /**
     * {@code to[i] = from[i]·scale} where the mask of {@code key} keeps element i, else +0. Branch-free: a kept or
     * dropped element is a coin toss the processor cannot predict, so the product's bits are ANDed with all ones or
     * zeros instead (which also gives 0, not NaN, for a dropped infinity).
     */
    private void applyMask(long key, float[] from, float[] to) {
        for (int i = 0; i < from.length; i++) {
            // Negative exactly when the element is dropped (both terms are below 2^53); its sign spreads to 32 bits.
            long below = elementBits(key, i) - dropBelow;
            int keep = (int) ~(below >> 63);
            to[i] = Float.intBitsToFloat(Float.floatToRawIntBits(from[i] * scale) & keep);
        }
    }

    /** Whether element {@code index} is dropped: its 53-bit hash as a double in [0, 1) is below p. */
    private boolean dropped(long key, int index) {
        return elementBits(key, index) < dropBelow;
    }

    /** The 53 random bits of element {@code index} in the pass of {@code key}: its value u is this times 2^-53. */
    private static long elementBits(long key, int index) {
        return mix64(key + (index + 1L) * GOLDEN_GAMMA) >>> 11;
    }

    /** SplitMix64's output function (Stafford's variant 13): a bijective avalanche of 64 bits. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Whether the mask of pass {@code pass} drops element {@code index} (for tests of the mask's properties). */
    boolean drops(long pass, int index) {
        return dropped(passKey(pass), index);
    }
}
