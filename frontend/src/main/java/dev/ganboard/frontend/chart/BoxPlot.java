package dev.ganboard.frontend.chart;

import java.util.List;
import java.util.Locale;

/**
 * Box plots rendered as SVG, one per variant: quartile box, median bar, min–max whiskers, and every seed as a
 * dot (spread sideways deterministically so equal values stay visible), as in Lucic et al.'s figures.
 */
public final class BoxPlot {
    private static final int HEIGHT = 300;
    private static final int TOP = 16;
    private static final int BOTTOM = 56;
    private static final int LEFT = 64;
    private static final int SLOT = 90;

    public record Box(String name, double q1, double median, double q3, double min, double max, double[] seeds) {
    }

    private BoxPlot() {
    }

    public static String svg(List<Box> boxes, String yLabel) {
        int width = LEFT + 16 + SLOT * Math.max(1, boxes.size());
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 %d %d' width='%d' style='max-width:100%%;"
                + "font:11px sans-serif'>", width, HEIGHT, width));
        if (boxes.isEmpty()) {
            return out.append("<text x='20' y='40' fill='#888'>no evaluations yet</text></svg>").toString();
        }
        double lo = boxes.stream().mapToDouble(Box::min).min().orElse(0);
        double hi = boxes.stream().mapToDouble(Box::max).max().orElse(1);
        if (hi == lo) {
            hi = lo + 1;
        }
        double pad = (hi - lo) * 0.05;
        lo -= pad;
        hi += pad;
        for (double t : LineChart.ticks(lo, hi)) {
            double y = y(t, lo, hi);
            out.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%.1f' y2='%.1f' stroke='#eee'/>"
                    + "<text x='%d' y='%.1f' text-anchor='end' fill='#666'>%s</text>", LEFT, width - 16, y, y, LEFT - 6,
                    y + 4, LineChart.label(t)));
        }
        out.append(String.format(Locale.ROOT, "<text x='14' y='%d' transform='rotate(-90 14 %d)' text-anchor='middle' "
                + "fill='#444'>%s</text>", HEIGHT / 2, HEIGHT / 2, Markup.escape(yLabel)));
        for (int i = 0; i < boxes.size(); i++) {
            draw(out, boxes.get(i), LEFT + SLOT * i + SLOT / 2.0, lo, hi, LineChart.PALETTE[i % LineChart.PALETTE.length]);
        }
        return out.append("</svg>").toString();
    }

    private static void draw(StringBuilder out, Box b, double cx, double lo, double hi, String color) {
        double half = SLOT * 0.28;
        out.append(String.format(Locale.ROOT, "<g class='box' data-variant='%s'>", Markup.escape(b.name())));
        out.append(String.format(Locale.ROOT, "<line x1='%.1f' x2='%.1f' y1='%.1f' y2='%.1f' stroke='%s'/>",
                cx, cx, y(b.max(), lo, hi), y(b.min(), lo, hi), color));
        out.append(String.format(Locale.ROOT, "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s' "
                + "fill-opacity='0.15' stroke='%s'/>", cx - half, y(b.q3(), lo, hi), 2 * half,
                Math.max(1, y(b.q1(), lo, hi) - y(b.q3(), lo, hi)), color, color));
        out.append(String.format(Locale.ROOT, "<line x1='%.1f' x2='%.1f' y1='%.1f' y2='%.1f' stroke='%s' "
                + "stroke-width='2.5'/>", cx - half, cx + half, y(b.median(), lo, hi), y(b.median(), lo, hi), color));
        for (int s = 0; s < b.seeds().length; s++) {
            double jitter = ((s * 0.618034) % 1.0 - 0.5) * half * 1.4;
            out.append(String.format(Locale.ROOT, "<circle class='seed' cx='%.1f' cy='%.1f' r='3' fill='%s' "
                    + "fill-opacity='0.8'><title>%s</title></circle>", cx + jitter, y(b.seeds()[s], lo, hi), color,
                    LineChart.label(b.seeds()[s])));
        }
        out.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' text-anchor='middle' fill='#333'>%s</text>",
                cx, HEIGHT - BOTTOM + 18, Markup.escape(b.name())));
        out.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' text-anchor='middle' fill='#888'>n = %d</text></g>",
                cx, HEIGHT - BOTTOM + 32, b.seeds().length));
    }

    private static double y(double v, double lo, double hi) {
        return TOP + (hi - v) / (hi - lo) * (HEIGHT - TOP - BOTTOM);
    }
}
