package dev.ganboard.metrics.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes C-order little-endian arrays (floats, or integers from whole-number values) as .npy (format 1.0; 2.0 only when the header needs it). */
public final class NpyWriter {
    private NpyWriter() {
    }

    public static void write(Path path, double[] data, long[] shape, NpyDtype dtype) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
            write(out, data, shape, dtype);
        }
    }

    public static void write(Path path, float[] data, long[] shape) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
            writeHeader(out, shape, NpyDtype.FLOAT32, 1);
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : data) {
                if (!buf.hasRemaining()) {
                    out.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
                buf.putFloat(v);
            }
            out.write(buf.array(), 0, buf.position());
        }
    }

    public static void write(OutputStream out, double[] data, long[] shape, NpyDtype dtype) throws IOException {
        writeHeader(out, shape, dtype, 1);
        writeData(out, data, dtype);
    }

    static void writeData(OutputStream out, double[] data, NpyDtype dtype) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : data) {
            if (buf.remaining() < 8) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            dtype.put(buf, v);
        }
        out.write(buf.array(), 0, buf.position());
    }

    /**
     * Writes magic, version and the header dict padded with spaces to a multiple of 64 bytes, as numpy does.
     * {@code version} 1 or 2 (2 has a 4-byte header length); 1 is upgraded to 2 if the header would not fit.
     */
    public static void writeHeader(OutputStream out, long[] shape, NpyDtype dtype, int version) throws IOException {
        String dict = "{'descr': '" + dtype.descr() + "', 'fortran_order': False, 'shape': "
                + NpyHeader.shapeString(shape) + ", }";
        int v = version;
        int preamble = v == 1 ? 10 : 12;
        int total = preamble + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        int headerLen = padded - preamble;
        if (v == 1 && headerLen > 0xFFFF) {
            v = 2;
            preamble = 12;
            total = preamble + dict.length() + 1;
            padded = (total + 63) / 64 * 64;
            headerLen = padded - preamble;
        }
        ByteBuffer b = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyHeader.MAGIC).put((byte) v).put((byte) 0);
        if (v == 1) {
            b.putShort((short) headerLen);
        } else {
            b.putInt(headerLen);
        }
        b.put(dict.getBytes(StandardCharsets.ISO_8859_1));
        while (b.position() < padded - 1) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n');
        out.write(b.array());
    }
}
