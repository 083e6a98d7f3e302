package dev.hebb.train;

import dev.hebb.tensor.Tensor;
import java.util.Arrays;

/**
 * The confusion matrix of a classifier and what follows from it: accuracy and per-class precision,
 * recall and F1, as scikit-learn's {@code classification_report} defines them.
 *
 * <p>For class {@code c} with true positives {@code TP}, false positives {@code FP} and false negatives
 * {@code FN}: {@code precision = TP / (TP + FP)}, {@code recall = TP / (TP + FN)},
 * {@code F1 = 2·precision·recall / (precision + recall)}. A ratio whose denominator is 0 is 0 (scikit-learn's
 * {@code zero_division=0}). Macro averages are plain means over classes; weighted averages weight each
 * class by its support (its number of true samples).
 *
 * <p>A sample whose scores hold NaN predicts no class (see {@link ArgMax#of}): it is counted as wrong, never as
 * class 0 or any other. It lowers the accuracy and its true class's recall, adds to no class's precision, and
 * appears in {@link #unpredicted()} instead of a column of the confusion matrix. All-NaN scores so give accuracy
 * 0 and F1 0, the truth about a model that predicts nothing, where reading NaN as class 0 made them look half right.
 */
public final class ClassificationMetrics {

    private final long[][] confusion;
    /** Per true class, the samples whose scores held NaN. */
    private final long[] unpredicted;
    private final long total;

    private ClassificationMetrics(long[][] confusion, long[] unpredicted) {
        this.confusion = confusion;
        this.unpredicted = unpredicted;
        long t = 0;
        for (int c = 0; c < confusion.length; c++) {
            t += unpredicted[c];
            for (long v : confusion[c]) {
                t += v;
            }
        }
        this.total = t;
    }

    /**
     * The metrics of {@code scores} {@code [n, classes]} (logits or probabilities: the arg-max, first on
     * ties, is the predicted class) against the true classes: class ids {@code [n]}, or rows of class
     * probabilities {@code [n, classes]} whose arg-max is the true class (cross-entropy's two target forms).
     * A row of scores holding NaN predicts no class and counts as wrong.
     *
     * @throws IllegalArgumentException when the shapes disagree, a label is not a class id below {@code classes},
     *                                  or a row of class probabilities holds NaN (its true class is unknown)
     */
    public static ClassificationMetrics of(Tensor scores, Tensor labels) {
        boolean ids = labels.rank() == 1;
        boolean probabilities = labels.rank() == 2 && scores.rank() == 2 && labels.dim(1) == scores.dim(1);
        if (scores.rank() != 2 || !(ids || probabilities) || labels.dim(0) != scores.dim(0)) {
            throw new IllegalArgumentException("classification metrics need scores [n, classes] and labels [n] or class"
                    + " probabilities [n, classes], got " + Arrays.toString(scores.shape()) + " and "
                    + Arrays.toString(labels.shape()));
        }
        int n = scores.dim(0);
        int classes = scores.dim(1);
        if (classes == 0) {
            throw new IllegalArgumentException("classification metrics need scores of at least one class, got "
                    + Arrays.toString(scores.shape()));
        }
        long[][] confusion = new long[classes][classes];
        long[] unpredicted = new long[classes];
        float[] s = scores.data();
        float[] t = labels.data();
        for (int r = 0; r < n; r++) {
            float label = ids ? t[r] : 0;
            if (ids && (label < 0 || label >= classes || label != Math.rint(label))) {
                throw new IllegalArgumentException("label " + label + " of sample " + r + " is not a class id in [0, "
                        + classes + ")");
            }
            int truth = ArgMax.targetClass(labels, r, classes);
            if (truth == ArgMax.NO_CLASS) {
                throw new IllegalArgumentException("the class probabilities of sample " + r + " hold NaN, so its true"
                        + " class is unknown");
            }
            int predicted = ArgMax.of(s, r * classes, classes);
            if (predicted == ArgMax.NO_CLASS) {
                unpredicted[truth]++;
            } else {
                confusion[truth][predicted]++;
            }
        }
        return new ClassificationMetrics(confusion, unpredicted);
    }

    /** The number of classes. */
    public int classes() {
        return confusion.length;
    }

    /** The number of samples. */
    public long samples() {
        return total;
    }

    /**
     * {@code [true class][predicted class]} counts, copied. Samples whose scores held NaN are in no column: a row
     * sums to its class's {@link #support} less its {@link #unpredicted(int)} samples.
     */
    public long[][] confusionMatrix() {
        long[][] copy = new long[confusion.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    /** The fraction of samples whose predicted class is their true class (0 for no samples). */
    public double accuracy() {
        long correct = 0;
        for (int c = 0; c < confusion.length; c++) {
            correct += confusion[c][c];
        }
        return ratio(correct, total);
    }

    /** The number of samples whose scores held NaN, so that they predicted no class (counted as wrong). */
    public long unpredicted() {
        long u = 0;
        for (long v : unpredicted) {
            u += v;
        }
        return u;
    }

    /** The number of samples of true class {@code c} whose scores held NaN. */
    public long unpredicted(int c) {
        return unpredicted[checkClass(c)];
    }

    /** The number of samples whose true class is {@code c}, predicted or not. */
    public long support(int c) {
        long s = unpredicted[checkClass(c)];
        for (long v : confusion[c]) {
            s += v;
        }
        return s;
    }

    /** TP / (TP + FP) of class {@code c}. */
    public double precision(int c) {
        checkClass(c);
        long predicted = 0;
        for (long[] row : confusion) {
            predicted += row[c];
        }
        return ratio(confusion[c][c], predicted);
    }

    /** TP / (TP + FN) of class {@code c}. */
    public double recall(int c) {
        return ratio(confusion[checkClass(c)][c], support(c));
    }

    /** The harmonic mean of precision and recall of class {@code c} (0 when both are 0). */
    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** The mean of per-class F1 over all classes. */
    public double macroF1() {
        double sum = 0;
        for (int c = 0; c < classes(); c++) {
            sum += f1(c);
        }
        return sum / classes();
    }

    /** The mean of per-class F1 weighted by support. */
    public double weightedF1() {
        double sum = 0;
        for (int c = 0; c < classes(); c++) {
            sum += f1(c) * support(c);
        }
        return ratio(sum, total);
    }

    /** {@code c}, or an error naming it and the range when it is not a class. */
    private int checkClass(int c) {
        if (c < 0 || c >= confusion.length) {
            throw new IndexOutOfBoundsException("class " + c + " is out of range for " + confusion.length + " classes (0 to "
                    + (confusion.length - 1) + ")");
        }
        return c;
    }

    private static double ratio(double numerator, double denominator) {
        return denominator == 0 ? 0 : numerator / denominator;
    }
}
