package dev.ganboard.worker.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.metrics.io.NpyDtype;
import dev.ganboard.metrics.io.NpyWriter;
import dev.ganboard.worker.ImageSettings;
import dev.ganboard.worker.EvaluationFailure;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDatasetsTest {
    @TempDir
    Path dir;

    private final Datasets datasets = Datasets.standard(new ImageSettings(Path.of("/nonexistent-cache"),
            Path.of("/nonexistent-fashion"), null, null, false));

    @Test
    void anNpyDatasetSplitsEverySeventhImageOff() throws IOException {
        int n = 15;
        double[] pixels = new double[n * 2 * 2];
        double[] labels = new double[n];
        for (int i = 0; i < n; i++) {
            pixels[i * 4] = i; // uint8 values: image i starts with value i
            labels[i] = i % 3;
        }
        Path file = dir.resolve("x.npy");
        NpyWriter.write(file, pixels, new long[] {n, 2, 2}, NpyDtype.UINT8);
        NpyWriter.write(dir.resolve("x.labels.npy"), labels, new long[] {n}, NpyDtype.INT64);
        ImageDataset d = (ImageDataset) datasets.find("npy:" + file);
        assertEquals("domain-cnn:npy:" + file, d.defaultExtractor());
        ImageDataset.Splits s = d.splits();
        assertEquals(2, s.test().size()); // images 6 and 13
        assertEquals(13, s.train().size());
        assertEquals(6 / 255f, s.test().pixels()[0], 1e-6);
        assertEquals(13 / 255f, s.test().pixels()[4], 1e-6);
        assertArrayEquals(new int[] {0, 1}, s.test().labels());
        assertEquals(3, s.classes());
        assertArrayEquals(new int[] {1, 2, 2}, s.test().shape());
    }

    @Test
    void aFolderDatasetTakesClassesFromSubfolders() throws IOException {
        for (String cls : List.of("cats", "dogs")) {
            Files.createDirectories(dir.resolve(cls));
            for (int i = 0; i < 7; i++) {
                BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
                img.getRaster().setSample(0, 0, 0, cls.equals("cats") ? 10 * i : 200);
                ImageIO.write(img, "png", dir.resolve(cls).resolve("img" + i + ".png").toFile());
            }
        }
        ImageDataset.Splits s = ((ImageDataset) datasets.find("folder:" + dir)).splits();
        assertEquals(List.of("cats", "dogs"), s.classNames());
        assertEquals(2, s.test().size()); // sorted order: cats/img0..6, dogs/img0..6 -> indices 6 and 13
        assertArrayEquals(new int[] {0, 1}, s.test().labels());
        assertArrayEquals(new int[] {1, 2, 3}, s.test().shape());
        assertEquals(60 / 255f, s.test().pixels()[0], 1e-6); // gray values read as stored, not gamma-converted
        assertEquals(200 / 255f, s.test().pixels()[6], 1e-6);
    }

    @Test
    void absentDatasetsFailOnUseWithTheFix() {
        ImageDataset fashion = (ImageDataset) datasets.find("fashion-mnist");
        assertEquals("dataset 'fashion-mnist' is not available on this worker: "
                + "/nonexistent-fashion/train-images-idx3-ubyte.gz does not exist (set GANBOARD_FASHION_MNIST_DIR to "
                + "the folder holding the IDX files, or install the Debian package dataset-fashion-mnist)",
                assertThrows(EvaluationFailure.class, fashion::splits).getMessage());
        ImageDataset mnist = (ImageDataset) datasets.find("MNIST");
        assertTrue(assertThrows(EvaluationFailure.class, mnist::splits).getMessage()
                .startsWith("dataset 'mnist' is not configured on this worker: set GANBOARD_MNIST_DIR"));
        Path absent = dir.resolve("none.npy");
        assertEquals("dataset 'npy:" + absent + "': " + absent + " does not exist on this worker",
                assertThrows(EvaluationFailure.class, () -> ((ImageDataset) datasets.find("npy:" + absent)).splits())
                        .getMessage());
        assertEquals("dataset 'folder:relative/dir': give an absolute path, e.g. folder:/data/images",
                assertThrows(EvaluationFailure.class, () -> datasets.find("folder:relative/dir")).getMessage());
    }
}
