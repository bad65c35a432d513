package dev.ganboard.worker.preview;

import dev.ganboard.metrics.core.DenseMatrix;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Generated images as a grid: the first {@code columns × rows} samples in reading order, or, for class-conditional
 * samples with at most {@link #MAX_CLASS_ROWS} classes, one row per class (ascending) with that class's first
 * samples. Each sample (C·H·W in [0, 1], channel-major) becomes a cell scaled by a whole factor, pixel for pixel
 * (nearest neighbour, no smoothing), between gutters of {@link #GUTTER} pixels.
 */
final class ImageGrid {
    static final int GUTTER = 2;
    static final int MAX_CLASS_ROWS = 10;
    /** Gutter and empty-cell colour: a dark grey that neither black nor white samples blend into. */
    static final int BACKGROUND = 0x404040;

    private final int[] shape;
    private final int columns;
    /** Sample index per cell, row-major; -1 leaves a cell empty. */
    private final int[][] cells;
    private final int upscale;
    private final int downscale;

    private ImageGrid(int[] shape, int columns, int[][] cells, int upscale, int downscale) {
        this.shape = shape;
        this.columns = columns;
        this.cells = cells;
        this.upscale = upscale;
        this.downscale = downscale;
    }

    /**
     * The layout for these samples, {@code columns} wide and at most {@code maxRows} rows; cells are about
     * {@code targetCell} pixels: small images are scaled up by a whole factor, large ones sampled every k-th pixel.
     */
    static ImageGrid layout(DenseMatrix samples, int[] labels, int[] shape, int columns, int maxRows, int targetCell) {
        int[][] cells = labels != null && distinct(labels) <= MAX_CLASS_ROWS
                ? byClass(labels, columns, MAX_CLASS_ROWS) : inOrder(samples.rows(), columns, maxRows);
        int side = Math.max(shape[1], shape[2]);
        int up = Math.max(1, targetCell / side);
        int down = side > targetCell ? (side + targetCell - 1) / targetCell : 1;
        return new ImageGrid(shape, columns, cells, up, down);
    }

    /** The same grid with fewer rows (the first {@code rows}) or a smaller scale; used to respect a size cap. */
    ImageGrid smaller() {
        if (upscale > 1) {
            return new ImageGrid(shape, columns, cells, upscale - 1, downscale);
        }
        if (cells.length > 1) {
            return new ImageGrid(shape, columns, Arrays.copyOf(cells, (cells.length + 1) / 2), upscale, downscale);
        }
        return new ImageGrid(shape, columns, cells, upscale, downscale * 2);
    }

    boolean canShrink() {
        return upscale > 1 || cells.length > 1 || Math.max(shape[1], shape[2]) / downscale > 8;
    }

    int cellWidth() {
        return (shape[2] + downscale - 1) / downscale * upscale;
    }

    int cellHeight() {
        return (shape[1] + downscale - 1) / downscale * upscale;
    }

    int rows() {
        return cells.length;
    }

    /** Top-left pixel of cell (row, column). */
    int cellX(int column) {
        return GUTTER + column * (cellWidth() + GUTTER);
    }

    int cellY(int row) {
        return GUTTER + row * (cellHeight() + GUTTER);
    }

    int upscale() {
        return upscale;
    }

    BufferedImage render(DenseMatrix samples) {
        int width = cellX(columns);
        int height = cellY(cells.length);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] fill = new int[width * height];
        Arrays.fill(fill, BACKGROUND);
        image.setRGB(0, 0, width, height, fill, 0, width);
        int c = shape[0];
        int h = shape[1];
        int w = shape[2];
        int plane = h * w;
        double[] row = new double[samples.cols()];
        for (int r = 0; r < cells.length; r++) {
            for (int col = 0; col < columns; col++) {
                int sample = cells[r][col];
                if (sample < 0) {
                    continue;
                }
                samples.readRows(sample, 1, row);
                int x0 = cellX(col);
                int y0 = cellY(r);
                for (int y = 0, py = 0; y < h; y += downscale, py++) {
                    for (int x = 0, px = 0; x < w; x += downscale, px++) {
                        int i = y * w + x;
                        int rgb = c == 3 ? rgb(byteOf(row[i]), byteOf(row[plane + i]), byteOf(row[2 * plane + i]))
                                : gray(byteOf(row[i]));
                        for (int dy = 0; dy < upscale; dy++) {
                            for (int dx = 0; dx < upscale; dx++) {
                                image.setRGB(x0 + px * upscale + dx, y0 + py * upscale + dy, rgb);
                            }
                        }
                    }
                }
            }
        }
        return image;
    }

    /** A value in [0, 1] as an 8-bit intensity (out-of-range values are clamped, NaN is black). */
    static int byteOf(double v) {
        if (!(v > 0)) {
            return 0;
        }
        return v >= 1 ? 255 : (int) Math.round(v * 255);
    }

    private static int gray(int v) {
        return rgb(v, v, v);
    }

    private static int rgb(int r, int g, int b) {
        return (r << 16) | (g << 8) | b;
    }

    private static long distinct(int[] labels) {
        return Arrays.stream(labels).distinct().count();
    }

    private static int[][] inOrder(int n, int columns, int maxRows) {
        int rows = Math.max(1, Math.min(maxRows, (n + columns - 1) / columns));
        int[][] cells = new int[rows][columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                int i = r * columns + c;
                cells[r][c] = i < n ? i : -1;
            }
        }
        return cells;
    }

    private static int[][] byClass(int[] labels, int columns, int maxRows) {
        TreeMap<Integer, List<Integer>> firstOfClass = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            List<Integer> mine = firstOfClass.computeIfAbsent(labels[i], k -> new ArrayList<>());
            if (mine.size() < columns) {
                mine.add(i);
            }
        }
        int rows = Math.min(maxRows, firstOfClass.size());
        int[][] cells = new int[rows][columns];
        int r = 0;
        for (List<Integer> samples : firstOfClass.values()) {
            if (r == rows) {
                break;
            }
            Arrays.fill(cells[r], -1);
            for (int c = 0; c < samples.size(); c++) {
                cells[r][c] = samples.get(c);
            }
            r++;
        }
        return cells;
    }
}
