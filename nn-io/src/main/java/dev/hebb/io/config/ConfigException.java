package dev.hebb.io.config;

/**
 * A run config that cannot be used, with the place: the file, the JSON path and what was expected,
 * e.g. {@code "run.json: model.layers[2].units: expected a whole number, got \"16\""}.
 */
public class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String jsonPath;
    private final String detail;

    /**
     * @param source   the config file (or a description of where the JSON came from)
     * @param jsonPath the path of the offending value, e.g. {@code model.layers[2].units}; empty for the whole document
     * @param detail   what is wrong and what was expected
     */
    public ConfigException(String source, String jsonPath, String detail) {
        this(source, jsonPath, detail, null);
    }

    /** Same, keeping the cause. */
    public ConfigException(String source, String jsonPath, String detail, Throwable cause) {
        super(source + ": " + (jsonPath.isEmpty() ? "" : jsonPath + ": ") + detail, cause);
        this.source = source;
        this.jsonPath = jsonPath;
        this.detail = detail;
    }

    /** The config file or source description. */
    public String source() {
        return source;
    }

    /** The JSON path of the offending value. */
    public String jsonPath() {
        return jsonPath;
    }

    /** What is wrong and what was expected, without the source and path. */
    public String detail() {
        return detail;
    }
}
