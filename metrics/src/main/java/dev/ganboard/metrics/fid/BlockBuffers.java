package dev.ganboard.metrics.fid;

import org.bytedeco.javacpp.DoublePointer;

import java.nio.DoubleBuffer;

/** Two native blocks of samples, filled and consumed alternately; reused across the two sides of a FID. */
final class BlockBuffers implements AutoCloseable {
    private final DoublePointer[] pointers = new DoublePointer[2];
    private final DoubleBuffer[] views = new DoubleBuffer[2];
    private long capacity;

    void ensure(long values) {
        if (values > capacity) {
            close();
            for (int i = 0; i < 2; i++) {
                pointers[i] = new DoublePointer(values);
                views[i] = pointers[i].asBuffer();
            }
            capacity = values;
        }
    }

    DoublePointer pointer(int i) {
        return pointers[i];
    }

    DoubleBuffer view(int i) {
        return views[i];
    }

    @Override
    public void close() {
        for (int i = 0; i < 2; i++) {
            if (pointers[i] != null) {
                pointers[i].close();
                pointers[i] = null;
                views[i] = null;
            }
        }
        capacity = 0;
    }
}
