package dev.hebb.io.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hebb.io.config.ConfigException;
import dev.hebb.io.config.ConfigReader;
import dev.hebb.io.config.RunConfig;
import dev.hebb.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code data.testSplit}: a test set held out of the one training file by the training seed. */
class TestSplitTest {

    @TempDir
    Path dir;

    /** 20 rows, x = row index, class x mod 2: every sample's value names its row. */
    private RunConfig config(String training, String data) throws IOException {
        StringBuilder csv = new StringBuilder("x,label\n");
        for (int x = 0; x < 20; x++) {
            csv.append(x).append(',').append(x % 2).append('\n');
        }
        Files.writeString(dir.resolve("t.csv"), csv);
        return ConfigReader.parse("{\"model\": {\"inputs\": 1, \"layers\": [{\"type\": \"dense\", \"units\": 2}]},"
                + " \"loss\": \"cross_entropy\", \"optimizer\": {\"name\": \"sgd\", \"lr\": 0.1}, \"training\": " + training
                + ", \"data\": " + data + "}", dir, "run.json");
    }

    private static float[] rows(int[] indices) {
        float[] f = new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            f[i] = indices[i];
        }
        return f;
    }

    @Test
    void theTestSetIsTheHeldOutFractionAndTheRestIsTrainedOn() throws IOException {
        RunConfig c = config("{\"seed\": 5}", "{\"train\": \"t.csv\", \"targets\": \"label\", \"testSplit\": 0.25}");
        TrainingRun run = TrainingRun.start(c, TrainingRunTest.REGISTRY);

        int[][] parts = TrainingRun.testSplit(c, 20);
        assertEquals(5, parts[1].length, "round(20 x 0.25)");
        assertArrayEquals(rows(parts[1]), run.test().features().data(), "the held-out rows, in file order");
        assertArrayEquals(rows(parts[0]), run.train().features().data(), "every other row, in file order");
        assertArrayEquals(rows(Arrays.stream(parts[1]).map(i -> i % 2).toArray()), run.test().targets().data());
    }

    @Test
    void theHeldOutSamplesDependOnTheSeedAlone() throws IOException {
        RunConfig a = config("{\"seed\": 5}", "{\"train\": \"t.csv\", \"targets\": \"label\", \"testSplit\": 0.25}");
        RunConfig b = config("{\"seed\": 5, \"epochs\": 3}", "{\"train\": \"t.csv\", \"targets\": \"label\", \"testSplit\": 0.25}");
        RunConfig other = config("{\"seed\": 6}", "{\"train\": \"t.csv\", \"targets\": \"label\", \"testSplit\": 0.25}");
        assertArrayEquals(TrainingRun.testSplit(a, 20)[1], TrainingRun.testSplit(b, 20)[1]);
        assertFalse(Arrays.equals(TrainingRun.testSplit(a, 20)[1], TrainingRun.testSplit(other, 20)[1]));
        assertNotEquals(Arrays.toString(Trainer.split(20, 0.25, 5)[1]), Arrays.toString(TrainingRun.testSplit(a, 20)[1]),
                "not the samples the trainer's validation split of the same seed would pick");
    }

    @Test
    void validationComesOutOfTheRestAndNormalisationSeesOnlyTheTrainingSide() throws IOException {
        RunConfig c = config("{\"seed\": 5, \"validationSplit\": 0.2}",
                "{\"train\": \"t.csv\", \"targets\": \"label\", \"testSplit\": 0.25, \"normalize\": \"minmax\"}");
        TrainingRun run = TrainingRun.start(c, TrainingRunTest.REGISTRY);

        int[] kept = TrainingRun.testSplit(c, 20)[0];
        int[][] validation = Trainer.split(15, 0.2, 5);
        int[] trainRows = Arrays.stream(validation[0]).map(i -> kept[i]).toArray();
        double min = IntStream.of(trainRows).min().orElseThrow();
        double max = IntStream.of(trainRows).max().orElseThrow();
        assertEquals(12, run.train().size());
        assertEquals(3, run.validation().size());
        assertEquals(5, run.test().size());
        assertArrayEquals(new double[] {min}, run.dataInfo().normalization().shift(), 0, "fitted on the 12 training rows");
        assertArrayEquals(new double[] {max - min}, run.dataInfo().normalization().scale(), 0);
        int[] held = TrainingRun.testSplit(c, 20)[1];
        float[] expected = new float[held.length];
        for (int i = 0; i < held.length; i++) {
            expected[i] = (float) ((held[i] - min) / (max - min));
        }
        assertArrayEquals(expected, run.test().features().data(), 0, "the test rows with the training statistics");
    }

    @Test
    void aSplitLeavingASideEmptyNamesTheKey() throws IOException {
        RunConfig c = config("{}", "{\"train\": \"t.csv\", \"targets\": \"label\", \"testSplit\": 0.01}");
        assertEquals("run.json: data.testSplit: holds out 0 of the 20 samples, leaving no test sample",
                assertThrows(ConfigException.class, () -> TrainingRun.start(c, TrainingRunTest.REGISTRY)).getMessage());
    }
}
