package dev.ganboard.worker.eval;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.core.InvalidInputException;
import dev.ganboard.metrics.io.NpyArray;
import dev.ganboard.metrics.io.NpyFile;
import dev.ganboard.metrics.io.NpzFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads the samples of a "samples" checkpoint: an .npy [N, D] (streamed) or an .npz holding one such array (member
 * "samples", or its only member; read whole, so capped in size). Messages name the checkpoint, not the file path.
 */
final class SampleFile {
    static final long MAX_NPZ_BYTES = 64L << 20;
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private SampleFile() {
    }

    /** The first {@code maxRows} samples in memory as float64, with the total row count of the file. */
    static Loaded load(Path blob, String label, int maxRows) {
        try {
            return isZip(blob) ? fromNpz(blob, label, maxRows) : fromNpy(blob, label, maxRows);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.getMessage().replace(blob.toString(), label), e);
        }
    }

    record Loaded(DenseMatrix samples, int totalRows, String dtype) {
    }

    private static Loaded fromNpy(Path blob, String label, int maxRows) {
        try (NpyFile npy = NpyFile.open(blob)) {
            int rows = Math.min(npy.rows(), maxRows);
            double[] data = new double[Math.multiplyExact(rows, npy.cols())];
            npy.readRows(0, rows, data);
            return new Loaded(new DenseMatrix(label, rows, npy.cols(), data), npy.rows(), npy.dtype());
        }
    }

    private static Loaded fromNpz(Path blob, String label, int maxRows) {
        long size = size(blob);
        if (size > MAX_NPZ_BYTES) {
            throw new InvalidInputException(label + ": an .npz of " + size + " bytes is more than the "
                    + MAX_NPZ_BYTES + " this worker reads into memory; upload the samples as an .npy");
        }
        Map<String, NpyArray> members = NpzFile.read(blob);
        NpyArray a = members.containsKey("samples") ? members.get("samples")
                : members.size() == 1 ? members.values().iterator().next() : null;
        if (a == null) {
            throw new InvalidInputException(label + ": the .npz has members " + members.keySet()
                    + " but no 'samples' array");
        }
        if (a.rank() != 2) {
            throw new InvalidInputException(label + ": wrong shape " + Arrays.toString(a.shape())
                    + ": expected a 2-D array [N, D]");
        }
        int total = Math.toIntExact(a.shape()[0]);
        int cols = Math.toIntExact(a.shape()[1]);
        int rows = Math.min(total, maxRows);
        double[] data = rows == total ? a.data() : Arrays.copyOf(a.data(), rows * cols);
        return new Loaded(new DenseMatrix(label, rows, cols, data), total, a.dtype().label());
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
