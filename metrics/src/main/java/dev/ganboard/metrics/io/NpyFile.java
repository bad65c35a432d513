package dev.ganboard.metrics.io;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.core.FeatureSource;
import dev.ganboard.metrics.core.InvalidInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.AccessDeniedException;

/**
 * A 2-D .npy array [N, D] of little-endian float32 or float64 in C order, read lazily in row blocks through a
 * small reusable buffer: memory stays bounded whatever the file size, and nothing is memory-mapped, so the pages
 * do not count against the process afterwards. Anything else (other rank, dtype, byte order, Fortran order,
 * truncation) is rejected with a message naming the file and the problem.
 */
public final class NpyFile implements FeatureSource, AutoCloseable {
    private static final int CHUNK_BYTES = 1 << 22;

    private final String name;
    private final FileChannel channel;
    private final NpyHeader header;
    private final int rows;
    private final int cols;
    private ByteBuffer chunk;

    private NpyFile(String name, FileChannel channel, NpyHeader header) {
        this.name = name;
        this.channel = channel;
        this.header = header;
        long[] shape = header.shape();
        if (!header.dtype().isFloat()) {
            throw new InvalidInputException(name + ": unsupported dtype '" + header.dtype().descr() + "' ("
                    + header.dtype().label() + "): expected little-endian float32 '<f4' or float64 '<f8'");
        }
        if (shape.length != 2) {
            throw new InvalidInputException(name + ": wrong shape " + NpyHeader.shapeString(shape)
                    + ": expected a 2-D array [N, D]");
        }
        if (shape[0] > Integer.MAX_VALUE || shape[1] > Integer.MAX_VALUE) {
            throw new InvalidInputException(name + ": shape " + NpyHeader.shapeString(shape) + " is too large");
        }
        this.rows = (int) shape[0];
        this.cols = (int) shape[1];
    }

    /** Opens a 2-D float array; the caller closes it. */
    public static NpyFile open(Path path) {
        String name = path.toString();
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(name + ": no such file");
        } catch (AccessDeniedException e) {
            throw new InvalidInputException(name + ": permission denied");
        } catch (IOException e) {
            throw new InvalidInputException(name + ": cannot open: " + e.getMessage(), e);
        }
        try {
            long size = ch.size();
            ByteBuffer prefix = ByteBuffer.allocate((int) Math.min(size, 65_536 + 12));
            while (prefix.hasRemaining() && ch.read(prefix, prefix.position()) > 0) {
                // positional reads until the prefix is full or the file ends
            }
            prefix.flip();
            return new NpyFile(name, ch, NpyHeader.parse(prefix, size, name));
        } catch (IOException e) {
            closeQuietly(ch);
            throw new InvalidInputException(name + ": cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    /** Reads a whole 2-D array into memory as float64. */
    public static DenseMatrix readMatrix(Path path) {
        try (NpyFile f = open(path)) {
            return DenseMatrix.copyOf(f);
        }
    }

    public NpyHeader header() {
        return header;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public String dtype() {
        return header.dtype().label();
    }

    @Override
    public synchronized void readRows(int first, int count, double[] dst) {
        readChunks(first, count, (chunk, values, offset) -> {
            if (header.dtype() == NpyDtype.FLOAT32) {
                FloatBuffer fb = chunk.asFloatBuffer();
                for (int i = 0; i < values; i++) {
                    dst[offset + i] = fb.get(i);
                }
            } else {
                chunk.asDoubleBuffer().get(dst, offset, values);
            }
        });
    }

    @Override
    public synchronized void readRowsShifted(int first, int count, double[] shift, DoubleBuffer dst, double[] sums) {
        int d = cols;
        readChunks(first, count, (chunk, values, offset) -> {
            if (header.dtype() == NpyDtype.FLOAT32) {
                FloatBuffer fb = chunk.asFloatBuffer();
                for (int i = 0; i < values; i += d) {
                    for (int j = 0; j < d; j++) {
                        double v = fb.get(i + j) - shift[j];
                        dst.put(offset + i + j, v);
                        sums[j] += v;
                    }
                }
            } else {
                DoubleBuffer db = chunk.asDoubleBuffer();
                for (int i = 0; i < values; i += d) {
                    for (int j = 0; j < d; j++) {
                        double v = db.get(i + j) - shift[j];
                        dst.put(offset + i + j, v);
                        sums[j] += v;
                    }
                }
            }
        });
    }

    private interface ChunkConsumer {
        /** {@code chunk} holds {@code values} elements that belong at {@code offset} of the destination. */
        void accept(ByteBuffer chunk, int values, int offset);
    }

    private void readChunks(int first, int count, ChunkConsumer consumer) {
        if (first < 0 || count < 0 || first + count > rows) {
            throw new IndexOutOfBoundsException("rows [" + first + ", " + (first + count) + ") of " + rows);
        }
        int item = header.dtype().size();
        long rowBytes = (long) cols * item;
        if (rowBytes == 0 || count == 0) {
            return;
        }
        if (chunk == null) {
            chunk = ByteBuffer.allocateDirect((int) Math.max(rowBytes, CHUNK_BYTES)).order(ByteOrder.LITTLE_ENDIAN);
        }
        int rowsPerChunk = (int) Math.max(1, chunk.capacity() / rowBytes);
        int done = 0;
        while (done < count) {
            int n = Math.min(rowsPerChunk, count - done);
            long pos = header.dataOffset() + (first + done) * rowBytes;
            chunk.clear().limit((int) (n * rowBytes));
            try {
                while (chunk.hasRemaining()) {
                    if (channel.read(chunk, pos + chunk.position()) < 0) {
                        throw new InvalidInputException(name + ": file ended early at row " + (first + done));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(name + ": read failed: " + e.getMessage(), e);
            }
            chunk.flip();
            consumer.accept(chunk.order(ByteOrder.LITTLE_ENDIAN), n * cols, done * cols);
            done += n;
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing useful to do
        }
    }
}
