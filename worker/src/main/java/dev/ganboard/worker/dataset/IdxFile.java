package dev.ganboard.worker.dataset;

import dev.ganboard.metrics.core.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * LeCun's IDX format (MNIST, Fashion-MNIST), plain or gzipped (detected by the gzip magic bytes): a big-endian
 * header {0, 0, type, rank} then rank int32 dimensions, then the data in C order. Only unsigned bytes (type 0x08)
 * are used by these datasets, so only those are read.
 */
public final class IdxFile {
    private static final int UBYTE = 0x08;
    private static final int MAX_RANK = 4;

    private IdxFile() {
    }

    /** The dimensions and the raw unsigned bytes of an IDX ubyte file. */
    public record Ubyte(int[] dims, byte[] data) {
    }

    public static Ubyte read(Path path) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f & raw.read() == 0x8b;
            raw.reset();
            try (DataInputStream in = new DataInputStream(gzip ? new GZIPInputStream(raw, 1 << 16) : raw)) {
                return parse(in, path);
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(path + ": no such file");
        } catch (EOFException e) {
            throw new InvalidInputException(path + ": truncated IDX file");
        } catch (IOException e) {
            throw new InvalidInputException(path + ": cannot read IDX file: " + e.getMessage(), e);
        }
    }

    private static Ubyte parse(DataInputStream in, Path path) throws IOException {
        int magic = in.readInt();
        int type = (magic >> 8) & 0xFF;
        int rank = magic & 0xFF;
        if ((magic >>> 16) != 0 || rank < 1 || rank > MAX_RANK) {
            throw new InvalidInputException(path + ": not an IDX file (magic 0x" + Integer.toHexString(magic) + ")");
        }
        if (type != UBYTE) {
            throw new InvalidInputException(path + ": IDX element type 0x" + Integer.toHexString(type)
                    + " is not supported (expected unsigned bytes, 0x08)");
        }
        int[] dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = in.readInt();
            if (dims[i] < 0) {
                throw new InvalidInputException(path + ": negative IDX dimension " + dims[i]);
            }
            count *= dims[i];
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException(path + ": IDX array of " + count + " values is too large");
        }
        byte[] data = new byte[(int) count];
        in.readFully(data);
        return new Ubyte(dims, data);
    }
}
