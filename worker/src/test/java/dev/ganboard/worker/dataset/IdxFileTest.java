package dev.ganboard.worker.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ganboard.metrics.core.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {
    @TempDir
    Path dir;

    /** An IDX ubyte file: magic {0, 0, 8, rank}, big-endian dims, then the bytes. */
    static byte[] idx(int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x0800 | dims.length);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        return bytes.toByteArray();
    }

    static Path write(Path file, byte[] content, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(content);
        }
        return file;
    }

    @Test
    void readsPlainAndGzippedUbyteArrays() throws IOException {
        byte[] data = {0, 1, 2, (byte) 255, 4, 5};
        for (boolean gzip : new boolean[] {false, true}) {
            IdxFile.Ubyte a = IdxFile.read(write(dir.resolve("a" + gzip), idx(new int[] {1, 2, 3}, data), gzip));
            assertArrayEquals(new int[] {1, 2, 3}, a.dims());
            assertArrayEquals(data, a.data());
        }
    }

    @Test
    void imagesAndLabelsBecomeAnImageSetOnTheUnitRange() throws IOException {
        byte[] pixels = new byte[2 * 2 * 3];
        pixels[0] = (byte) 255;
        pixels[7] = (byte) 51;
        Path images = write(dir.resolve("train-images-idx3-ubyte.gz"), idx(new int[] {2, 2, 3}, pixels), true);
        Path labels = write(dir.resolve("train-labels-idx1-ubyte"), idx(new int[] {2}, new byte[] {7, 3}), false);
        ImageSet s = IdxImages.read("tiny", images, labels);
        assertEquals(2, s.size());
        assertArrayEquals(new int[] {1, 2, 3}, s.shape());
        assertEquals(1.0f, s.pixels()[0]);
        assertEquals(0.2f, s.pixels()[7], 1e-6);
        assertArrayEquals(new int[] {7, 3}, s.labels());
        assertEquals(images, IdxImages.find(dir, "train-images-idx3-ubyte"));
        assertEquals(labels, IdxImages.find(dir, "train-labels-idx1-ubyte"));
    }

    @Test
    void badFilesAreRefusedNamingTheProblem() throws IOException {
        Path notIdx = write(dir.resolve("x"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, false);
        assertEquals(notIdx + ": not an IDX file (magic 0x1020304)",
                assertThrows(InvalidInputException.class, () -> IdxFile.read(notIdx)).getMessage());
        byte[] full = idx(new int[] {10, 10}, new byte[100]);
        Path truncated = write(dir.resolve("t"), java.util.Arrays.copyOf(full, 50), false);
        assertEquals(truncated + ": truncated IDX file",
                assertThrows(InvalidInputException.class, () -> IdxFile.read(truncated)).getMessage());
        Path ints = write(dir.resolve("i"), new byte[] {0, 0, 0x0C, 1, 0, 0, 0, 1, 0, 0, 0, 0}, false);
        assertEquals(ints + ": IDX element type 0xc is not supported (expected unsigned bytes, 0x08)",
                assertThrows(InvalidInputException.class, () -> IdxFile.read(ints)).getMessage());
        Path images = write(dir.resolve("im"), idx(new int[] {2, 1, 1}, new byte[2]), false);
        Path labels = write(dir.resolve("lb"), idx(new int[] {3}, new byte[3]), false);
        assertEquals(labels + ": expected 2 labels [N], got dimensions [3]",
                assertThrows(InvalidInputException.class, () -> IdxImages.read("x", images, labels)).getMessage());
    }
}
