package dev.ganboard.worker.dataset;

import dev.ganboard.metrics.core.InvalidInputException;
import dev.ganboard.metrics.io.NpyArray;
import dev.ganboard.metrics.io.NpyHeader;

/**
 * Class labels from an array: 1-D [N], an integer dtype (any width, signed or not; floats holding whole numbers are
 * accepted too), values >= 0.
 */
public final class Labels {
    private Labels() {
    }

    /** The first {@code rows} labels of a [N] array whose N must equal {@code total}. */
    public static int[] of(NpyArray a, String name, int rows, int total) {
        if (a.rank() != 1 || a.shape()[0] != total) {
            throw new InvalidInputException(name + ": wrong shape " + NpyHeader.shapeString(a.shape())
                    + ": expected one label per sample, shape (" + total + ",)");
        }
        if (!a.dtype().isInteger() && !a.dtype().isFloat()) {
            throw new InvalidInputException(name + ": labels have dtype " + a.dtype().label()
                    + ": expected an integer dtype (e.g. int64 or uint8)");
        }
        int[] out = new int[rows];
        for (int i = 0; i < rows; i++) {
            double v = a.data()[i];
            if (v != Math.rint(v)) {
                throw new InvalidInputException(name + ": label " + v + " at index " + i + " is not a whole number "
                        + "(expected class indices, ideally an integer dtype such as int64)");
            }
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new InvalidInputException(name + ": label " + (long) v + " at index " + i
                        + " is not a class index (expected 0 .. classes - 1)");
            }
            out[i] = (int) v;
        }
        return out;
    }
}
