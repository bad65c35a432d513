package dev.ganboard.metrics.io;

import dev.ganboard.metrics.core.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * An IDX file of unsigned bytes (LeCun's MNIST format, also Fashion-MNIST's): magic 0x00 0x00 0x08 RANK, RANK
 * big-endian int32 dimensions, then the values in C order. Gzip-compressed files are recognised by their content,
 * not their name. Other element types, a wrong magic, truncation or trailing bytes are rejected naming the file.
 *
 * @param dims the dimensions, e.g. [60000, 28, 28] for images or [60000] for labels
 * @param data every value as a byte, not copied (60,000 images are 47 MB); read them with {@link #unsigned(int)}
 */
public record IdxFile(int[] dims, byte[] data) {
    private static final int UNSIGNED_BYTE = 0x08;

    public IdxFile {
        dims = dims.clone();
        long n = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(dims));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(data.length + " values for dimensions " + Arrays.toString(dims));
        }
    }

    /** Reads a whole file, plain or gzip-compressed. */
    public static IdxFile read(Path path) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path))) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            try (InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
                return read(in, path.toString());
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(path + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read IDX file " + path, e);
        }
    }

    /** Reads an uncompressed IDX stream; {@code name} appears in errors. */
    public static IdxFile read(InputStream in, String name) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] magic = new byte[4];
        try {
            data.readFully(magic);
        } catch (EOFException e) {
            throw new InvalidInputException(name + ": not an IDX file (shorter than its 4-byte magic)");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new InvalidInputException(name + ": not an IDX file (magic must start with two zero bytes, got "
                    + String.format("0x%02x 0x%02x", magic[0], magic[1]) + ")");
        }
        if (magic[2] != UNSIGNED_BYTE) {
            throw new InvalidInputException(name + String.format(": IDX element type 0x%02x is not supported", magic[2])
                    + " (this reader handles unsigned bytes, 0x08)");
        }
        int rank = magic[3] & 0xff;
        if (rank == 0) {
            throw new InvalidInputException(name + ": IDX rank 0: no dimensions");
        }
        int[] dims = new int[rank];
        long size = 1;
        try {
            for (int i = 0; i < rank; i++) {
                dims[i] = data.readInt();
                if (dims[i] < 0) {
                    throw new InvalidInputException(name + ": dimension " + i + " is negative (" + dims[i] + ")");
                }
                size *= dims[i];
                if (size > Integer.MAX_VALUE - 16) {
                    throw new InvalidInputException(name + ": dimensions " + Arrays.toString(Arrays.copyOf(dims, i + 1))
                            + " hold more than 2^31 values");
                }
            }
        } catch (EOFException e) {
            throw new InvalidInputException(name + ": truncated in the header (" + rank + " dimensions expected)");
        }
        byte[] values = new byte[(int) size];
        int read = data.readNBytes(values, 0, values.length);
        if (read < values.length) {
            throw new InvalidInputException(name + ": truncated: " + read + " of " + values.length + " values for "
                    + "dimensions " + Arrays.toString(dims));
        }
        if (data.read() != -1) {
            throw new InvalidInputException(name + ": trailing bytes after the " + values.length + " values of "
                    + "dimensions " + Arrays.toString(dims));
        }
        return new IdxFile(dims, values);
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    /** The number of items: the first dimension. */
    public int count() {
        return dims[0];
    }

    /** Values per item: the product of the other dimensions (784 for 28 x 28 images, 1 for labels). */
    public int itemSize() {
        int n = 1;
        for (int i = 1; i < dims.length; i++) {
            n *= dims[i];
        }
        return n;
    }

    /** The i-th value (C order over all dimensions), 0-255. */
    public int unsigned(int i) {
        return data[i] & 0xff;
    }
}
