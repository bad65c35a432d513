package dev.ganboard.worker.preview;

import dev.ganboard.metrics.core.DenseMatrix;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * Generated 2-D points over the real distribution: reference points light grey, generated points on top. The
 * axes are fixed by the reference's extent (a square around its centre, padded by {@link #PADDING} of its larger
 * side), so previews of one dataset are comparable checkpoint to checkpoint and a collapsed or diverged generator
 * is visible as such; the reference's centre is the image's centre. Points outside the axes are counted in the
 * legend, not drawn.
 */
final class ScatterPlot {
    static final int SIZE = 480;
    static final int MARGIN = 12;
    static final double PADDING = 0.08;
    static final Color BACKGROUND = Color.WHITE;
    static final Color REFERENCE = new Color(0xC8C8C8);
    static final Color GENERATED = new Color(0x1F77B4);
    static final Color FRAME = new Color(0x808080);

    private final double centreX;
    private final double centreY;
    /** Data units per pixel, the same on both axes. */
    private final double unitsPerPixel;

    private ScatterPlot(double centreX, double centreY, double unitsPerPixel) {
        this.centreX = centreX;
        this.centreY = centreY;
        this.unitsPerPixel = unitsPerPixel;
    }

    /** Axes from the reference's bounding box: its centre in the middle, its larger side plus padding across. */
    static ScatterPlot axesOf(DenseMatrix reference) {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < reference.rows(); i++) {
            double x = reference.get(i, 0);
            double y = reference.get(i, 1);
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
        }
        double side = Math.max(maxX - minX, maxY - minY);
        side = side > 0 ? side * (1 + 2 * PADDING) : 1;
        return new ScatterPlot((minX + maxX) / 2, (minY + maxY) / 2, side / (SIZE - 2 * MARGIN));
    }

    /** Pixel column of x (may lie outside the image). */
    double pixelX(double x) {
        return SIZE / 2.0 + (x - centreX) / unitsPerPixel;
    }

    /** Pixel row of y: up is +y. */
    double pixelY(double y) {
        return SIZE / 2.0 - (y - centreY) / unitsPerPixel;
    }

    BufferedImage render(DenseMatrix reference, DenseMatrix generated, int maxPoints) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, SIZE, SIZE);
            g.setColor(FRAME);
            g.drawRect(MARGIN, MARGIN, SIZE - 2 * MARGIN - 1, SIZE - 2 * MARGIN - 1);
            int drawnReference = Math.min(maxPoints, reference.rows());
            dots(g, reference, drawnReference, REFERENCE, 2);
            int drawn = Math.min(maxPoints, generated.rows());
            int outside = dots(g, generated, drawn, GENERATED, 3);
            legend(g, drawnReference, drawn, generated.rows(), outside);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Square dots of {@code size} pixels centred on each point inside the frame; the number left out. */
    private int dots(Graphics2D g, DenseMatrix points, int count, Color color, int size) {
        g.setColor(color);
        int outside = 0;
        int lo = MARGIN + 1;
        int hi = SIZE - MARGIN - 2;
        for (int i = 0; i < count; i++) {
            double px = pixelX(points.get(i, 0));
            double py = pixelY(points.get(i, 1));
            if (!(px >= lo && px <= hi && py >= lo && py <= hi)) {
                outside++;
                continue;
            }
            int x = (int) Math.floor(px) - size / 2;
            int y = (int) Math.floor(py) - size / 2;
            g.fillRect(x, y, size, size);
        }
        return outside;
    }

    /** Top-left: a swatch and a count per series. Text needs fonts; a JDK without any still gets the swatches. */
    private static void legend(Graphics2D g, int reference, int drawn, int total, int outside) {
        String[] lines = {
                "real (" + reference + ")",
                "generated (" + (drawn == total ? String.valueOf(drawn) : drawn + " of " + total) + ")",
                outside > 0 ? String.format(Locale.ROOT, "%d outside the axes", outside) : null};
        Color[] colors = {REFERENCE, GENERATED, null};
        int x = MARGIN + 6;
        int y = MARGIN + 6;
        g.setColor(new Color(255, 255, 255, 220));
        g.fillRect(x - 3, y - 3, 150, outside > 0 ? 48 : 34);
        g.setStroke(new BasicStroke(1));
        for (int i = 0; i < lines.length; i++) {
            if (lines[i] == null) {
                continue;
            }
            int ly = y + i * 14;
            if (colors[i] != null) {
                g.setColor(colors[i]);
                g.fillRect(x, ly + 2, 8, 8);
            }
            try {
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                g.setColor(Color.DARK_GRAY);
                g.drawString(lines[i], x + 12, ly + 10);
            } catch (RuntimeException | InternalError noFonts) {
                return;
            }
        }
    }
}
