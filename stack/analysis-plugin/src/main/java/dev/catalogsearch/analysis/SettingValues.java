package dev.catalogsearch.analysis;

/**
 * Strict parsing of setting values.
 *
 * <p>The stable API's {@code @BooleanSetting} uses {@code Boolean.valueOf}, which silently turns "yes" or "ture" into
 * false, and {@code @IntSetting} rejects bad numbers with a NumberFormatException thrown from inside the constructor.
 * Elasticsearch's own analysis-common rejects both with an {@code illegal_argument_exception}, so components read
 * these settings as strings and parse them here.
 */
final class SettingValues {

    private SettingValues() {}

    static boolean parseBoolean(String key, String value) {
        String v = value.trim();
        if (v.equals("true")) {
            return true;
        }
        if (v.equals("false")) {
            return false;
        }
        throw new IllegalArgumentException(
            "Failed to parse value [" + value + "] as only [true] or [false] are allowed for setting [" + key + "]"
        );
    }

    static int parseInt(String key, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Failed to parse value [" + value + "] for setting [" + key + "]", e);
        }
    }
}
