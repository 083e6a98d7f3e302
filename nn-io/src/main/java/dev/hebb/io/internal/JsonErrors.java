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
                .replaceAll("Non-standard token '([-+]?Infinity)'", "$1 (JSON numbers are finite)");
    }
}
