package dev.ganboard.worker.dataset;

import dev.ganboard.metrics.core.InvalidInputException;
import dev.ganboard.metrics.io.NpyDtype;
import dev.ganboard.metrics.io.NpyHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * An array of images as stored: shape [N, C, H, W] or [N, H, W] (one channel), any numpy dtype GANBoard reads,
 * values not yet scaled. {@link #toImages} maps them onto [0, 1] with a {@link PixelRange}.
 *
 * @param rows  how many images {@code values} holds (the first ones)
 * @param total how many images the array has
 */
public record ImageArray(String name, long[] shape, NpyDtype dtype, double[] values, int rows, int total) {
    static final String EXPECTED = "expected images [N, C, H, W] or [N, H, W]";

    /** Whether a shape is one of the image shapes. */
    public static boolean imageRank(long[] shape) {
        return shape.length == 3 || shape.length == 4;
    }

    /** Checks the shape and wraps an array already in memory (an .npz member). */
    public static ImageArray of(String name, long[] shape, NpyDtype dtype, double[] values, int maxRows) {
        requireImageShape(name, shape);
        int total = Math.toIntExact(shape[0]);
        int rows = Math.min(total, maxRows);
        int dim = dim(shape);
        double[] v = rows == total ? values : Arrays.copyOf(values, rows * dim);
        return new ImageArray(name, shape, dtype, v, rows, total);
    }

    /** Reads the first {@code maxRows} images of an .npy file (the header says how many there are). */
    public static ImageArray readNpy(Path path, String name, int maxRows) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer prefix = ByteBuffer.allocate((int) Math.min(size, 65_536 + 12));
            while (prefix.hasRemaining() && ch.read(prefix, prefix.position()) > 0) {
                // positional reads until the prefix is full or the file ends
            }
            prefix.flip();
            NpyHeader h = NpyHeader.parse(prefix, size, name);
            requireImageShape(name, h.shape());
            int total = Math.toIntExact(h.shape()[0]);
            int rows = Math.min(total, maxRows);
            int dim = dim(h.shape());
            long bytes = (long) rows * dim * h.dtype().size();
            if (bytes > Integer.MAX_VALUE - 8) {
                throw new InvalidInputException(name + ": " + rows + " images of " + dim + " values are too many to "
                        + "read at once; evaluate fewer samples");
            }
            ByteBuffer body = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
            long pos = h.dataOffset();
            while (body.hasRemaining()) {
                int r = ch.read(body, pos + body.position());
                if (r < 0) {
                    throw new InvalidInputException(name + ": file ended early");
                }
            }
            double[] values = new double[rows * dim];
            NpyDtype t = h.dtype();
            for (int i = 0; i < values.length; i++) {
                values[i] = t.get(body, i);
            }
            return new ImageArray(name, h.shape(), t, values, rows, total);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(name + ": no such file");
        } catch (IOException e) {
            throw new InvalidInputException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static void requireImageShape(String name, long[] shape) {
        if (!imageRank(shape)) {
            throw new InvalidInputException(name + ": wrong shape " + NpyHeader.shapeString(shape) + ": " + EXPECTED);
        }
        for (int i = 1; i < shape.length; i++) {
            if (shape[i] < 1) {
                throw new InvalidInputException(name + ": wrong shape " + NpyHeader.shapeString(shape) + ": "
                        + EXPECTED + " with C, H, W >= 1");
            }
        }
        if (shape.length == 4 && shape[1] != 1 && shape[1] != 3) {
            throw new InvalidInputException(name + ": wrong shape " + NpyHeader.shapeString(shape) + ": " + EXPECTED
                    + " with C = 1 or 3 channels first (channels-last arrays: np.transpose(x, (0, 3, 1, 2)))");
        }
    }

    private static int dim(long[] shape) {
        long d = 1;
        for (int i = 1; i < shape.length; i++) {
            d *= shape[i];
        }
        return Math.toIntExact(d);
    }

    /** {C, H, W}. */
    public int[] imageShape() {
        return shape.length == 3 ? new int[] {1, (int) shape[1], (int) shape[2]}
                : new int[] {(int) shape[1], (int) shape[2], (int) shape[3]};
    }

    /** The images on [0, 1], and the range used (declared, or inferred from dtype and values). */
    public Scaled toImages(PixelRange declared, int[] labels) {
        if (dtype == NpyDtype.BOOL) {
            throw new InvalidInputException(name + ": dtype bool is not an image type (expected uint8 or float)");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!Double.isFinite(v)) {
                int dim = values.length / Math.max(1, rows);
                throw new InvalidInputException(name + ": " + (Double.isNaN(v) ? "NaN" : "infinite value " + v)
                        + " in image " + i / dim + " (value " + i % dim + ")");
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (values.length == 0) {
            min = 0;
            max = 0;
        }
        PixelRange range = PixelRange.resolve(declared, dtype.isInteger(), min, max, name);
        float[] p = new float[values.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = range.toUnit(values[i]);
        }
        int[] s = imageShape();
        return new Scaled(new ImageSet(name, s[0], s[1], s[2], p, labels), range, min, max);
    }

    /** Images on [0, 1] and how they got there. */
    public record Scaled(ImageSet images, PixelRange range, double min, double max) {
    }
}
