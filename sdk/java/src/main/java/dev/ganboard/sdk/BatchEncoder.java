package dev.ganboard.sdk;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns queued points into request bodies of the ingest API, {"seq":n,"points":[{"key","step","value","time"}...]}.
 * These bytes are both the WAL record and what is sent, so a batch is encoded once. Keys were validated to plain
 * ASCII without quotes or backslashes, so no escaping is needed.
 */
final class BatchEncoder {
    record Batch(long seq, int points, byte[] body) {
    }

    interface SeqSource {
        long next();
    }

    private final int maxPoints;
    private final int maxBytes;

    BatchEncoder(int maxPoints, int maxBytes) {
        this.maxPoints = maxPoints;
        this.maxBytes = maxBytes;
    }

    List<Batch> encode(List<PointQueue.Entry> entries, SeqSource seqs) {
        List<Batch> out = new ArrayList<>();
        Bytes buf = new Bytes(64 * 1024);
        long seq = -1;
        int n = 0;
        for (PointQueue.Entry e : entries) {
            for (int i = 0; i < e.size(); i++) {
                if (n == 0) {
                    seq = seqs.next();
                    buf.reset();
                    buf.ascii("{\"seq\":").ascii(Long.toString(seq)).ascii(",\"points\":[");
                } else {
                    buf.put((byte) ',');
                }
                buf.ascii("{\"key\":\"").ascii(e.keys()[i]).ascii("\",\"step\":").ascii(Long.toString(e.step()))
                        .ascii(",\"value\":").ascii(Double.toString(e.values()[i]))
                        .ascii(",\"time\":").ascii(Long.toString(e.time())).put((byte) '}');
                n++;
                if (n >= maxPoints || buf.size() >= maxBytes) {
                    out.add(close(buf, seq, n));
                    n = 0;
                }
            }
        }
        if (n > 0) {
            out.add(close(buf, seq, n));
        }
        return out;
    }

    private static Batch close(Bytes buf, long seq, int n) {
        buf.ascii("]}");
        return new Batch(seq, n, buf.toArray());
    }

    /** A growable byte buffer for ASCII text. */
    static final class Bytes {
        private byte[] data;
        private int size;

        Bytes(int initial) {
            data = new byte[initial];
        }

        Bytes ascii(String s) {
            int len = s.length();
            ensure(len);
            for (int i = 0; i < len; i++) {
                data[size + i] = (byte) s.charAt(i);
            }
            size += len;
            return this;
        }

        Bytes put(byte b) {
            ensure(1);
            data[size++] = b;
            return this;
        }

        private void ensure(int more) {
            if (size + more > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, size + more));
            }
        }

        int size() {
            return size;
        }

        void reset() {
            size = 0;
        }

        byte[] toArray() {
            return Arrays.copyOf(data, size);
        }

        @Override
        public String toString() {
            return new String(data, 0, size, StandardCharsets.US_ASCII);
        }
    }
}
