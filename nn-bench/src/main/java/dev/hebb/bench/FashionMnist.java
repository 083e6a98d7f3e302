package dev.hebb.bench;

import dev.hebb.io.data.IdxData;
import dev.hebb.train.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds and loads Fashion-MNIST's four IDX files (gzipped, as distributed) with nn-io: images scaled to
 * [0, 1] as {@code [n, 784]}, labels as class ids {@code [n]}.
 */
final class FashionMnist {

    /** Where the data set is looked for when no directory is given. */
    static final List<Path> DEFAULT_DIRECTORIES = List.of(Path.of("../shared/data/fashion-mnist"),
            Path.of("/work/shared/data/fashion-mnist"), Path.of("/usr/share/datasets/fashion-mnist"));

    private FashionMnist() {
    }

    static Path locate(String directory) {
        if (directory != null) {
            return Path.of(directory);
        }
        for (Path p : DEFAULT_DIRECTORIES) {
            if (Files.isRegularFile(p.resolve("train-images-idx3-ubyte.gz"))) {
                return p;
            }
        }
        throw new IllegalArgumentException("Fashion-MNIST not found in " + DEFAULT_DIRECTORIES + "; pass --data DIR");
    }

    static Dataset train(Path dir) throws IOException {
        return load(dir, "train");
    }

    static Dataset test(Path dir) throws IOException {
        return load(dir, "t10k");
    }

    private static Dataset load(Path dir, String prefix) throws IOException {
        return IdxData.read(dir.resolve(prefix + "-images-idx3-ubyte.gz"), dir.resolve(prefix + "-labels-idx1-ubyte.gz"))
                .dataset();
    }
}
