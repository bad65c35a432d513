package dev.ganboard.worker.classifier;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** float[] to and from little-endian bytes, for cached features. */
final class FloatArrays {
    private FloatArrays() {
    }

    static byte[] toBytes(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    static float[] fromBytes(byte[] bytes) {
        float[] out = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}
