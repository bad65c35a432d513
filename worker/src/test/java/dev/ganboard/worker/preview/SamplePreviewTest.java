package dev.ganboard.worker.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.worker.dataset.Datasets;
import dev.ganboard.worker.GeneratedSamples;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SamplePreviewTest {
    private static BufferedImage decode(byte[] png) throws IOException {
        assertNotNull(png, "a preview was drawn");
        BufferedImage image = javax.imageio.ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image, "the bytes are a PNG ImageIO can read");
        return image;
    }

    private static int gray(BufferedImage image, int x, int y) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        assertEquals(r, (rgb >> 8) & 0xff, "grey at " + x + "," + y);
        assertEquals(r, rgb & 0xff, "grey at " + x + "," + y);
        return r;
    }

    /** n images of c×h×w, every pixel of image i = (i + 1) / (n + 1) except pixel (0, 0) of each channel. */
    private static DenseMatrix flatImages(int n, int c, int h, int w) {
        double[] data = new double[n * c * h * w];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < c * h * w; k++) {
                data[i * c * h * w + k] = (i + 1.0) / (n + 1);
            }
        }
        return new DenseMatrix("images", n, c * h * w, data);
    }

    @Test
    void aGrayscaleGridPutsEachSampleInItsCellWithItsIntensityScaledPixelForPixel() throws IOException {
        int n = 100;
        DenseMatrix images = flatImages(n, 1, 28, 28);
        // sample 19 (row 2, column 3 of an 8-wide grid) gets a white pixel at (y=5, x=7)
        images.data()[19 * 784 + 5 * 28 + 7] = 1.0;
        GeneratedSamples samples = new GeneratedSamples(images, null, new int[] {1, 28, 28}, n, "float32");
        BufferedImage image = decode(SamplePreview.render(samples, k -> null));

        int scale = SamplePreview.TARGET_CELL / 28; // 2: the largest whole factor within the target
        int cell = 28 * scale;
        int g = ImageGrid.GUTTER;
        assertEquals(8 * cell + 9 * g, image.getWidth());
        assertEquals(8 * cell + 9 * g, image.getHeight(), "the first 64 of 100 samples: 8 rows");
        for (int i : new int[] {0, 19, 63}) {
            int x0 = g + (i % 8) * (cell + g);
            int y0 = g + (i / 8) * (cell + g);
            int expected = (int) Math.round((i + 1.0) / (n + 1) * 255);
            assertEquals(expected, gray(image, x0, y0), "sample " + i + "'s top-left pixel");
            assertEquals(expected, gray(image, x0 + cell - 1, y0 + cell - 1), "sample " + i + "'s bottom-right");
        }
        int x0 = g + 3 * (cell + g);
        int y0 = g + 2 * (cell + g);
        for (int dy = 0; dy < scale; dy++) {
            for (int dx = 0; dx < scale; dx++) {
                assertEquals(255, gray(image, x0 + 7 * scale + dx, y0 + 5 * scale + dy), "the white pixel, whole");
            }
        }
        assertEquals(Math.round(20.0 / 101 * 255), gray(image, x0 + 7 * scale + scale, y0 + 5 * scale),
                "its neighbour is not smeared");
        assertEquals(ImageGrid.BACKGROUND & 0xff, gray(image, x0 - 1, y0), "gutter");
    }

    @Test
    void rgbSamplesKeepTheirChannels() throws IOException {
        int n = 3;
        double[] data = new double[n * 3 * 4 * 4];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < 16; p++) {
                data[i * 48 + p] = 1.0;          // red plane full
                data[i * 48 + 16 + p] = 0.5;     // green half
                data[i * 48 + 32 + p] = 0.0;     // blue off
            }
        }
        GeneratedSamples samples = new GeneratedSamples(new DenseMatrix("rgb", n, 48, data), null,
                new int[] {3, 4, 4}, n, "float32");
        BufferedImage image = decode(SamplePreview.render(samples, k -> null));
        assertEquals(1 * (64 + 2) + 2, image.getHeight(), "3 samples: one row");
        int rgb = image.getRGB(2 + (64 + 2) * 2 + 10, 2 + 10);
        assertEquals(0xFF8000, rgb & 0xFFFFFF, Integer.toHexString(rgb));
        assertEquals(ImageGrid.BACKGROUND, image.getRGB(2 + (64 + 2) * 3 + 10, 12) & 0xFFFFFF, "empty cell");
    }

    @Test
    void classConditionalSamplesGetOneRowPerClassInClassOrder() throws IOException {
        int n = 60;
        int[] labels = new int[n];
        double[] data = new double[n * 4];
        for (int i = 0; i < n; i++) {
            labels[i] = (i * 7) % 3;           // classes 0, 1, 2 interleaved
            java.util.Arrays.fill(data, i * 4, i * 4 + 4, labels[i] / 4.0 + 0.1);
        }
        GeneratedSamples samples = new GeneratedSamples(new DenseMatrix("cond", n, 4, data), labels,
                new int[] {1, 2, 2}, n, "torchscript");
        BufferedImage image = decode(SamplePreview.render(samples, k -> null));
        int cell = 2 * (SamplePreview.TARGET_CELL / 2);
        assertEquals(3 * (cell + 2) + 2, image.getHeight(), "three classes, three rows");
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 8; col++) {
                assertEquals((int) Math.round((row / 4.0 + 0.1) * 255),
                        gray(image, 2 + col * (cell + 2) + 1, 2 + row * (cell + 2) + 1), "row " + row + " is class " + row);
            }
        }
    }

    @Test
    void aNoisyGridLargerThanTheCapIsDrawnSmallerAndStaysUnderIt() throws IOException {
        int n = 64;
        double[] data = new double[n * 3 * 64 * 64];
        Random rng = new Random(1);
        for (int i = 0; i < data.length; i++) {
            data[i] = rng.nextDouble();
        }
        GeneratedSamples samples = new GeneratedSamples(new DenseMatrix("noise", n, 3 * 64 * 64, data), null,
                new int[] {3, 64, 64}, n, "float32");
        byte[] png = SamplePreview.render(samples, k -> null);
        assertTrue(png.length <= SamplePreview.MAX_BYTES, png.length + " bytes");
        BufferedImage image = decode(png);
        assertTrue(image.getHeight() < 8 * 66 + 2, "fewer rows than the full grid: " + image.getHeight());
        assertEquals(8 * 66 + 2, image.getWidth(), "columns and the pixel scale (1:1) are kept");
    }

    @Test
    void pointsAreDrawnOverTheReferenceWithTheReferenceCentreInTheMiddle() throws IOException {
        DenseMatrix reference = Datasets.standard().find("ring8").reference(2000);
        double cx = 0;
        double cy = 0;
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int i = 0; i < reference.rows(); i++) {
            minX = Math.min(minX, reference.get(i, 0));
            maxX = Math.max(maxX, reference.get(i, 0));
            minY = Math.min(minY, reference.get(i, 1));
            maxY = Math.max(maxY, reference.get(i, 1));
        }
        cx = (minX + maxX) / 2;
        cy = (minY + maxY) / 2;
        double[] points = new double[20];
        for (int i = 0; i < 10; i++) {
            points[2 * i] = cx;
            points[2 * i + 1] = cy;
        }
        GeneratedSamples samples = GeneratedSamples.points(new DenseMatrix("points", 10, 2, points), 10, "float32");
        BufferedImage image = decode(SamplePreview.render(samples, k -> {
            assertEquals(10, k, "a reference as large as the sample");
            return reference;
        }));
        assertEquals(ScatterPlot.SIZE, image.getWidth());
        assertEquals(ScatterPlot.SIZE, image.getHeight());
        int centre = ScatterPlot.SIZE / 2;
        assertEquals(ScatterPlot.GENERATED.getRGB(), image.getRGB(centre, centre), "the generated point at the centre");
        assertEquals(ScatterPlot.BACKGROUND.getRGB(), image.getRGB(centre + 20, centre), "the ring's hole is empty");

        // ring8's mode 0 sits at (1, 0): on the x axis, right of the centre, drawn in reference grey
        ScatterPlot axes = ScatterPlot.axesOf(reference);
        int modeX = (int) Math.floor(axes.pixelX(1.0));
        int modeY = (int) Math.floor(axes.pixelY(0.0));
        assertTrue(Math.abs(modeY - centre) <= 2, "y = " + modeY);
        assertTrue(modeX > centre + 150 && modeX < ScatterPlot.SIZE - ScatterPlot.MARGIN, "x = " + modeX);
        assertEquals(ScatterPlot.REFERENCE.getRGB(), image.getRGB(modeX, modeY), "the reference is drawn");
    }

    @Test
    void pointsOfAnotherDimensionAndUnsupportedChannelsGetNoPreview() {
        assertNull(SamplePreview.render(GeneratedSamples.points(new DenseMatrix("p", 10, 3, new double[30]), 10, "f"),
                k -> null));
        assertNull(SamplePreview.render(new GeneratedSamples(new DenseMatrix("i", 2, 8, new double[16]), null,
                new int[] {2, 2, 2}, 2, "f"), k -> null));
    }
}
