package dev.ganboard.protocol.checkpoint;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** SHA-256 in the form every record and API uses: 64 lower-case hex digits. */
public final class Sha256 {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    private Sha256() {
    }

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The SHA-256 of {@code data}. */
    public static String of(byte[] data) {
        return HexFormat.of().formatHex(digest().digest(data));
    }

    /** Completes {@code digest} and returns its hex form. */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The lower-cased form if {@code text} is 64 hex digits, else null. */
    public static String normalise(String text) {
        if (text == null) {
            return null;
        }
        String lower = text.strip().toLowerCase(Locale.ROOT);
        return HEX.matcher(lower).matches() ? lower : null;
    }

    /** A short form for messages: the first 12 digits. */
    public static String abbreviate(String hex) {
        return hex == null || hex.length() <= 12 ? String.valueOf(hex) : hex.substring(0, 12) + "…";
    }
}
