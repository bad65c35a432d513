package dev.ganboard.protocol.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads the ingest body {"seq": n, "points": [{"key", "step", "value", "time"}, ...]} in one streaming pass straight
 * into columns (also the SDK's Kafka form, which adds "run_id" and "received_at"). Syntax and type errors are thrown
 * here, naming the field; the rules (required fields, ranges, key syntax) are checked by {@link MetricBatchRules}
 * afterwards, so the first problem in point order is reported exactly as before.
 *
 * <p>Non-finite values are data (a diverging loss is a result): a value may be the bare tokens {@code NaN},
 * {@code Infinity} and {@code -Infinity} (as Python's json module writes them) or the same as strings (also
 * {@code "nan"}, {@code "inf"}, {@code "-inf"} in any case). Numbers given as numeric strings are accepted and unknown
 * fields ignored.
 */
public final class MetricBatchJson {
    static final byte MISSING_POINT = 1;
    static final byte MISSING_KEY = 2;
    static final byte MISSING_STEP = 4;
    static final byte MISSING_VALUE = 8;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private MetricBatchJson() {
    }

    /** What the body said, before the rules: fields may be missing (null seq, flags per point). */
    public record Parsed(Long seq, boolean hasPoints, int pointCount, Long runId, Long receivedAt,
                         MetricColumns columns, byte[] missing) {
    }

    /**
     * @param maxPoints points beyond this many are counted but not kept (the rules refuse the batch anyway)
     */
    public static Parsed parse(byte[] body, int maxPoints) {
        try (JsonParser p = FACTORY.createParser(body)) {
            return new Reader(p, maxPoints, body.length).read();
        } catch (JsonParseException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new InvalidBatchException(null, "request body: malformed JSON (" + e.getMessage() + ")");
        }
    }

    private static InvalidBatchException malformed(JsonParseException e) {
        var at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new InvalidBatchException(null, "request body: malformed JSON (" + e.getOriginalMessage() + where + ")");
    }

    static InvalidBatchException notANumber(String field) {
        return new InvalidBatchException(field, field + ": not a number (a JSON number, NaN, Infinity, -Infinity, "
                + "or a string holding one)");
    }

    static InvalidBatchException wrongType(String field) {
        return new InvalidBatchException(field, (field == null ? "request body" : field) + ": wrong type");
    }

    private static final class Reader {
        private final JsonParser p;
        private final int maxPoints;
        private final KeyTable keys = new KeyTable();
        private int[] keyIndex;
        private long[] steps;
        private double[] values;
        private long[] times;
        private byte[] missing;
        private boolean anyMissing;
        private int kept;
        private int seen;
        private long number; // the last number read by readLong / readDouble (avoids boxing)
        private double real;

        Reader(JsonParser p, int maxPoints, int bodyLength) {
            this.p = p;
            this.maxPoints = maxPoints;
            int guess = Math.max(16, Math.min(maxPoints, bodyLength / 48)); // a point is ~50-70 bytes of JSON
            keyIndex = new int[guess];
            steps = new long[guess];
            values = new double[guess];
            times = new long[guess];
            missing = new byte[guess];
        }

        Parsed read() throws IOException {
            JsonToken t = p.nextToken();
            if (t == null || t == JsonToken.VALUE_NULL) {
                throw new InvalidBatchException(null,
                        "request body: a JSON object {\"seq\": n, \"points\": [...]} is required");
            }
            if (t != JsonToken.START_OBJECT) {
                throw wrongType(null);
            }
            Long seq = null;
            Long runId = null;
            Long receivedAt = null;
            boolean hasPoints = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "points" -> hasPoints = readPoints(value);
                    case "seq" -> seq = readLong(value, "seq") ? number : null;
                    case "run_id" -> runId = readLong(value, "run_id") ? number : null;
                    case "received_at" -> receivedAt = readLong(value, "received_at") ? number : null;
                    default -> p.skipChildren();
                }
            }
            MetricColumns columns = new MetricColumns(runId == null ? 0 : runId, seq == null ? 0 : seq,
                    receivedAt == null ? 0 : receivedAt, keys.toArray(), kept, keyIndex, steps, values, times);
            return new Parsed(seq, hasPoints, seen, runId, receivedAt, columns, anyMissing ? missing : null);
        }

        private boolean readPoints(JsonToken t) throws IOException {
            if (t == JsonToken.VALUE_NULL) {
                return false;
            }
            if (t != JsonToken.START_ARRAY) {
                throw wrongType("points");
            }
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (seen >= maxPoints) {
                    p.skipChildren();
                    seen++;
                    continue;
                }
                int i = kept;
                if (i == steps.length) {
                    grow();
                }
                if (t == JsonToken.START_OBJECT) {
                    readPoint(i);
                } else if (t == JsonToken.VALUE_NULL) {
                    missing[i] = MISSING_POINT;
                    anyMissing = true;
                } else {
                    throw wrongType("points[" + i + "]");
                }
                kept++;
                seen++;
            }
            return true;
        }

        private void readPoint(int i) throws IOException {
            byte miss = MISSING_KEY | MISSING_STEP | MISSING_VALUE;
            keyIndex[i] = -1;
            times[i] = MetricColumns.NO_TIME;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                t = p.nextToken();
                switch (name) {
                    case "key" -> {
                        int k = readKey(t, i);
                        keyIndex[i] = k;
                        miss = k >= 0 ? (byte) (miss & ~MISSING_KEY) : (byte) (miss | MISSING_KEY);
                    }
                    case "step" -> {
                        if (readLong(t, "points[" + i + "].step")) {
                            steps[i] = number;
                            miss &= ~MISSING_STEP;
                        } else {
                            miss |= MISSING_STEP;
                        }
                    }
                    case "value" -> {
                        if (readDouble(t, "points[" + i + "].value")) {
                            values[i] = real;
                            miss &= ~MISSING_VALUE;
                        } else {
                            miss |= MISSING_VALUE;
                        }
                    }
                    case "time" -> times[i] = readLong(t, "points[" + i + "].time") ? number : MetricColumns.NO_TIME;
                    default -> p.skipChildren();
                }
            }
            missing[i] = miss;
            if (miss != 0) {
                anyMissing = true;
            }
        }

        /** The key's index in the table; -1 when null or empty. Scalars other than strings count as their text. */
        private int readKey(JsonToken t, int i) throws IOException {
            if (t == JsonToken.VALUE_NULL) {
                return -1;
            }
            if (!t.isScalarValue()) {
                throw wrongType("points[" + i + "].key");
            }
            int length = p.getTextLength();
            if (length == 0) {
                return -1;
            }
            return keys.indexOf(p.getTextCharacters(), p.getTextOffset(), length);
        }

        /** Reads an integer into {@link #number}; false when null. */
        private boolean readLong(JsonToken t, String field) throws IOException {
            return readNumber(t, field, true);
        }

        /** Reads a number into {@link #real}; false when null. NaN and ±Infinity are numbers here. */
        private boolean readDouble(JsonToken t, String field) throws IOException {
            return readNumber(t, field, false);
        }

        /**
         * A JSON number, or a string holding one, into {@link #number} when {@code integral} (a float only when
         * whole) or into {@link #real}; false when null or a blank string.
         */
        private boolean readNumber(JsonToken t, String field, boolean integral) throws IOException {
            try {
                switch (t) {
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                        if (integral) {
                            number = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue()
                                    : whole(p.getDoubleValue(), field);
                        } else {
                            real = p.getDoubleValue();
                        }
                        return true;
                    }
                    case VALUE_NULL -> {
                        return false;
                    }
                    case VALUE_STRING -> {
                        String s = p.getText().strip();
                        if (s.isEmpty()) {
                            return false;
                        }
                        if (integral) {
                            number = Long.parseLong(s);
                        } else {
                            real = parseReal(s);
                        }
                        return true;
                    }
                    default -> throw integral ? wrongType(field) : notANumber(field);
                }
            } catch (InputCoercionException | NumberFormatException e) {
                throw integral ? wrongType(field) : notANumber(field);
            }
        }

        /** A decimal number, or one of the spellings of NaN and ±Infinity that clients write. */
        private static double parseReal(String s) {
            return switch (s.toLowerCase(java.util.Locale.ROOT)) {
                case "nan" -> Double.NaN;
                case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
                case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
                default -> {
                    char last = s.charAt(s.length() - 1);
                    if (!Character.isDigit(last) && last != '.') { // Java also reads "1d", "1f", "0x1p3"
                        throw new NumberFormatException(s);
                    }
                    yield Double.parseDouble(s);
                }
            };
        }

        private static long whole(double d, String field) {
            if (d != Math.rint(d) || Math.abs(d) >= 0x1p63) {
                throw wrongType(field);
            }
            return (long) d;
        }

        private void grow() {
            int n = Math.min(Math.max(steps.length * 2, 16), Math.max(maxPoints, 16));
            keyIndex = Arrays.copyOf(keyIndex, n);
            steps = Arrays.copyOf(steps, n);
            values = Arrays.copyOf(values, n);
            times = Arrays.copyOf(times, n);
            missing = Arrays.copyOf(missing, n);
        }
    }
}
