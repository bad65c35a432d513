package dev.ganboard.sdk;

/** The SDK's warnings go through System.Logger, so they land in whatever logging the host application uses. */
final class Log {
    private static final System.Logger LOGGER = System.getLogger("dev.ganboard.sdk");

    private Log() {
    }

    static void warn(String format, Object... args) {
        LOGGER.log(System.Logger.Level.WARNING, () -> String.format(format, args));
    }

    static void info(String format, Object... args) {
        LOGGER.log(System.Logger.Level.INFO, () -> String.format(format, args));
    }

    static void debug(String format, Object... args) {
        LOGGER.log(System.Logger.Level.DEBUG, () -> String.format(format, args));
    }
}
