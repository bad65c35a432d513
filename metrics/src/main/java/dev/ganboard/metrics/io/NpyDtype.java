package dev.ganboard.metrics.io;

import dev.ganboard.metrics.core.InvalidInputException;

/** The element types GANBoard reads and writes: little-endian IEEE floats. */
public enum NpyDtype {
    FLOAT32("<f4", 4, "float32"),
    FLOAT64("<f8", 8, "float64");

    private final String descr;
    private final int size;
    private final String label;

    NpyDtype(String descr, int size, String label) {
        this.descr = descr;
        this.size = size;
        this.label = label;
    }

    public String descr() {
        return descr;
    }

    public int size() {
        return size;
    }

    public String label() {
        return label;
    }

    static NpyDtype parse(String descr, String file) {
        for (NpyDtype t : values()) {
            if (t.descr.equals(descr)) {
                return t;
            }
        }
        String why = descr.startsWith(">") ? " (big-endian data is not supported: convert with "
                + "arr.astype('<f4'))" : " (expected little-endian float32 '<f4' or float64 '<f8')";
        throw new InvalidInputException(file + ": unsupported dtype '" + descr + "'" + why);
    }
}
