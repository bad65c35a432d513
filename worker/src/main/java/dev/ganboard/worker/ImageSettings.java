package dev.ganboard.worker;

import dev.ganboard.torch.TorchSetup;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the image suite finds its data and keeps what it computes once.
 *
 * @param cacheDir        trained domain classifiers, reference features, the libtorch library
 *                        (GANBOARD_CACHE_DIR, default $GANBOARD_HOME/cache)
 * @param fashionMnistDir Fashion-MNIST IDX files (GANBOARD_FASHION_MNIST_DIR, default Debian's
 *                        dataset-fashion-mnist folder)
 * @param mnistDir        MNIST IDX files (GANBOARD_MNIST_DIR), or null when not configured
 * @param inceptionPath   the standard TorchScript FID Inception file (GANBOARD_INCEPTION_PATH), or null
 * @param ganTrain        whether GAN-train runs unless a checkpoint's metadata says otherwise (GANBOARD_GAN_TRAIN,
 *                        default true); it trains a classifier per checkpoint, the slow part of the suite
 */
public record ImageSettings(Path cacheDir, Path fashionMnistDir, Path mnistDir, Path inceptionPath,
                            boolean ganTrain) {
    public static final Path DEFAULT_FASHION_MNIST_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    public static ImageSettings fromEnvironment(Map<String, String> env) {
        return new ImageSettings(defaultCacheDir(env),
                path(env, "GANBOARD_FASHION_MNIST_DIR", DEFAULT_FASHION_MNIST_DIR),
                path(env, "GANBOARD_MNIST_DIR", null),
                path(env, "GANBOARD_INCEPTION_PATH", null),
                !"false".equals(env.getOrDefault("GANBOARD_GAN_TRAIN", "true").strip().toLowerCase(Locale.ROOT)));
    }

    public static ImageSettings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** GANBOARD_CACHE_DIR, else $GANBOARD_HOME/cache, else ~/.ganboard/cache. */
    public static Path defaultCacheDir(Map<String, String> env) {
        return TorchSetup.defaultCacheDir(env);
    }

    public ImageSettings withCacheDir(Path dir) {
        return new ImageSettings(dir, fashionMnistDir, mnistDir, inceptionPath, ganTrain);
    }

    public ImageSettings withGanTrain(boolean on) {
        return new ImageSettings(cacheDir, fashionMnistDir, mnistDir, inceptionPath, on);
    }

    private static Path path(Map<String, String> env, String key, Path fallback) {
        String v = env.get(key);
        return v == null || v.isBlank() ? fallback : Path.of(v);
    }
}
