package dev.ganboard.demo.image;

import dev.ganboard.metrics.io.IdxFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A labelled image training set read from IDX files: Fashion-MNIST, 60,000 grayscale 28 x 28 images in 10
 * classes. Pixels are kept as bytes (47 MB, not 188 MB of floats) and scaled to [-1, 1] per batch. Loaded once per
 * directory and shared, read-only, by every run of the JVM.
 */
public final class ImageDataset {
    public static final String FASHION_MNIST = "fashion-mnist";
    /** Where Debian's dataset-fashion-mnist package installs the files; $GANBOARD_FASHION_MNIST_DIR overrides it. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    public static final int CLASSES = 10;
    public static final int SIDE = 28;
    public static final int PIXELS = SIDE * SIDE;

    private static final String IMAGES = "train-images-idx3-ubyte.gz";
    private static final String LABELS = "train-labels-idx1-ubyte.gz";
    private static final Map<Path, ImageDataset> LOADED = new ConcurrentHashMap<>();

    private final byte[] pixels;
    private final byte[] labels;
    private final int count;

    ImageDataset(byte[] pixels, byte[] labels) {
        if (pixels.length != labels.length * PIXELS) {
            throw new IllegalArgumentException(pixels.length + " pixels for " + labels.length + " labels");
        }
        for (byte label : labels) {
            if ((label & 0xff) >= CLASSES) {
                throw new IllegalArgumentException("label " + (label & 0xff) + " outside 0.." + (CLASSES - 1));
            }
        }
        this.pixels = pixels;
        this.labels = labels;
        this.count = labels.length;
    }

    /** The image datasets a study can name. */
    public static List<String> ids() {
        return List.of(FASHION_MNIST);
    }

    public static boolean isImageDataset(String id) {
        return ids().contains(id);
    }

    /** The directory holding the training files: $GANBOARD_FASHION_MNIST_DIR, else {@link #DEFAULT_DIR}. */
    public static Path directory(Map<String, String> env) {
        String dir = env.get("GANBOARD_FASHION_MNIST_DIR");
        return dir == null || dir.isBlank() ? DEFAULT_DIR : Path.of(dir);
    }

    public static boolean available(Path dir) {
        return Files.isRegularFile(dir.resolve(IMAGES)) && Files.isRegularFile(dir.resolve(LABELS));
    }

    /** The training split in {@code dir}, read on first use. */
    public static ImageDataset fashionMnist(Path dir) {
        return LOADED.computeIfAbsent(dir.toAbsolutePath().normalize(), ImageDataset::load);
    }

    private static ImageDataset load(Path dir) {
        if (!available(dir)) {
            throw new IllegalStateException("Fashion-MNIST is not in " + dir + " (expected " + IMAGES + " and "
                    + LABELS + "; Debian/Ubuntu: apt install dataset-fashion-mnist, or set GANBOARD_FASHION_MNIST_DIR)");
        }
        IdxFile images = IdxFile.read(dir.resolve(IMAGES));
        IdxFile labels = IdxFile.read(dir.resolve(LABELS));
        int[] d = images.dims();
        if (d.length != 3 || d[1] != SIDE || d[2] != SIDE) {
            throw new IllegalStateException(dir.resolve(IMAGES) + ": expected [N, 28, 28] images, got "
                    + Arrays.toString(d));
        }
        if (labels.dims().length != 1 || labels.count() != images.count()) {
            throw new IllegalStateException(dir.resolve(LABELS) + ": " + labels.count() + " labels for "
                    + images.count() + " images");
        }
        return new ImageDataset(images.data(), labels.data());
    }

    public int size() {
        return count;
    }

    public int label(int i) {
        return labels[i] & 0xff;
    }

    /** Image i's pixels scaled from 0..255 to [-1, 1], written to {@code out} at {@code offset}. */
    public void image(int i, float[] out, int offset) {
        int base = i * PIXELS;
        for (int p = 0; p < PIXELS; p++) {
            out[offset + p] = (pixels[base + p] & 0xff) / 127.5f - 1f;
        }
    }
}
