package dev.ganboard.worker.cli;

import picocli.CommandLine.Model.CommandSpec;

import java.util.List;
import java.util.Map;

/**
 * Prints one compact JSON object per command on stdout. Hand-written rather than Jackson because the CLI runs once
 * per checkpoint and Jackson's start-up (~0.4 s cold) would cost more than some metrics. Numbers keep full
 * float64 round-trip precision; non-finite numbers (not valid JSON) become null.
 */
final class JsonOutput {
    private JsonOutput() {
    }

    static void print(CommandSpec spec, Map<String, Object> fields) {
        spec.commandLine().getOut().println(toJson(fields));
        spec.commandLine().getOut().flush();
    }

    static String toJson(Object value) {
        StringBuilder b = new StringBuilder(256);
        write(b, value);
        return b.toString();
    }

    private static void write(StringBuilder b, Object v) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof Double d) {
            number(b, d);
        } else if (v instanceof Float f) {
            number(b, f.doubleValue());
        } else if (v instanceof Number || v instanceof Boolean) {
            b.append(v);
        } else if (v instanceof CharSequence s) {
            string(b, s.toString());
        } else if (v instanceof Map<?, ?> m) {
            b.append('{');
            boolean first = true;
            for (var e : m.entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                string(b, String.valueOf(e.getKey()));
                b.append(':');
                write(b, e.getValue());
            }
            b.append('}');
        } else if (v instanceof List<?> l) {
            b.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                write(b, l.get(i));
            }
            b.append(']');
        } else if (v instanceof double[] a) {
            b.append('[');
            for (int i = 0; i < a.length; i++) {
                if (i > 0) {
                    b.append(',');
                }
                number(b, a[i]);
            }
            b.append(']');
        } else if (v instanceof int[] a) {
            b.append('[');
            for (int i = 0; i < a.length; i++) {
                if (i > 0) {
                    b.append(',');
                }
                b.append(a[i]);
            }
            b.append(']');
        } else {
            string(b, v.toString());
        }
    }

    private static void number(StringBuilder b, double d) {
        if (Double.isFinite(d)) {
            b.append(d); // shortest representation that round-trips; "1.0E-5" is valid JSON
        } else {
            b.append("null");
        }
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
