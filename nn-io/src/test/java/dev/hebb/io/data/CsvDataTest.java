package dev.hebb.io.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hebb.io.InvalidFileException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDataTest {

    /** The copies the repository ships (identical to ../shared/data), so the tests need nothing outside it. */
    static final Path IRIS = Path.of("../examples/data/iris.csv");
    static final Path DIGITS = Path.of("../examples/data/digits.csv.gz");

    @TempDir
    Path dir;

    private Path csv(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private String failure(Path file, List<String> targets, boolean classLabels) {
        return assertThrows(InvalidFileException.class, () -> CsvData.read(file, targets, classLabels, null)).getMessage();
    }

    @Test
    void irisStringLabelsBecomeIdsInSortedOrder() throws IOException {
        LabelledData d = CsvData.read(IRIS, List.of("species"), true, null);
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"), d.featureNames());
        assertEquals(List.of("setosa", "versicolor", "virginica"), d.classNames());
        assertArrayEquals(new int[] {150, 4}, d.dataset().features().shape());
        assertArrayEquals(new int[] {150}, d.dataset().targets().shape());
        // First row of iris.csv: 5.1,3.5,1.4,0.2,setosa; row 51 is the first versicolor, row 101 the first virginica.
        assertArrayEquals(new float[] {5.1f, 3.5f, 1.4f, 0.2f}, java.util.Arrays.copyOf(d.dataset().features().data(), 4), 0f);
        assertEquals(0f, d.dataset().targets().data()[0]);
        assertEquals(1f, d.dataset().targets().data()[50]);
        assertEquals(2f, d.dataset().targets().data()[100]);
    }

    @Test
    void gzippedDigitsWithNumericClassIds() throws IOException {
        LabelledData d = CsvData.read(DIGITS, List.of("digit"), true, null);
        assertArrayEquals(new int[] {1797, 64}, d.dataset().features().shape());
        assertEquals(List.of(), d.classNames(), "numeric labels are the ids themselves");
        // First data row of digits.csv.gz starts 0,0,5,13,9,1 and is a 0.
        assertArrayEquals(new float[] {0, 0, 5, 13, 9, 1}, java.util.Arrays.copyOf(d.dataset().features().data(), 6), 0f);
        assertEquals(0f, d.dataset().targets().data()[0]);
        float max = 0;
        for (float y : d.dataset().targets().data()) {
            max = Math.max(max, y);
        }
        assertEquals(9f, max);
    }

    @Test
    void gzipIsDetectedByContentNotByName() throws IOException {
        Path file = dir.resolve("plain-name.csv");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("a,y\n1,2\n".getBytes(StandardCharsets.UTF_8));
        }
        assertArrayEquals(new float[] {2f}, CsvData.read(file, List.of("y"), false, null).dataset().targets().data(), 0f);
    }

    @Test
    void truncatedGzipNamesTheFile() throws IOException {
        Path cut = Files.write(dir.resolve("t.csv.gz"), java.util.Arrays.copyOf(Files.readAllBytes(DIGITS), 20000));
        assertEquals(cut + ": is a truncated or corrupt gzip file (Unexpected end of ZLIB input stream)",
                failure(cut, List.of("digit"), true));
    }

    @Test
    void valueTargetsAnywhereInTheRowGiveOneColumnEach() throws IOException {
        Path file = csv("reg.csv", "y1,a,y2,b\n1,2,3,4\n-5,6.5,7e-1,\"8\"\n");
        LabelledData d = CsvData.read(file, List.of("y2", "y1"), false, null);
        assertEquals(List.of("a", "b"), d.featureNames());
        assertArrayEquals(new float[] {2, 4, 6.5f, 8}, d.dataset().features().data(), 0f);
        assertArrayEquals(new int[] {2, 2}, d.dataset().targets().shape());
        assertArrayEquals(new float[] {3, 1, 0.7f, -5}, d.dataset().targets().data(), 0f, "in the order the targets are named");
    }

    @Test
    void givenClassNamesKeepTheModelsIds() throws IOException {
        Path file = csv("test.csv", "x,label\n1,dog\n2,cat\n");
        LabelledData d = CsvData.read(file, List.of("label"), true, List.of("ant", "cat", "dog"));
        assertArrayEquals(new float[] {2, 1}, d.dataset().targets().data(), 0f);
    }

    @Test
    void noTargetsReadsFeaturesOnly() throws IOException {
        LabelledData d = CsvData.read(csv("x.csv", "a,b\n1,2\n3,4\n"), List.of(), false, null);
        assertArrayEquals(new int[] {2, 0}, d.dataset().targets().shape());
        assertArrayEquals(new float[] {1, 2, 3, 4}, d.dataset().features().data(), 0f);
    }

    @Test
    void rejectsNonNumericCellWithLineAndColumn() throws IOException {
        Path file = csv("bad.csv", "a,b,y\n1,2,0\n3,abc,1\n");
        assertEquals(file + ": line 3, column 'b': 'abc' is not a number", failure(file, List.of("y"), true));
    }

    @Test
    void rejectsEmptyCell() throws IOException {
        Path file = csv("empty-cell.csv", "a,b,y\n1,,0\n");
        assertEquals(file + ": line 2, column 'b': the cell is empty", failure(file, List.of("y"), true));
    }

    @Test
    void rejectsRowWithTooFewColumns() throws IOException {
        Path file = csv("short.csv", "a,b,y\n1,2,0\n3,1\n");
        assertEquals(file + ": line 3 has 2 columns but the header has 3", failure(file, List.of("y"), true));
    }

    @Test
    void rowMissingAMiddleCellIsReportedAsTooShortNotAsAShiftedValue() throws IOException {
        Path file = csv("mid.csv", "a,b,c,d,species\n5.1,3.5,1.4,0.2,setosa\n4.7,1.3,0.2,setosa\n");
        assertEquals(file + ": line 3 has 4 columns but the header has 5", failure(file, List.of("species"), true));
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> CsvData.readFeatures(file, List.of("a", "b", "c", "d")));
        assertEquals(file + ": line 3 has 4 columns but the header has 5", e.getMessage());
    }

    @Test
    void rejectsRowWithTooManyColumns() throws IOException {
        Path file = csv("long.csv", "a,b,y\n1,2,0,9\n");
        assertEquals(file + ": line 2 has 4 columns but the header has 3", failure(file, List.of("y"), true));
    }

    @Test
    void rejectsMissingTargetColumn() throws IOException {
        Path file = csv("no-target.csv", "a,b,y\n1,2,0\n");
        assertEquals(file + ": line 1: there is no target column 'label'; the columns are a, b, y",
                failure(file, List.of("label"), true));
        assertEquals(IRIS + ": line 1: there is no target column 'specie'; did you mean 'species'? the columns are"
                + " sepal_length, sepal_width, petal_length, petal_width, species", failure(IRIS, List.of("specie"), true));
    }

    @Test
    void rejectsNaNInFeatures() throws IOException {
        Path file = csv("nan.csv", "a,b,y\n1,2,0\n1,NaN,0\n");
        assertEquals(file + ": line 3, column 'b': feature value NaN is not allowed; features must be finite",
                failure(file, List.of("y"), true));
    }

    @Test
    void rejectsInfinityInFeatures() throws IOException {
        Path file = csv("inf.csv", "a,b,y\n-inf,2,0\n");
        assertEquals(file + ": line 2, column 'a': feature value -inf is not allowed; features must be finite",
                failure(file, List.of("y"), true));
    }

    @Test
    void rejectsNumberBeyondFloatRange() throws IOException {
        Path file = csv("big.csv", "a,y\n1e39,0\n");
        assertEquals(file + ": line 2, column 'a': feature value 1e39 is beyond the float range", failure(file, List.of("y"), true));
    }

    @Test
    void rejectsNegativeClassId() throws IOException {
        Path file = csv("neg.csv", "a,y\n1,0\n2,1\n3,-1\n");
        assertEquals(file + ": line 4, column 'y': class id -1 is negative", failure(file, List.of("y"), true));
    }

    @Test
    void rejectsFractionalClassId() throws IOException {
        Path file = csv("frac.csv", "a,y\n1,0\n2,1.5\n");
        assertEquals(file + ": line 3, column 'y': class id 1.5 is not a whole number", failure(file, List.of("y"), true));
    }

    @Test
    void rejectsEmptyClassLabelNamingItsLine() throws IOException {
        Path file = csv("e.csv", "a,y\n1,0\n2,1\n3,\n4,1\n");
        assertEquals(file + ": line 4, column 'y': the class label is empty", failure(file, List.of("y"), true));
        Path names = csv("n.csv", "a,y\n1,cat\n2, \n");
        assertEquals(names + ": line 3, column 'y': the class label is empty", failure(names, List.of("y"), true));
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> CsvData.read(names, List.of("y"), true,
                List.of("cat", "dog")));
        assertEquals(names + ": line 3, column 'y': the class label is empty", e.getMessage());
    }

    @Test
    void aFewNonNumericLabelsAmongNumbersAreErrorsNotClassNames() throws IOException {
        for (String bad : List.of("seven", "NaN", "Infinity")) {
            Path file = csv("m.csv", "a,y\n1,0\n2,1\n3," + bad + "\n4,2\n5,1\n");
            assertEquals(file + ": line 4, column 'y': '" + bad + "' is not a class id, but 4 of the column's 5 labels are"
                    + " numbers (class ids)", failure(file, List.of("y"), true));
        }
    }

    @Test
    void aFewNumbersAmongClassNamesAreErrors() throws IOException {
        Path file = csv("m.csv", "a,y\n1,cat\n2,dog\n3,3\n4,cat\n");
        assertEquals(file + ": line 4, column 'y': '3' is a number, but 3 of the column's 4 labels are class names",
                failure(file, List.of("y"), true));
    }

    @Test
    void utf8ByteOrderMarkIsNotPartOfTheFirstColumnName() throws IOException {
        Path file = csv("bom.csv", "\uFEFFa,b,y\n1,2,0\n3,4,1\n");
        LabelledData d = CsvData.read(file, List.of("y"), true, null);
        assertEquals(List.of("a", "b"), d.featureNames());
        assertArrayEquals(new float[] {1, 2, 3, 4}, CsvData.readFeatures(file, List.of("a", "b")).data(), 0f);
        Path targetFirst = csv("bom-y.csv", "\uFEFFy,a\n0,1\n");
        assertEquals(List.of("a"), CsvData.read(targetFirst, List.of("y"), true, null).featureNames());
    }

    @Test
    void rejectsTooLargeClassIdAsTooLargeNotAsFractional() throws IOException {
        Path file = csv("big.csv", "a,y\n1,0\n2,1000000000\n");
        assertEquals(file + ": line 3, column 'y': class id 1000000000 is too large; class ids go up to 16777216 (2^24),"
                + " above which float32 cannot hold every whole number", failure(file, List.of("y"), true));
    }

    @Test
    void rejectsNameWhereTheModelNumbersItsClasses() throws IOException {
        Path file = csv("names.csv", "a,y\n1,0\n2,cat\n");
        InvalidFileException e = assertThrows(InvalidFileException.class,
                () -> CsvData.read(file, List.of("y"), true, List.of()));
        assertEquals(file + ": line 3, column 'y': 'cat' is not a class id (the model's classes are numbered)", e.getMessage());
    }

    @Test
    void rejectsClassTheModelDoesNotKnow() throws IOException {
        Path file = csv("unknown.csv", "a,y\n1,cat\n2,emu\n");
        InvalidFileException e = assertThrows(InvalidFileException.class,
                () -> CsvData.read(file, List.of("y"), true, List.of("cat", "dog")));
        assertEquals(file + ": line 3, column 'y': class 'emu' is not one of the model's classes [cat, dog]", e.getMessage());
    }

    @Test
    void rejectsNonNumericValueTarget() throws IOException {
        Path file = csv("reg-bad.csv", "a,y\n1,high\n");
        // A name where a loss wants numbers is most often a class label given to a regression loss.
        assertEquals(file + ": line 2, column 'y': 'high' is not a number (this loss takes numeric targets; class labels"
                + " need a classification loss such as cross_entropy)", failure(file, List.of("y"), false));
        Path typo = csv("reg-typo.csv", "a,y\n1,2.5.1\n");
        assertEquals(typo + ": line 2, column 'y': '2.5.1' is not a number", failure(typo, List.of("y"), false));
    }

    @Test
    void rejectsEmptyFile() throws IOException {
        Path file = csv("empty.csv", "");
        assertEquals(file + ": is empty; expected a header line naming the columns", failure(file, List.of("y"), true));
    }

    @Test
    void rejectsHeaderWithoutRows() throws IOException {
        Path file = csv("header-only.csv", "a,y\n");
        assertEquals(file + ": has a header but no data rows", failure(file, List.of("y"), true));
    }

    @Test
    void rejectsDuplicateColumnNames() throws IOException {
        Path file = csv("dup.csv", "a,a,y\n1,2,0\n");
        assertEquals(file + ": line 1: column 'a' appears twice in the header", failure(file, List.of("y"), true));
    }

    @Test
    void lineNumbersCountQuotedMultiLineCells() throws IOException {
        Path file = csv("quoted.csv", "a,note,y\n1,\"two\nlines\",0\n");
        // The note column is a feature here, so its text is reported at the line where the row starts; the line
        // break in it is escaped, so the message stays one line.
        assertEquals(file + ": line 2, column 'note': 'two\\u000alines' is not a number", failure(file, List.of("y"), true));
    }

    /**
     * A cell is quoted with its control characters escaped (a NUL byte made grep, in the nn launcher, hide the
     * whole message as binary) and cut after 60 characters, with its length (a 2 MB cell made a 2 MB message).
     */
    @Test
    void messagesQuoteCellsEscapedAndCut() throws IOException {
        Path nul = csv("nul.csv", "a,y\n3\u00000,1\n");
        assertEquals(nul + ": line 2, column 'a': '3\\u00000' is not a number", failure(nul, List.of("y"), true));
        Path longCell = csv("long.csv", "a,y\n" + "x".repeat(100_000) + ",1\n");
        assertEquals(longCell + ": line 2, column 'a': '" + "x".repeat(60) + "... (100000 characters)' is not a number",
                failure(longCell, List.of("y"), true));
    }

    @Test
    void predictionReadsTheModelsFeatureColumnsInTheirOrderAndIgnoresOthers() throws IOException {
        Path file = csv("new.csv", "id,b,species,a\nx1,2,cat,1\nx2,4,dog,3\n");
        assertArrayEquals(new float[] {1, 2, 3, 4}, CsvData.readFeatures(file, List.of("a", "b")).data(), 0f);
    }

    @Test
    void predictionRejectsMissingFeatureColumn() throws IOException {
        Path file = csv("new.csv", "a,c\n1,2\n");
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> CsvData.readFeatures(file, List.of("a", "b")));
        assertEquals(file + ": line 1: there is no column 'b', which the model takes as a feature; the columns are a, c", e.getMessage());
    }

    @Test
    void irisReadForPredictionMatchesTrainingFeatures() throws IOException {
        LabelledData train = CsvData.read(IRIS, List.of("species"), true, null);
        assertArrayEquals(train.dataset().features().data(), CsvData.readFeatures(IRIS, train.featureNames()).data(), 0f);
    }

    @Test
    void blankLinesAreSkippedAndLaterLinesKeepTheirNumbers() throws IOException {
        Path file = csv("blank.csv", "a,y\n1,0\n\n2,1\n\n");
        assertArrayEquals(new float[] {1, 2}, CsvData.read(file, List.of("y"), true, null).dataset().features().data(), 0f);
        Path bad = csv("blank-bad.csv", "a,y\n1,0\n\nx,1\n");
        assertEquals(bad + ": line 4, column 'a': 'x' is not a number", failure(bad, List.of("y"), true));
    }
}
