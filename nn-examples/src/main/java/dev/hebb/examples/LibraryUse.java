package dev.hebb.examples;

import dev.hebb.io.safetensors.Safetensors;
import dev.hebb.layer.Sequential;
import dev.hebb.plugin.PluginRegistry;
import dev.hebb.plugin.Plugins;
import dev.hebb.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Hebb as a library: build a model in code, train it, save its weights, and load them again in another
 * process (or in PyTorch) to predict. The model is the sine network of {@link SineRegression}
 * ({@code Linear(1,32), Tanh, Linear(32,32), Tanh, Linear(32,1)}); its weights are saved as
 * safetensors under PyTorch's state-dict names ({@code 0.weight}, {@code 0.bias}, {@code 2.weight}, ...),
 * so {@code torch.nn.Sequential(...).load_state_dict} takes the same file.
 *
 * <pre>
 * java -cp ... dev.hebb.examples.LibraryUse train runs/sine          # trains, writes runs/sine/weights.safetensors
 * java -cp ... dev.hebb.examples.LibraryUse predict runs/sine 0.5 2  # a fresh process: loads and predicts
 * </pre>
 * Both print one line per input, {@code x<TAB>y}, with floats printed exactly (shortest round-trip text).
 */
public final class LibraryUse {

    /** The file the weights are saved to inside the output folder. */
    public static final String WEIGHTS = "weights.safetensors";

    /** The inputs {@code train} predicts after saving. */
    public static final float[] PROBES = {-3f, -1.5f, 0f, 0.5f, 2f};

    private LibraryUse() {
    }

    /**
     * The architecture, with fresh weights from {@code seed}: loading a file overwrites them all. The
     * code that loads weights must build the same layers; the file holds only the weights.
     */
    public static Sequential newModel(PluginRegistry registry, long seed) {
        return Mlp.of(registry, new SplittableRandom(seed), "tanh", 1, 32, 32, 1);
    }

    /**
     * Saves the model's weights to {@code file} under PyTorch's state-dict names: its whole state, so a layer's
     * buffers (a batch norm's running statistics) are saved too.
     */
    public static void save(Sequential model, Path file) throws IOException {
        Safetensors.write(file, model.stateDict(), Map.of("format", "pt"));
    }

    /**
     * A model with the weights of {@code file}: the file is checked completely (names, shapes, sizes)
     * before any value is copied.
     */
    public static Sequential load(PluginRegistry registry, Path file) throws IOException {
        Sequential model = newModel(registry, 0);
        Safetensors.loadModel(file, model);
        return model;
    }

    /** Prints {@code x<TAB>y} for each input, both exactly (Float.toString reads back to the same float). */
    public static void printPredictions(Sequential model, float[] xs, PrintStream out) {
        float[] y = model.predict(Tensor.of(xs.clone(), xs.length, 1)).data();
        for (int i = 0; i < xs.length; i++) {
            out.println(xs[i] + "\t" + y[i]);
        }
    }

    /**
     * {@code train DIR}: trains the sine network, saves {@code DIR/weights.safetensors} and prints its
     * predictions for {@link #PROBES}. {@code predict DIR X...}: loads the weights and prints the
     * predictions for the given inputs.
     */
    public static void main(String[] args) throws IOException {
        if (args.length >= 2 && args[0].equals("train")) {
            PluginRegistry registry = Plugins.registry();
            Sequential model = SineRegression.train(registry, SineRegression.SEED).model();
            Path dir = Files.createDirectories(Path.of(args[1]));
            save(model, dir.resolve(WEIGHTS));
            printPredictions(model, PROBES, System.out);
        } else if (args.length >= 3 && args[0].equals("predict")) {
            Sequential model = load(Plugins.registry(), Path.of(args[1]).resolve(WEIGHTS));
            float[] xs = new float[args.length - 2];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = Float.parseFloat(args[i + 2]);
            }
            printPredictions(model, xs, System.out);
        } else {
            System.err.println("usage: LibraryUse train DIR | LibraryUse predict DIR X...");
            System.exit(2);
        }
    }
}
