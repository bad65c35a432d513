package dev.ganboard.frontend.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart rendered on the server as SVG: one series per metric key, each drawn from downsampled buckets as a
 * min–max band (so spikes stay visible) with the bucket means as a line. No client-side chart library needed.
 * Buckets hold finite values only; where a series turned non-finite (NaN, ±Infinity: the run diverged) a dashed
 * vertical marker in the series' colour is drawn at that step, labelled with its {@link Marker#label()}.
 */
public final class LineChart {
    public static final String[] PALETTE = {"#1676f3", "#e24932", "#15a150", "#9233b3", "#fd9a34", "#0e8a99"};
    private static final int WIDTH = 720;
    private static final int HEIGHT = 260;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int BOTTOM = 36;

    /** One bucket of a series: step range and value range, plus the mean drawn as the line. */
    public record Bucket(double step, double min, double max, double mean) {
    }

    /** Where a series turned non-finite: the step and what the marker's tooltip says. */
    public record Marker(double step, String label) {
    }

    /** {@code marker} is null for a series that stayed finite. */
    public record Series(String name, List<Bucket> buckets, Marker marker) {
        public Series(String name, List<Bucket> buckets) {
            this(name, buckets, null);
        }
    }

    private LineChart() {
    }

    public static String svg(List<Series> series, String xLabel) {
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (Bucket b : s.buckets()) {
                x0 = Math.min(x0, b.step());
                x1 = Math.max(x1, b.step());
                y0 = Math.min(y0, b.min());
                y1 = Math.max(y1, b.max());
            }
            if (s.marker() != null) {
                x0 = Math.min(x0, s.marker().step());
                x1 = Math.max(x1, s.marker().step());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 %d %d' "
                + "width='100%%' style='font:11px sans-serif'>", WIDTH, HEIGHT));
        if (!Double.isFinite(x0)) {
            return out.append("<text x='20' y='40' fill='#888'>no points yet</text></svg>").toString();
        }
        if (x1 == x0) {
            x1 = x0 + 1;
        }
        if (!Double.isFinite(y0)) { // only markers: no finite value to scale by
            y0 = 0;
            y1 = 1;
        }
        if (y1 == y0) {
            y1 = y0 + Math.max(1e-9, Math.abs(y0) * 0.05);
            y0 = y0 - Math.max(1e-9, Math.abs(y0) * 0.05);
        }
        Scale sx = new Scale(x0, x1, LEFT, WIDTH - RIGHT);
        Scale sy = new Scale(y0, y1, HEIGHT - BOTTOM, TOP);
        axes(out, sx, sy, xLabel);
        for (int i = 0; i < series.size(); i++) {
            draw(out, series.get(i), sx, sy, PALETTE[i % PALETTE.length]);
        }
        for (int i = 0; i < series.size(); i++) {
            Marker m = series.get(i).marker();
            if (m != null) {
                marker(out, m, sx, PALETTE[i % PALETTE.length]);
            }
        }
        return out.append("</svg>").toString();
    }

    private static void axes(StringBuilder out, Scale sx, Scale sy, String xLabel) {
        out.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='%d' height='%d' fill='none' stroke='#ccc'/>",
                LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM));
        for (double v : ticks(sy.lo, sy.hi)) {
            double y = sy.map(v);
            out.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%.1f' y2='%.1f' stroke='#eee'/>"
                    + "<text x='%d' y='%.1f' text-anchor='end' fill='#666'>%s</text>",
                    LEFT, WIDTH - RIGHT, y, y, LEFT - 6, y + 4, label(v)));
        }
        for (double v : ticks(sx.lo, sx.hi)) {
            double x = sx.map(v);
            out.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' text-anchor='middle' fill='#666'>%s</text>",
                    x, HEIGHT - BOTTOM + 14, label(v)));
        }
        out.append(String.format(Locale.ROOT, "<text x='%d' y='%d' text-anchor='middle' fill='#444'>%s</text>",
                (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 4, Markup.escape(xLabel)));
    }

    private static void draw(StringBuilder out, Series s, Scale sx, Scale sy, String color) {
        List<Bucket> b = s.buckets();
        if (b.isEmpty()) {
            return;
        }
        StringBuilder band = new StringBuilder();
        for (Bucket p : b) {
            band.append(String.format(Locale.ROOT, "%.1f,%.1f ", sx.map(p.step()), sy.map(p.max())));
        }
        for (int i = b.size() - 1; i >= 0; i--) {
            band.append(String.format(Locale.ROOT, "%.1f,%.1f ", sx.map(b.get(i).step()), sy.map(b.get(i).min())));
        }
        out.append("<polygon points='").append(band).append("' fill='").append(color)
                .append("' fill-opacity='0.18' stroke='none'/>");
        StringBuilder line = new StringBuilder();
        for (Bucket p : b) {
            line.append(String.format(Locale.ROOT, "%.1f,%.1f ", sx.map(p.step()), sy.map(p.mean())));
        }
        out.append("<polyline points='").append(line).append("' fill='none' stroke='").append(color)
                .append("' stroke-width='1.5'><title>").append(Markup.escape(s.name())).append("</title></polyline>");
    }

    private static void marker(StringBuilder out, Marker m, Scale sx, String color) {
        double x = sx.map(m.step());
        out.append(String.format(Locale.ROOT, "<g class='non-finite-marker'><title>%s</title>"
                + "<line x1='%.1f' x2='%.1f' y1='%d' y2='%d' stroke='%s' stroke-width='1.5' stroke-dasharray='4 3'/>"
                + "<path d='M%.1f %d l-5 -8 h10 z' fill='%s'/></g>",
                Markup.escape(m.label()), x, x, TOP, HEIGHT - BOTTOM, color, x, TOP, color));
    }

    static List<Double> ticks(double lo, double hi) {
        double span = hi - lo;
        double step = Math.pow(10, Math.floor(Math.log10(span / 5)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (span / (step * m) <= 6) {
                step *= m;
                break;
            }
        }
        List<Double> ticks = new ArrayList<>();
        for (double v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
            ticks.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return ticks;
    }

    static String label(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e5 || a < 1e-3)) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%d", (long) v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private record Scale(double lo, double hi, double from, double to) {
        double map(double v) {
            return from + (v - lo) / (hi - lo) * (to - from);
        }
    }
}
