package dev.ganboard.worker.eval;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.core.InvalidInputException;
import dev.ganboard.metrics.io.NpyArray;
import dev.ganboard.metrics.io.NpyFile;
import dev.ganboard.metrics.io.NpyHeader;
import dev.ganboard.metrics.io.NpzFile;
import dev.ganboard.worker.GeneratedSamples;
import dev.ganboard.worker.NonFiniteTally;
import dev.ganboard.worker.dataset.ImageArray;
import dev.ganboard.worker.dataset.Labels;
import dev.ganboard.worker.dataset.PixelRange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the samples of a "samples" checkpoint. Points: an .npy [N, D] float array (streamed). Images: an .npy
 * [N, C, H, W] or [N, H, W] (uint8 0..255, or floats in [0, 1] or [-1, 1]; the range from the metadata
 * {@code range} when given, else inferred), mapped onto [0, 1]. An .npz holds the samples as member "samples"
 * (or "images", or its only other member) and optionally their classes as member "labels" ([N], any integer
 * dtype); it is read whole, so capped in size. Messages name the checkpoint, not the file path.
 */
final class SampleFile {
    static final long MAX_NPZ_BYTES = 64L << 20;
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private SampleFile() {
    }

    /** Points only (the 2-D datasets' original contract). */
    static Loaded load(Path blob, String label, int maxRows) {
        return load(blob, label, maxRows, null);
    }

    /** The first {@code maxRows} samples in memory as float64, with the total row count of the file. */
    static Loaded load(Path blob, String label, int maxRows, String declaredRange) {
        try {
            PixelRange range = PixelRange.declared(declaredRange, label);
            return isZip(blob) ? fromNpz(blob, label, maxRows, range) : fromNpy(blob, label, maxRows, range);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.getMessage().replace(blob.toString(), label), e);
        }
    }

    /** Samples and what the file said about them; {@code imageShape} and {@code labels} may be null. */
    record Loaded(DenseMatrix samples, int totalRows, String dtype, int[] imageShape, int[] labels) {
        Loaded(DenseMatrix samples, int totalRows, String dtype) {
            this(samples, totalRows, dtype, null, null);
        }

        GeneratedSamples toGenerated() {
            return new GeneratedSamples(samples, labels, imageShape, totalRows, dtype);
        }
    }

    private static Loaded fromNpy(Path blob, String label, int maxRows, PixelRange range) {
        int rank = rank(blob, label);
        if (rank != 2 && rank != 3 && rank != 4) {
            throw new InvalidInputException(label + ": wrong rank " + rank + ": expected points [N, D] or images "
                    + "[N, C, H, W] / [N, H, W]");
        }
        if (rank != 2) {
            ImageArray raw = ImageArray.readNpy(blob, label, maxRows);
            return images(raw, range, null);
        }
        try (NpyFile npy = NpyFile.open(blob)) {
            int rows = Math.min(npy.rows(), maxRows);
            double[] data = new double[Math.multiplyExact(rows, npy.cols())];
            npy.readRows(0, rows, data);
            return new Loaded(new DenseMatrix(label, rows, npy.cols(), data), npy.rows(), npy.dtype());
        }
    }

    private static Loaded fromNpz(Path blob, String label, int maxRows, PixelRange range) {
        long size = size(blob);
        if (size > MAX_NPZ_BYTES) {
            throw new InvalidInputException(label + ": an .npz of " + size + " bytes is more than the "
                    + MAX_NPZ_BYTES + " this worker reads into memory; upload the samples as an .npy");
        }
        Map<String, NpyArray> members = new LinkedHashMap<>(NpzFile.read(blob));
        NpyArray labels = members.remove("labels");
        NpyArray a = members.containsKey("samples") ? members.get("samples")
                : members.containsKey("images") ? members.get("images")
                : members.size() == 1 ? members.values().iterator().next() : null;
        if (a == null) {
            throw new InvalidInputException(label + ": the .npz has members " + NpzFile.read(blob).keySet()
                    + " but no 'samples' array");
        }
        int total = a.rank() == 0 ? 0 : Math.toIntExact(a.shape()[0]);
        int rows = Math.min(total, maxRows);
        int[] l = labels == null ? null : Labels.of(labels, label + ": member 'labels'", rows, total);
        if (ImageArray.imageRank(a.shape())) {
            return images(ImageArray.of(label, a.shape(), a.dtype(), a.data(), maxRows), range, l);
        }
        if (a.rank() != 2) {
            throw new InvalidInputException(label + ": wrong shape " + NpyHeader.shapeString(a.shape())
                    + ": expected points [N, D] or images [N, C, H, W] / [N, H, W]");
        }
        if (!a.dtype().isFloat()) {
            throw new InvalidInputException(label + ": points of dtype " + a.dtype().label()
                    + ": expected float32 or float64");
        }
        int cols = Math.toIntExact(a.shape()[1]);
        double[] data = rows == total ? a.data() : Arrays.copyOf(a.data(), rows * cols);
        return new Loaded(new DenseMatrix(label, rows, cols, data), total, a.dtype().label(), null, l);
    }

    private static Loaded images(ImageArray raw, PixelRange declared, int[] labels) {
        NonFiniteTally.requireFinite(raw.values(), raw.rows(), raw.rows() == 0 ? 0 : raw.values().length / raw.rows(),
                raw.name());
        ImageArray.Scaled s = raw.toImages(declared, labels);
        String dtype = raw.dtype().label() + ", pixel range " + s.range().text() + " (" + s.range().how() + ")";
        return new Loaded(s.images().toMatrix(), raw.total(), dtype, s.images().shape(), labels);
    }

    /** The rank an .npy header declares (the full checks come with reading). */
    private static int rank(Path blob, String label) {
        try (FileChannel ch = FileChannel.open(blob, StandardOpenOption.READ)) {
            ByteBuffer prefix = ByteBuffer.allocate((int) Math.min(ch.size(), 65_536 + 12));
            while (prefix.hasRemaining() && ch.read(prefix, prefix.position()) > 0) {
                // positional reads until the prefix is full or the file ends
            }
            prefix.flip();
            return NpyHeader.parse(prefix, ch.size(), label).shape().length;
        } catch (IOException e) {
            throw new InvalidInputException(label + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static boolean isZip(Path blob) {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(blob)) {
            return in.readNBytes(head, 0, 4) == 4 && Arrays.equals(head, ZIP_MAGIC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + blob, e);
        }
    }

    private static long size(Path blob) {
        try {
            return Files.size(blob);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + blob, e);
        }
    }
}
