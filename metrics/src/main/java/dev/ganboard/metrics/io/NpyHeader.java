package dev.ganboard.metrics.io;

import dev.ganboard.metrics.core.InvalidInputException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a .npy file (format versions 1, 2 and 3): magic, version, and the Python dict literal with
 * descr, fortran_order and shape. {@link #dataOffset()} is where the raw array starts.
 */
public record NpyHeader(int majorVersion, NpyDtype dtype, long[] shape, long dataOffset) {

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** Parses a header from the first bytes of a file ({@code prefix} must hold at least the whole header). */
    public static NpyHeader parse(ByteBuffer prefix, long fileSize, String file) {
        prefix.order(ByteOrder.LITTLE_ENDIAN);
        if (prefix.remaining() < 10) {
            throw new InvalidInputException(file + ": not a .npy file (only " + prefix.remaining() + " bytes)");
        }
        byte[] magic = new byte[6];
        prefix.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new InvalidInputException(file + ": not a .npy file (bad magic bytes)");
        }
        int major = prefix.get() & 0xFF;
        prefix.get(); // minor version, unused
        long headerLen;
        int preamble;
        if (major == 1) {
            headerLen = prefix.getShort() & 0xFFFF;
            preamble = 10;
        } else if (major == 2 || major == 3) {
            if (prefix.remaining() < 4) {
                throw new InvalidInputException(file + ": truncated .npy header");
            }
            headerLen = prefix.getInt() & 0xFFFFFFFFL;
            preamble = 12;
        } else {
            throw new InvalidInputException(file + ": unsupported .npy format version " + major
                    + " (supported: 1, 2, 3)");
        }
        if (headerLen > prefix.remaining()) {
            throw new InvalidInputException(file + ": truncated .npy header (" + headerLen + " bytes announced, "
                    + prefix.remaining() + " present)");
        }
        byte[] text = new byte[(int) headerLen];
        prefix.get(text);
        String dict = new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);

        Matcher d = DESCR.matcher(dict);
        Matcher f = FORTRAN.matcher(dict);
        Matcher s = SHAPE.matcher(dict);
        if (!d.find() || !f.find() || !s.find()) {
            throw new InvalidInputException(file + ": malformed .npy header: " + dict.strip());
        }
        NpyDtype dtype = NpyDtype.parse(d.group(1), file);
        long[] shape = parseShape(s.group(1), file);
        if (f.group(1).equals("True") && shape.length > 1) {
            throw new InvalidInputException(file + ": Fortran-order (column-major) arrays are not supported: "
                    + "save with np.ascontiguousarray(arr)");
        }
        long offset = preamble + headerLen;
        long expected = dtype.size();
        for (long dim : shape) {
            expected = Math.multiplyExact(expected, dim);
        }
        if (fileSize - offset < expected) {
            throw new InvalidInputException(file + ": truncated data: shape " + shapeString(shape) + " of "
                    + dtype.label() + " needs " + expected + " bytes, the file has " + Math.max(0, fileSize - offset));
        }
        return new NpyHeader(major, dtype, shape, offset);
    }

    private static long[] parseShape(String inside, String file) {
        String[] parts = inside.split(",");
        long[] dims = new long[parts.length];
        int n = 0;
        for (String p : parts) {
            String t = p.strip();
            if (t.endsWith("L")) {
                t = t.substring(0, t.length() - 1);
            }
            if (t.isEmpty()) {
                continue;
            }
            try {
                dims[n] = Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(file + ": malformed shape (" + inside + ") in .npy header");
            }
            if (dims[n] < 0) {
                throw new InvalidInputException(file + ": negative dimension in shape (" + inside + ")");
            }
            n++;
        }
        return Arrays.copyOf(dims, n);
    }

    public static String shapeString(long[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            b.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return b.append(shape.length == 1 ? ",)" : ")").toString();
    }
}
