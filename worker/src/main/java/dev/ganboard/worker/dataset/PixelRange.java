package dev.ganboard.worker.dataset;

import dev.ganboard.metrics.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value range of stored pixels, mapped linearly onto [0, 1] for the suite: 0..255 (uint8 images), 0..1, or
 * -1..1 (tanh generators). Declared by the checkpoint's metadata {@code range} (e.g. "[-1, 1]", "0..255") or inferred
 * from the dtype and the values: an integer dtype is 0..255; floats within [0, 1] are 0..1, else within [-1, 1] are
 * -1..1, else within [0, 255] are 0..255. Values outside the (declared or inferred) range are an error, not clamped.
 */
public record PixelRange(double low, double high, String how) {
    /** Rounding slack on the range ends (float32 generators overshoot 1.0 by an ulp or so). */
    static final double TOLERANCE = 1e-3;
    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(?:\\.\\d+)?");
    private static final List<double[]> SUPPORTED = List.of(new double[] {0, 255}, new double[] {0, 1},
            new double[] {-1, 1});

    /** The range a metadata value names; {@code null} or blank → null (infer). */
    public static PixelRange declared(String text, String where) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher m = NUMBER.matcher(text);
        List<Double> numbers = new ArrayList<>();
        while (m.find()) {
            numbers.add(Double.parseDouble(m.group()));
        }
        if (numbers.size() == 2) {
            for (double[] r : SUPPORTED) {
                if (numbers.get(0) == r[0] && numbers.get(1) == r[1]) {
                    return new PixelRange(r[0], r[1], "declared by metadata range '" + text.strip() + "'");
                }
            }
        }
        throw new InvalidInputException(where + ": metadata range '" + text + "' is not one of the supported pixel "
                + "ranges [0, 255], [0, 1], [-1, 1]");
    }

    /** The declared range, or one inferred from the dtype and the observed extremes. */
    public static PixelRange resolve(PixelRange declared, boolean integerDtype, double min, double max, String where) {
        if (declared != null) {
            declared.check(min, max, where);
            return declared;
        }
        PixelRange r;
        if (integerDtype) {
            r = new PixelRange(0, 255, "inferred: integer dtype means 0..255");
        } else if (min >= -TOLERANCE && max <= 1 + TOLERANCE) {
            r = new PixelRange(0, 1, "inferred: float values within [0, 1]");
        } else if (min >= -1 - TOLERANCE && max <= 1 + TOLERANCE) {
            r = new PixelRange(-1, 1, "inferred: float values within [-1, 1]");
        } else if (min >= -TOLERANCE && max <= 255 + TOLERANCE) {
            r = new PixelRange(0, 255, "inferred: float values within [0, 255]");
        } else {
            throw new InvalidInputException(where + ": pixel values span [" + fmt(min) + ", " + fmt(max)
                    + "], outside every supported range ([0, 255], [0, 1], [-1, 1]); rescale the images or "
                    + "declare the range in the checkpoint metadata");
        }
        r.check(min, max, where);
        return r;
    }

    void check(double min, double max, String where) {
        if (min < low - TOLERANCE || max > high + TOLERANCE) {
            throw new InvalidInputException(where + ": pixel values span [" + fmt(min) + ", " + fmt(max)
                    + "], outside the range [" + fmt(low) + ", " + fmt(high) + "] (" + how + ")");
        }
    }

    /** Maps {@code v} from this range onto [0, 1] (clamping the tolerated overshoot). */
    public float toUnit(double v) {
        double u = (v - low) / (high - low);
        return (float) (u < 0 ? 0 : u > 1 ? 1 : u);
    }

    public String text() {
        return "[" + fmt(low) + ", " + fmt(high) + "]";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v)
                : new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
