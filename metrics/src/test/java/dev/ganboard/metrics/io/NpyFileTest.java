package dev.ganboard.metrics.io;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NpyFileTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsFloat64AndFloat32() throws IOException {
        double[] data = {1.5, -2.25, 3.0, 4.125, 1e-300, -0.0};
        Path f64 = dir.resolve("a.npy");
        NpyWriter.write(f64, data, new long[] {3, 2}, NpyDtype.FLOAT64);
        DenseMatrix m = NpyFile.readMatrix(f64);
        assertEquals(3, m.rows());
        assertEquals(2, m.cols());
        assertArrayEquals(data, m.data());

        Path f32 = dir.resolve("b.npy");
        float[] floats = {0.1f, 0.2f, 0.3f, 0.4f};
        NpyWriter.write(f32, floats, new long[] {2, 2});
        try (NpyFile f = NpyFile.open(f32)) {
            assertEquals("float32", f.dtype());
            double[] out = new double[4];
            f.readRows(0, 2, out);
            for (int i = 0; i < 4; i++) {
                assertEquals((double) floats[i], out[i]);
            }
            f.readRows(1, 1, out);
            assertEquals((double) 0.3f, out[0]);
        }
    }

    @Test
    void shiftedReadsMatchPlainReads() throws IOException {
        int n = 1500;
        int d = 900; // 5.4 MB as float32: more than one read chunk
        float[] f = new float[n * d];
        double[] x = new double[n * d];
        for (int i = 0; i < f.length; i++) {
            f[i] = (i * 0.618034f) % 7 - 3;
            x[i] = f[i];
        }
        double[] shift = new double[d];
        for (int j = 0; j < d; j++) {
            shift[j] = j * 0.25 - 1;
        }
        Path p32 = dir.resolve("s32.npy");
        NpyWriter.write(p32, f, new long[] {n, d});
        Path p64 = dir.resolve("s64.npy");
        NpyWriter.write(p64, x, new long[] {n, d}, NpyDtype.FLOAT64);
        for (Path p : new Path[] {p32, p64}) {
            try (NpyFile file = NpyFile.open(p)) {
                java.nio.DoubleBuffer out = java.nio.ByteBuffer.allocateDirect(1400 * d * 8)
                        .order(ByteOrder.nativeOrder()).asDoubleBuffer();
                double[] sums = new double[d];
                file.readRowsShifted(100, 1400, shift, out, sums);
                for (int i = 0; i < 1400 * d; i += 101) {
                    assertEquals(x[100 * d + i] - shift[i % d], out.get(i), 0, p + " at " + i);
                }
                double expected = 0;
                for (int r = 100; r < 1500; r++) {
                    expected += x[r * d + 7] - shift[7];
                }
                assertEquals(expected, sums[7], 1e-9);
                assertEquals(x[1500 * d - 1] - shift[d - 1], out.get(1400 * d - 1), 0);
            }
        }
    }

    @Test
    void headerIsPaddedTo64BytesLikeNumpy() throws IOException {
        Path p = dir.resolve("c.npy");
        NpyWriter.write(p, new double[6], new long[] {2, 3}, NpyDtype.FLOAT64);
        byte[] bytes = Files.readAllBytes(p);
        assertEquals(128 + 48, bytes.length); // 10 + 59 + 1 bytes of header round up to 128
        String header = new String(bytes, 10, 118, StandardCharsets.ISO_8859_1);
        assertTrue(header.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }"));
        assertEquals('\n', header.charAt(header.length() - 1));
    }

    @Test
    void readsVersion2Headers() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NpyWriter.writeHeader(out, new long[] {2, 2}, NpyDtype.FLOAT64, 2);
        NpyWriter.writeData(out, new double[] {1, 2, 3, 4}, NpyDtype.FLOAT64);
        Path p = dir.resolve("v2.npy");
        Files.write(p, out.toByteArray());
        try (NpyFile f = NpyFile.open(p)) {
            assertEquals(2, f.header().majorVersion());
        }
        assertArrayEquals(new double[] {1, 2, 3, 4}, NpyFile.readMatrix(p).data());
    }

    @Test
    void readsLargeFilesInBlocks() throws IOException {
        int n = 3000;
        int d = 700; // 8.4 MB of float32: several read chunks
        float[] data = new float[n * d];
        for (int i = 0; i < data.length; i++) {
            data[i] = i % 1000 - 500.5f;
        }
        Path p = dir.resolve("big.npy");
        NpyWriter.write(p, data, new long[] {n, d});
        DenseMatrix m = NpyFile.readMatrix(p);
        for (int i = 0; i < data.length; i += 997) {
            assertEquals(data[i], m.data()[i]);
        }
        assertEquals(data[data.length - 1], m.data()[data.length - 1]);
    }

    @Test
    void rejectsWhatItCannotRead() throws IOException {
        assertMessage(write("big-endian.npy", "{'descr': '>f8', 'fortran_order': False, 'shape': (1, 1), }", 8),
                "big-endian");
        assertMessage(write("fortran.npy", "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2), }", 32),
                "Fortran-order");
        assertMessage(write("int.npy", "{'descr': '<i8', 'fortran_order': False, 'shape': (2, 2), }", 32),
                "unsupported dtype '<i8'");
        assertMessage(write("rank1.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", 32),
                "wrong shape (4,)");
        assertMessage(write("rank3.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2, 2), }", 32),
                "wrong shape (2, 2, 2)");
        assertMessage(write("short.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (10, 2), }", 16),
                "truncated data");
        Path junk = dir.resolve("junk.npy");
        Files.writeString(junk, "this is not numpy at all");
        assertMessage(junk, "not a .npy file");
        assertMessage(dir.resolve("missing.npy"), "no such file");
    }

    @Test
    void npzRoundTrip() throws IOException {
        Path p = dir.resolve("s.npz");
        NpzFile.write(p, Map.of("mu", NpyArray.of(new double[] {1, 2}, 2)));
        Map<String, NpyArray> back = NpzFile.read(p);
        assertArrayEquals(new double[] {1, 2}, back.get("mu").data());
        assertArrayEquals(new long[] {2}, back.get("mu").shape());
    }

    private Path write(String name, String dict, int dataBytes) throws IOException {
        byte[] text = dict.getBytes(StandardCharsets.ISO_8859_1);
        int headerLen = ((10 + text.length + 1 + 63) / 64) * 64 - 10;
        ByteBuffer b = ByteBuffer.allocate(10 + headerLen + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyHeader.MAGIC).put((byte) 1).put((byte) 0).putShort((short) headerLen).put(text);
        while (b.position() < 10 + headerLen - 1) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n');
        Path p = dir.resolve(name);
        Files.write(p, b.array());
        return p;
    }

    private static void assertMessage(Path p, String expected) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> NpyFile.readMatrix(p));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    }
}
