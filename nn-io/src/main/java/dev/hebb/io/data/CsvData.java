package dev.hebb.io.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.hebb.io.InvalidFileException;
import dev.hebb.plugin.Names;
import dev.hebb.tensor.Tensor;
import dev.hebb.train.Dataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a CSV file with a header line (plain or gzipped) into a dataset: the named target columns are
 * targets, every other column is a feature. The file is streamed cell by cell (Jackson's CSV parser),
 * so only the numbers are held in memory, never more than one row's text.
 *
 * <p>Targets are either class labels or values:
 * <ul>
 *   <li>class labels (one target column): when every label is a number, the numbers are the class
 *       ids and must be whole and non-negative; when none is, the labels are names, mapped to ids in
 *       sorted order ({@link LabelledData#classNames()}); a column mixing numbers and names, or with an
 *       empty label, is an error naming the odd cell. Data read for an existing model passes the model's
 *       class names so that the ids stay the same.</li>
 *   <li>values (any number of target columns): numbers, giving targets {@code [n, targets]}.</li>
 * </ul>
 * Every bad cell fails with the file, the line and the column: a non-numeric cell, a wrong column
 * count, a missing target column, NaN or infinity, a negative or fractional class id, an empty file.
 */
public final class CsvData {

    /** Blank lines are skipped, as pandas does by default; line numbers still count them. */
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

    /** A plain decimal number; Java's parseDouble alone would also take "1f", "0x1p3" or "Infinity". */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /** What spreadsheets, NumPy and Java write for NaN and infinities. */
    private static final Pattern NON_FINITE = Pattern.compile("(?i)[+-]?(nan|inf|infinity)");

    private CsvData() {
    }

    /**
     * Reads {@code file}.
     *
     * @param targetColumns the names of the target columns; may be empty (features only, targets {@code [n, 0]})
     * @param classLabels   whether the targets are class labels (then exactly one target column)
     * @param classNames    for class labels: {@code null} to infer them from this file, or the class names
     *                      of an existing model (empty when that model was trained on numeric ids)
     * @throws InvalidFileException naming the file, the line and what was expected
     */
    public static LabelledData read(Path file, List<String> targetColumns, boolean classLabels, List<String> classNames)
            throws IOException {
        if (classLabels && targetColumns.size() != 1) {
            throw new IllegalArgumentException("class labels come from exactly one target column, but "
                    + targetColumns.size() + " are named: " + targetColumns);
        }
        try (Reader reader = open(file); JsonParser parser = CSV.createParser(reader)) {
            // Without a schema, Jackson's CSV parser gives each line as an array of strings.
            return new CsvReading(file, parser, targetColumns, classLabels, classNames, null).read();
        } catch (JsonProcessingException e) {
            throw malformed(file, e);
        }
    }

    /**
     * Reads only the named feature columns, in the given order, for prediction with a model trained on
     * them; any other column (an id, the target) is ignored but its cells must still be well formed.
     *
     * @return the features {@code [n, featureNames.size()]}
     * @throws InvalidFileException naming a missing column, or the line and column of a bad value
     */
    public static Tensor readFeatures(Path file, List<String> featureNames) throws IOException {
        try (Reader reader = open(file); JsonParser parser = CSV.createParser(reader)) {
            return new CsvReading(file, parser, List.of(), false, null, featureNames).read().dataset().features();
        } catch (JsonProcessingException e) {
            throw malformed(file, e);
        }
    }

    /**
     * The file as text, without the UTF-8 byte-order mark that Excel's "CSV UTF-8" writes: left in, it
     * would become an invisible part of the first column's name.
     */
    private static Reader open(Path file) throws IOException {
        Reader reader = new BufferedReader(new InputStreamReader(Inputs.open(file), StandardCharsets.UTF_8), 1 << 16);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    private static InvalidFileException malformed(Path file, JsonProcessingException e) {
        return new InvalidFileException(file, "line " + e.getLocation().getLineNr() + ": malformed CSV: "
                + e.getOriginalMessage(), e);
    }

    /** The state of one pass over a file. */
    private static final class CsvReading {
        private final Path file;
        private final JsonParser parser;
        private final List<String> targetColumns;
        private final boolean classLabels;
        private final List<String> classNames;
        /** The feature columns to read, in order; {@code null} for every column that is not a target. */
        private final List<String> selected;
        private final FloatList features = new FloatList();
        private final FloatList values = new FloatList();
        /** For class labels: each distinct label, with the line it first appeared on. */
        private final Map<String, Integer> labelLines = new LinkedHashMap<>();
        private final Map<String, Integer> labelIndex = new HashMap<>();
        private int[] rowLabels = new int[1024];
        private int rows;

        CsvReading(Path file, JsonParser parser, List<String> targetColumns, boolean classLabels, List<String> classNames,
                   List<String> selected) {
            this.file = file;
            this.selected = selected;
            this.parser = parser;
            this.targetColumns = targetColumns;
            this.classLabels = classLabels;
            this.classNames = classNames;
        }

        LabelledData read() throws IOException {
            List<String> header = nextRow();
            if (header == null) {
                throw new InvalidFileException(file, "is empty; expected a header line naming the columns");
            }
            int columns = header.size();
            Set<String> seen = new HashSet<>();
            for (String name : header) {
                if (!seen.add(name)) {
                    throw new InvalidFileException(file, "line 1: column '" + name + "' appears twice in the header");
                }
            }
            // Column kinds: -1 feature, otherwise the index into targetColumns.
            int[] role = new int[columns];
            java.util.Arrays.fill(role, -1);
            for (int t = 0; t < targetColumns.size(); t++) {
                int c = header.indexOf(targetColumns.get(t));
                if (c < 0) {
                    throw new InvalidFileException(file, "line 1: there is no target column '" + targetColumns.get(t) + "'"
                            + Names.didYouMean(Names.closest(targetColumns.get(t), header)) + "the columns are "
                            + shownColumns(header));
                }
                role[c] = t;
            }
            // Where each column's value goes in the feature row; -1: not a feature (a target, or not selected).
            int[] slot = new int[columns];
            java.util.Arrays.fill(slot, -1);
            List<String> featureNames = new ArrayList<>();
            if (selected == null) {
                for (int c = 0; c < columns; c++) {
                    if (role[c] < 0) {
                        slot[c] = featureNames.size();
                        featureNames.add(header.get(c));
                    }
                }
            } else {
                for (String name : selected) {
                    int c = header.indexOf(name);
                    if (c < 0) {
                        throw new InvalidFileException(file, "line 1: there is no column '" + name
                                + "', which the model takes as a feature; the columns are " + shownColumns(header));
                    }
                    slot[c] = featureNames.size();
                    featureNames.add(name);
                }
            }
            float[] featureRow = new float[featureNames.size()];
            int line = 1;
            float[] targetRow = new float[targetColumns.size()];
            // One row's cells, checked against the header before any is parsed: a row missing a middle cell
            // is reported as too short, not as a shifted value that is "not a number".
            List<String> cells = new ArrayList<>(columns);
            while (parser.nextToken() == JsonToken.START_ARRAY) {
                cells.clear();
                JsonToken token;
                while ((token = parser.nextToken()) == JsonToken.VALUE_STRING) {
                    if (cells.isEmpty()) {
                        // The row's own START_ARRAY is located where the previous row ended; its first cell is not.
                        line = parser.currentTokenLocation().getLineNr();
                    }
                    cells.add(parser.getText());
                }
                if (token != JsonToken.END_ARRAY) {
                    throw new InvalidFileException(file, "line " + line + ": unexpected CSV token " + token);
                }
                int n = cells.size();
                if (n != columns) {
                    throw new InvalidFileException(file, "line " + line + " has " + n + (n == 1 ? " column" : " columns")
                            + " but the header has " + columns);
                }
                for (int c = 0; c < columns; c++) {
                    String cell = cells.get(c);
                    if (slot[c] >= 0) {
                        featureRow[slot[c]] = number(cell, line, header.get(c), "feature");
                    } else if (role[c] >= 0) {
                        if (classLabels) {
                            label(cell.trim(), line);
                        } else {
                            targetRow[role[c]] = number(cell, line, header.get(c), "target");
                        }
                    }
                    // Any other column was not asked for and is skipped.
                }
                for (float v : featureRow) {
                    features.add(v);
                }
                if (!classLabels) {
                    for (float v : targetRow) {
                        values.add(v);
                    }
                }
                rows++;
            }
            if (rows == 0) {
                throw new InvalidFileException(file, "has a header but no data rows");
            }
            Tensor x = Tensor.of(features.toArray(), rows, featureNames.size());
            List<String> names = List.of();
            Tensor y;
            if (classLabels) {
                names = classNames != null ? classNames : inferClassNames();
                y = Tensor.of(classIds(names), rows);
            } else {
                y = Tensor.of(values.toArray(), rows, targetColumns.size());
            }
            return new LabelledData(new Dataset(x, y), featureNames, targetColumns, names);
        }

        private List<String> nextRow() throws IOException {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return null;
            }
            List<String> cells = new ArrayList<>();
            while (parser.nextToken() == JsonToken.VALUE_STRING) {
                cells.add(parser.getText().trim());
            }
            return cells;
        }

        private float number(String cell, int line, String column, String what) throws InvalidFileException {
            String s = cell.trim();
            // The common case first: one regex per cell, the NaN/infinity check only for cells that fail it.
            if (!DECIMAL.matcher(s).matches()) {
                String where = "line " + line + ", column '" + column + "': ";
                if (NON_FINITE.matcher(s).matches()) {
                    throw new InvalidFileException(file, where + what + " value " + s + " is not allowed; " + what
                            + "s must be finite");
                }
                // A name in a target column usually means a class label given to a loss for numeric targets.
                String hint = what.equals("target") && !s.isEmpty() && Character.isLetter(s.charAt(0))
                        ? " (this loss takes numeric targets; class labels need a classification loss such as cross_entropy)"
                        : "";
                throw new InvalidFileException(file, where + (s.isEmpty() ? "the cell is empty" : "'" + shown(s) + "' is not a number")
                        + hint);
            }
            float f = (float) Double.parseDouble(s);
            if (!Float.isFinite(f)) {
                throw new InvalidFileException(file, "line " + line + ", column '" + column + "': " + what + " value " + s
                        + " is beyond the float range");
            }
            return f;
        }

        private void label(String cell, int line) throws InvalidFileException {
            if (cell.isEmpty()) {
                // An empty label is a missing value, never a class of its own.
                throw new InvalidFileException(file, "line " + line + ", column '" + targetColumns.get(0)
                        + "': the class label is empty");
            }
            Integer id = labelIndex.get(cell);
            if (id == null) {
                id = labelIndex.size();
                labelIndex.put(cell, id);
                labelLines.put(cell, line);
            }
            if (rows == rowLabels.length) {
                rowLabels = java.util.Arrays.copyOf(rowLabels, rows * 2);
            }
            rowLabels[rows] = id;
        }

        /**
         * Numeric labels are ids (empty name list); other labels are names, sorted. A column that mixes the
         * two is an error, not names: one stray cell ("seven", "NaN") among digits would otherwise silently
         * renumber every class. The cell reported is the first of the minority kind, as the likely mistake.
         */
        private List<String> inferClassNames() throws InvalidFileException {
            int[] count = new int[labelIndex.size()];
            for (int r = 0; r < rows; r++) {
                count[rowLabels[r]]++;
            }
            int numericRows = 0;
            for (Map.Entry<String, Integer> e : labelIndex.entrySet()) {
                if (looksNumeric(e.getKey())) {
                    numericRows += count[e.getValue()];
                }
            }
            if (numericRows == rows) {
                return List.of();
            }
            if (numericRows == 0) {
                return labelLines.keySet().stream().sorted().toList();
            }
            boolean numbers = numericRows >= rows - numericRows;
            for (Map.Entry<String, Integer> e : labelLines.entrySet()) {
                String label = e.getKey();
                if (looksNumeric(label) != numbers) {
                    String where = "line " + e.getValue() + ", column '" + targetColumns.get(0) + "': '" + label + "' ";
                    throw new InvalidFileException(file, numbers
                            ? where + "is not a class id, but " + numericRows + " of the column's " + rows
                                    + " labels are numbers (class ids)"
                            : where + "is a number, but " + (rows - numericRows) + " of the column's " + rows
                                    + " labels are class names");
                }
            }
            throw new AssertionError("a mixed column has a label of each kind");
        }

        private static boolean looksNumeric(String s) {
            return DECIMAL.matcher(s).matches();
        }

        private float[] classIds(List<String> names) throws InvalidFileException {
            String column = targetColumns.get(0);
            // The id of each distinct label, in first-seen order.
            float[] idOf = new float[labelIndex.size()];
            Map<String, Integer> byName = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                byName.put(names.get(i), i);
            }
            int k = 0;
            for (Map.Entry<String, Integer> e : labelLines.entrySet()) {
                String label = e.getKey();
                int line = e.getValue();
                if (names.isEmpty()) {
                    idOf[k++] = classId(label, line, column);
                } else {
                    Integer id = byName.get(label);
                    if (id == null) {
                        throw new InvalidFileException(file, "line " + line + ", column '" + column + "': class '" + label
                                + "' is not one of the model's classes " + names);
                    }
                    idOf[k++] = id;
                }
            }
            float[] ids = new float[rows];
            for (int r = 0; r < rows; r++) {
                ids[r] = idOf[rowLabels[r]];
            }
            return ids;
        }

        private float classId(String label, int line, String column) throws InvalidFileException {
            String where = "line " + line + ", column '" + column + "': ";
            if (!looksNumeric(label)) {
                throw new InvalidFileException(file, where + "'" + shown(label) + "' is not a class id (the model's classes are numbered)");
            }
            double d = Double.parseDouble(label);
            if (d < 0) {
                throw new InvalidFileException(file, where + "class id " + label + " is negative");
            }
            if (d != Math.rint(d)) {
                throw new InvalidFileException(file, where + "class id " + label + " is not a whole number");
            }
            if (d > DataFiles.MAX_CLASS_ID) {
                throw new InvalidFileException(file, where + "class id " + label + DataFiles.TOO_LARGE);
            }
            return (float) d;
        }
    }

    /** A header's column names as a message lists them, each {@link #shown}, at most 20 of them. */
    private static String shownColumns(List<String> header) {
        List<String> names = header.stream().limit(20).map(CsvData::shown).toList();
        return String.join(", ", names) + (header.size() > 20 ? " and " + (header.size() - 20) + " more" : "");
    }

    /** The longest part of a cell a message quotes. */
    private static final int SHOWN_CHARACTERS = 60;

    /**
     * A cell as an error message quotes it: control characters written as {@code \\uXXXX} (a NUL byte would make
     * a terminal or grep take the message for binary), and a long cell cut, with its length.
     */
    static String shown(String cell) {
        StringBuilder b = new StringBuilder();
        int end = Math.min(cell.length(), SHOWN_CHARACTERS);
        for (int i = 0; i < end; i++) {
            char c = cell.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return end == cell.length() ? b.toString() : b + "... (" + cell.length() + " characters)";
    }
}
