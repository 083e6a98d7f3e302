package dev.hebb.io.internal;

import com.fasterxml.jackson.core.JsonProcessingException;

/** Jackson's parse errors in the words a user of a JSON file needs, without the parser's own settings. */
public final class JsonErrors {

    private JsonErrors() {
    }

    /**
     * "line L, column C: not valid JSON: WHAT", where WHAT is Jackson's message without its source marker
     * ("(start marker at [Source: REDACTED ...])") and without the parser feature it suggests enabling
     * ("enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow"): neither means anything to the file's author.
     */
    public static String describe(JsonProcessingException e) {
        return (e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ": ") + "not valid JSON: " + what(e);
    }

    /** Jackson's message alone, cleaned as {@link #describe} says. */
    public static String what(JsonProcessingException e) {
        return String.valueOf(e.getOriginalMessage())
                .replaceAll("\\s*\\(start marker at \\[Source: .*?; line: (\\d+), column: (\\d+)]\\)", " (opened at line $1, column $2)")
                .replaceAll(":?\\s*enable `[^`]+` to allow", "")
                .replace("Non-standard token 'NaN'", "NaN (JSON numbers are finite)")
                .replaceAll("Non-standard token '([-+]?Infinity)'", "$1 (JSON numbers are finite)")
                // Found by fuzzing: more of the parser's class names and settings that reached users.
                .replaceAll("\\s*\\(for Object starting at \\[Source: .*?; line: (\\d+), column: (\\d+)]\\)",
                        " (for the object opened at line $1, column $2)")
                .replaceAll("\\s*\\(for Array starting at \\[Source: .*?; line: (\\d+), column: (\\d+)]\\)",
                        " (for the array opened at line $1, column $2)")
                .replaceAll("Trailing token \\(of type \\w+\\) found after value \\(bound as `[^`]+`\\): not allowed as per `[^`]+`",
                        "more data after the end of the JSON value")
                .replaceAll("\\s*\\(not recognized as one since Feature '[^']+' not enabled for parser\\)",
                        " (JSON has no comments)")
                .replaceAll(",? from `StreamReadConstraints[^`]*`", "")
                .replaceAll("(Invalid UTF-8 [^\\n]*)", "$1 (save the file as UTF-8)");
    }
}
