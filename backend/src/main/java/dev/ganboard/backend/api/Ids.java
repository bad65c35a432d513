package dev.ganboard.backend.api;

import java.util.OptionalLong;

/**
 * Numeric ids given as text (path segments, route parameters, "project" fields): ASCII digits only (no "٣" or "３",
 * which {@link Long#parseLong} would take) and within range; anything else is no id at all, never an error.
 */
public final class Ids {
    private static final int MAX_DIGITS = 19;

    private Ids() {
    }

    /** Whether the text is a run of ASCII digits (of any length): such text is meant as an id, never as a name. */
    public static boolean looksNumeric(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The id, or empty when the text is not ASCII digits or does not fit a positive long. */
    public static OptionalLong parse(String text) {
        if (!looksNumeric(text) || text.length() > MAX_DIGITS) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException tooLarge) {
            return OptionalLong.empty();
        }
    }
}
