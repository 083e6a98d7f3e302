package dev.hebb.io.data;

import dev.hebb.tensor.Tensor;

/**
 * The rule every reader applies to features stored as arrays (IDX images, {@code .npy}), in one place so
 * that the same images give bitwise the same features whichever format they come in; a model, with the
 * normalisation fitted on its training data, then gives the same results on either. A saved model's
 * {@code predict} applies the same scaling to the pixels it is given, so it predicts from stored bytes exactly
 * as training saw them.
 */
public final class Features {

    private Features() {
    }

    /**
     * Scales unsigned bytes (held as the floats 0 to 255) to [0, 1] in place, as torchvision's
     * {@code ToTensor} does: the float division {@code byte / 255f}.
     */
    public static void scaleUnsignedBytes(float[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = values[i] / 255f;
        }
    }

    /** The values as features {@code [n, rest]}: each sample (an image of any shape) is flattened in C order. */
    static Tensor flattened(float[] values, int[] shape) {
        return Tensor.of(values, shape[0], values.length / shape[0]);
    }
}
