package dev.ganboard.metrics.io;

import dev.ganboard.metrics.core.InvalidInputException;

import java.nio.ByteBuffer;

/**
 * The element types GANBoard reads: little-endian IEEE floats (features, statistics) and, for images and labels,
 * numpy's integer and bool types. Feature files ({@link NpyFile}) accept the floats only.
 */
public enum NpyDtype {
    FLOAT32("<f4", 4, "float32"),
    FLOAT64("<f8", 8, "float64"),
    UINT8("|u1", 1, "uint8"),
    INT8("|i1", 1, "int8"),
    BOOL("|b1", 1, "bool"),
    UINT16("<u2", 2, "uint16"),
    INT16("<i2", 2, "int16"),
    UINT32("<u4", 4, "uint32"),
    INT32("<i4", 4, "int32"),
    UINT64("<u8", 8, "uint64"),
    INT64("<i8", 8, "int64");

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

    public boolean isFloat() {
        return this == FLOAT32 || this == FLOAT64;
    }

    public boolean isInteger() {
        return !isFloat() && this != BOOL;
    }

    /** Element {@code index} of a little-endian buffer (absolute, position unchanged) as float64. */
    public double get(ByteBuffer buf, int index) {
        int at = index * size;
        return switch (this) {
            case FLOAT32 -> buf.getFloat(at);
            case FLOAT64 -> buf.getDouble(at);
            case UINT8, BOOL -> buf.get(at) & 0xFF;
            case INT8 -> buf.get(at);
            case UINT16 -> buf.getShort(at) & 0xFFFF;
            case INT16 -> buf.getShort(at);
            case UINT32 -> buf.getInt(at) & 0xFFFFFFFFL;
            case INT32 -> buf.getInt(at);
            case UINT64 -> {
                long v = buf.getLong(at);
                yield v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
            }
            case INT64 -> buf.getLong(at);
        };
    }

    /** Writes {@code value} (rounded toward zero for the integer types) at the buffer's position. */
    void put(ByteBuffer buf, double value) {
        switch (this) {
            case FLOAT32 -> buf.putFloat((float) value);
            case FLOAT64 -> buf.putDouble(value);
            case UINT8, INT8, BOOL -> buf.put((byte) (long) value);
            case UINT16, INT16 -> buf.putShort((short) (long) value);
            case UINT32, INT32 -> buf.putInt((int) (long) value);
            case UINT64, INT64 -> buf.putLong((long) value);
        }
    }

    static NpyDtype parse(String descr, String file) {
        // numpy writes single-byte types with '|' but '<' and '=' are equally valid for them
        String d = descr.length() == 3 && descr.charAt(2) == '1' && (descr.charAt(0) == '<' || descr.charAt(0) == '=')
                ? "|" + descr.substring(1) : descr.startsWith("=") ? "<" + descr.substring(1) : descr;
        for (NpyDtype t : values()) {
            if (t.descr.equals(d)) {
                return t;
            }
        }
        String why = descr.startsWith(">") ? " (big-endian data is not supported: convert with "
                + "arr.astype('<f4'))" : " (expected little-endian float32 '<f4' or float64 '<f8', or an integer type)";
        throw new InvalidInputException(file + ": unsupported dtype '" + descr + "'" + why);
    }
}
