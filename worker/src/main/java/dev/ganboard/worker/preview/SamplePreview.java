package dev.ganboard.worker.preview;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.worker.GeneratedSamples;
import java.awt.image.BufferedImage;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a researcher looks at first: a PNG of a checkpoint's samples. Images become a grid ({@link ImageGrid}), 2-D
 * points a scatter plot over the real distribution ({@link ScatterPlot}). The PNG stays under {@link #MAX_BYTES}
 * (it travels in a Kafka record and sits in the database): a grid that would be larger is drawn smaller.
 *
 * <p>A preview is a convenience, never a reason to lose an evaluation: anything it cannot draw (points that are
 * not 2-D, images with neither 1 nor 3 channels, an internal failure) gives no preview and a log line.
 */
public final class SamplePreview {
    private static final Logger LOG = LoggerFactory.getLogger(SamplePreview.class);
    public static final String CONTENT_TYPE = "image/png";
    public static final int MAX_BYTES = 256 * 1024;
    static final int COLUMNS = 8;
    static final int ROWS = 8;
    /** About this many pixels per grid cell. */
    static final int TARGET_CELL = 64;
    static final int MAX_POINTS = 5_000;

    private SamplePreview() {
    }

    /**
     * The PNG for these samples, or null when there is nothing sensible to draw.
     *
     * @param reference {@code n} real samples of the dataset (for points: the scatter's background and its axes)
     */
    public static byte[] render(GeneratedSamples generated, IntFunction<DenseMatrix> reference) {
        try {
            if (generated.images()) {
                return grid(generated);
            }
            if (generated.samples().cols() == 2) {
                return scatter(generated.samples(), reference.apply(Math.min(MAX_POINTS, generated.samples().rows())));
            }
            LOG.debug("no preview for {}-D points", generated.samples().cols());
            return null;
        } catch (RuntimeException e) {
            LOG.warn("drawing the samples preview failed; the evaluation goes on without one", e);
            return null;
        }
    }

    static byte[] grid(GeneratedSamples generated) {
        int[] shape = generated.imageShape();
        if (shape[0] != 1 && shape[0] != 3) {
            LOG.debug("no preview for images with {} channels", shape[0]);
            return null;
        }
        if (generated.samples().cols() != shape[0] * shape[1] * shape[2]) {
            throw new IllegalArgumentException("image rows have " + generated.samples().cols() + " values, not C*H*W");
        }
        ImageGrid grid = ImageGrid.layout(generated.samples(), generated.labels(), shape, COLUMNS, ROWS, TARGET_CELL);
        byte[] png = Png.encode(grid.render(generated.samples()));
        while (png.length > MAX_BYTES && grid.canShrink()) {
            grid = grid.smaller();
            png = Png.encode(grid.render(generated.samples()));
        }
        return png.length <= MAX_BYTES ? png : null;
    }

    static byte[] scatter(DenseMatrix generated, DenseMatrix reference) {
        if (reference.rows() == 0 || reference.cols() != 2) {
            return null;
        }
        BufferedImage image = ScatterPlot.axesOf(reference).render(reference, generated, MAX_POINTS);
        return Png.encode(image);
    }
}
