package dev.hebb.io.checkpoint;

import dev.hebb.io.config.RunConfig;
import dev.hebb.io.data.Features;
import dev.hebb.layer.Sequential;
import dev.hebb.loss.Loss;
import dev.hebb.tensor.Tensor;
import dev.hebb.train.ArgMax;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A model loaded from a model directory, with everything saved beside its weights: what a Java service needs
 * to predict, as {@code nn predict} does, from features as they are stored.
 *
 * <p><b>Features in, as stored.</b> Every {@code predict} method takes the features as they appear in the data
 * files the model was trained on, and applies the model's whole feature encoding exactly as training did:
 * for a model trained on pixels ({@link DataInfo#featureEncoding()} {@code PIXELS}: IDX images, uint8
 * {@code .npy}), the bytes 0 to 255 held as floats, which it scales by {@code byte / 255f} (torchvision's
 * {@code ToTensor}); then the saved normalisation, if any. Pixels that are not whole numbers from 0 to 255
 * (such as values already divided by 255) are refused rather than predicted on silently wrong. For a model
 * trained on values (CSV cells, float {@code .npy}) the features are taken as written; for one saved before
 * Hebb recorded the encoding ({@code UNKNOWN}) only the normalisation is applied, so pixels must already be
 * scaled, as {@link dev.hebb.io.data.DataFiles#readFeatures} returns them.
 *
 * <p><b>Shapes.</b> A batch is {@code [n, ...]} with each sample shaped as the model's input
 * ({@code config().model().inputShape()}) or flattened to that many values, and gives outputs {@code [n, ...]};
 * {@code n = 0} gives an empty result of that shape. A single sample without the batch dimension, e.g.
 * {@code [64]}, gives outputs without it, as PyTorch's {@code Linear} does. Any other shape is refused with a
 * message giving the shape given and the shapes accepted.
 *
 * <p><b>Classification.</b> For a model trained with a loss over class labels, {@link #predictClasses} gives
 * each sample's predicted class name (DJL's {@code Classifications.best()}, {@code argmax} in PyTorch) and
 * {@link #predictProbabilities} each class's probability ({@code softmax} of the logits for
 * {@code cross_entropy}, {@code exp} of the log-probabilities for {@code nll}, as PyTorch turns those outputs
 * into probabilities).
 *
 * <p>Safe to call from several threads: calls take turns on the model, whose layers reuse their buffers
 * (see {@link Sequential}). For predictions in parallel, load one model per thread.
 *
 * @param config     the config the model was trained with
 * @param model      the model, its weights loaded
 * @param data       column names, class names, normalisation and feature encoding
 * @param provenance who wrote it, when, with which plugins
 * @param progress   the training counters of a checkpoint, or {@code null} for a final model
 * @param loss       the loss the model was trained with, built by the registry it was loaded with
 */
public record SavedModel(RunConfig config, Sequential model, DataInfo data, Provenance provenance, Progress progress,
                         Loss loss) {

    /**
     * The model's raw outputs (logits, log-probabilities, regression targets...) for {@code features} as stored,
     * after the model's feature encoding (see the class comment). The result is a new tensor the caller owns.
     *
     * @param features a batch {@code [n, ...]} or one sample (see the class comment)
     * @throws IllegalArgumentException when the shape fits neither a sample nor a batch of the model's input, or
     *                                  pixels of a pixel-trained model are not whole numbers from 0 to 255
     */
    public Tensor predict(Tensor features) {
        int[] sample = config.model().inputShape();
        int[] shape = features.shape();
        boolean single = fits(shape, 0, sample);
        if (!single && !(shape.length >= 2 && fits(shape, 1, sample))) {
            throw new IllegalArgumentException("features of shape " + Arrays.toString(shape) + " fit neither the model's"
                    + " input " + Arrays.toString(sample) + " (one sample) nor a batch " + batchOf(sample)
                    + (sample.length > 1 ? " or [n, " + Tensor.sizeOf(sample) + "]" : ""));
        }
        int[] out = model.outputShape();
        if (!single && shape[0] == 0) {
            return Tensor.zeros(withBatch(0, out));   // no sample: nothing to run, but the shape a loop over it expects
        }
        Tensor x = single ? features.copy().reshape(withBatch(1, shape)) : features.copy();
        encode(x);
        Tensor y;
        synchronized (model) {
            y = model.predict(x);
        }
        return single ? y.reshape(out) : y;
    }

    /**
     * Each sample's probability of each class, {@code [n, classes]} (or {@code [classes]} for one sample), for
     * {@code features} as {@link #predict} takes them. In float32, computed in double.
     *
     * @throws IllegalStateException when the loss is not {@code cross_entropy} or {@code nll}, whose outputs
     *                               have no known relation to probabilities ({@link #predict} gives them raw)
     */
    public Tensor predictProbabilities(Tensor features) {
        checkProbabilities();
        return probabilitiesOf(predict(features));
    }

    /**
     * Each sample's predicted class, by name ({@link #classNames()}): the class of its largest output, the first
     * on ties, as {@code torch.argmax}.
     *
     * @throws IllegalStateException when the model is not a classifier, or a sample's outputs hold NaN (it predicts
     *                               no class)
     */
    public List<String> predictClasses(Tensor features) {
        checkClassifier();
        return classesOf(predict(features));
    }

    /** Whether the model was trained with a loss over class labels, so that it predicts classes. */
    public boolean isClassifier() {
        return loss.takesClassLabels();
    }

    /**
     * Whether {@link #predictProbabilities} and {@link #probabilitiesOf} apply: the model was trained with
     * {@code cross_entropy} (its outputs are logits) or {@code nll} (log-probabilities).
     */
    public boolean givesProbabilities() {
        String name = loss.name();
        return name.equals("cross_entropy") || name.equals("nll");
    }

    /**
     * The class names by class id: those saved from the training labels, or the ids {@code "0"} to
     * {@code "classes − 1"} when the labels were numbers.
     *
     * @throws IllegalStateException when the model is not a classifier
     */
    public List<String> classNames() {
        checkClassifier();
        int[] out = model.outputShape();
        int classes = out[out.length - 1];
        List<String> names = data.classNames();
        if (names.size() == classes) {
            return names;
        }
        List<String> ids = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            ids.add(c < names.size() ? names.get(c) : String.valueOf(c));
        }
        return List.copyOf(ids);
    }

    /**
     * The class probabilities of outputs {@link #predict} returned, same shape: for one batch, both the raw
     * outputs and the probabilities without predicting twice. NaN outputs give NaN probabilities.
     *
     * @throws IllegalStateException as {@link #predictProbabilities}
     */
    public Tensor probabilitiesOf(Tensor outputs) {
        checkProbabilities();
        boolean softmax = loss.name().equals("cross_entropy");
        float[] p = outputs.data();
        int width = classesIn(outputs);
        float[] result = new float[p.length];
        double[] row = new double[width];
        for (int from = 0; from < p.length; from += width) {
            if (softmax) {
                // Shifted by the row's maximum so that exp cannot overflow; Math.max carries a NaN through.
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < width; c++) {
                    max = Math.max(max, p[from + c]);
                }
                double sum = 0;
                for (int c = 0; c < width; c++) {
                    row[c] = Math.exp(p[from + c] - max);
                    sum += row[c];
                }
                for (int c = 0; c < width; c++) {
                    result[from + c] = (float) (row[c] / sum);
                }
            } else {
                for (int c = 0; c < width; c++) {
                    result[from + c] = (float) Math.exp(p[from + c]);
                }
            }
        }
        return Tensor.of(result, outputs.shape());
    }

    /**
     * The predicted class names of outputs {@link #predict} returned, one per sample.
     *
     * @throws IllegalStateException as {@link #predictClasses}
     */
    public List<String> classesOf(Tensor outputs) {
        checkClassifier();
        List<String> names = classNames();
        int width = classesIn(outputs);
        float[] p = outputs.data();
        List<String> result = new ArrayList<>(p.length / width);
        for (int from = 0; from < p.length; from += width) {
            int best = ArgMax.of(p, from, width);
            if (best == ArgMax.NO_CLASS) {
                throw new IllegalStateException("the outputs of sample " + from / width + " (counting from 0) hold NaN,"
                        + " so it predicts no class; the model's weights or this sample's features are not usable");
            }
            result.add(names.get(best));
        }
        return result;
    }

    /** Scales pixels and normalises, in place, as the training data was. */
    private void encode(Tensor x) {
        if (data.featureEncoding() == DataInfo.FeatureEncoding.PIXELS) {
            checkBytes(x);
            Features.scaleUnsignedBytes(x.data());
        }
        if (data.normalization() != null) {
            data.normalization().apply(x);
        }
    }

    private static void checkBytes(Tensor x) {
        float[] v = x.data();
        int row = x.rowSize();
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= 0 && v[i] <= 255 && v[i] == Math.rint(v[i]))) {
                throw new IllegalArgumentException("sample " + i / row + " (counting from 0), feature " + i % row + ": "
                        + v[i] + " is not a pixel byte; the model was trained on pixels and takes them as stored, whole"
                        + " numbers from 0 to 255, which it divides by 255 itself (not values already scaled to [0, 1])");
            }
        }
    }

    /** Whether {@code shape} from index {@code from} on is {@code sample}, or {@code sample} flattened. */
    private static boolean fits(int[] shape, int from, int[] sample) {
        int[] rest = Arrays.copyOfRange(shape, from, shape.length);
        return Arrays.equals(rest, sample) || rest.length == 1 && rest[0] == Tensor.sizeOf(sample);
    }

    private static int[] withBatch(int n, int[] sample) {
        int[] s = new int[sample.length + 1];
        s[0] = n;
        System.arraycopy(sample, 0, s, 1, sample.length);
        return s;
    }

    private static String batchOf(int[] sample) {
        String dims = Arrays.toString(sample);
        return "[n, " + dims.substring(1);
    }

    /** The class count of outputs {@code [n, classes]} or {@code [classes]}, checked against the model's. */
    private int classesIn(Tensor outputs) {
        int[] out = model.outputShape();
        int classes = out[out.length - 1];
        int[] s = outputs.shape();
        if (s.length < 1 || s.length > 2 || s[s.length - 1] != classes) {
            throw new IllegalArgumentException("outputs of shape " + Arrays.toString(s) + " are not this model's class"
                    + " scores, [n, " + classes + "] or [" + classes + "]");
        }
        return classes;
    }

    private void checkClassifier() {
        if (!isClassifier()) {
            throw new IllegalStateException("the model predicts no classes: its loss " + loss.name() + " does not take"
                    + " class labels; predict gives its outputs");
        }
    }

    private void checkProbabilities() {
        if (!givesProbabilities()) {
            throw new IllegalStateException("the outputs of a model trained with the loss " + loss.name() + " are not known to"
                    + " be probabilities (cross_entropy's logits and nll's log-probabilities are); predict gives them raw");
        }
    }
}
