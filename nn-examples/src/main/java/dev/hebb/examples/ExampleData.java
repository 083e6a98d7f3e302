package dev.hebb.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the data sets that ship with the repository in {@code examples/data/}, from the repository root
 * (where the README's commands run) or from a module folder (where Maven runs the tests).
 */
public final class ExampleData {

    private ExampleData() {
    }

    /**
     * The path of {@code examples/data/<name>}.
     *
     * @throws IllegalStateException when neither {@code ./examples/data} nor {@code ../examples/data} holds it
     */
    public static Path file(String name) {
        for (Path base : List.of(Path.of("examples", "data"), Path.of("..", "examples", "data"))) {
            Path p = base.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find examples/data/" + name + " from " + Path.of("").toAbsolutePath()
                + "; run the examples from the repository root, or pass the file's path as the first argument");
    }

    /** {@code args[0]} as a path when given, else {@code examples/data/<name>}. */
    public static Path fileOrArgument(String[] args, String name) {
        return args.length > 0 ? Path.of(args[0]) : file(name);
    }
}
