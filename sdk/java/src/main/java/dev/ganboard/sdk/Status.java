package dev.ganboard.sdk;

import java.util.Locale;

/** How a run ended. */
public enum Status {
    FINISHED, FAILED, CRASHED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
