package dev.hebb.io.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code data.testSplit} key: read, written back, and rejected where it makes no sense. */
class TestSplitConfigTest {

    @TempDir
    Path dir;

    private RunConfig parse(String data) {
        return ConfigReader.parse("{\"model\": {\"inputs\": 1, \"layers\": [{\"type\": \"dense\", \"units\": 2}]},"
                + " \"loss\": \"cross_entropy\", \"optimizer\": \"sgd\", \"data\": " + data + "}", dir, "run.json");
    }

    @Test
    void testSplitIsReadAndWrittenBack() {
        RunConfig c = parse("{\"train\": \"t.csv\", \"targets\": \"label\", \"testSplit\": 0.2}");
        assertEquals(0.2, c.data().testSplit());
        assertEquals(c.data(), ConfigReader.parse(ConfigWriter.toJson(c), dir, "again.json").data());
        assertEquals(0.0, parse("{\"train\": \"t.csv\", \"targets\": \"label\"}").data().testSplit(), "absent: no split");
    }

    @Test
    void testSplitOutsideZeroToOneIsAnError() {
        assertEquals("run.json: data.testSplit: expected a fraction in [0, 1), got 1.0",
                assertThrows(ConfigException.class,
                        () -> parse("{\"train\": \"t.csv\", \"targets\": \"label\", \"testSplit\": 1.0}")).getMessage());
    }

    @Test
    void testSplitBesideATestFileIsAnError() {
        assertEquals("run.json: data.testSplit: a test file is given too; give either \"test\" or \"testSplit\", not both",
                assertThrows(ConfigException.class, () -> parse(
                        "{\"train\": \"t.csv\", \"test\": \"u.csv\", \"targets\": \"label\", \"testSplit\": 0.2}")).getMessage());
    }
}
