package dev.ganboard.worker.features;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.core.FeatureSource;
import dev.ganboard.torch.TorchSetup;
import dev.ganboard.worker.classifier.ArrayCache;
import dev.ganboard.worker.classifier.Progress;
import dev.ganboard.worker.classifier.TorchRuntime;
import dev.ganboard.worker.dataset.ImageDataset;
import dev.ganboard.worker.dataset.ImageSet;
import dev.ganboard.worker.EvaluationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code inception-fid}: a TorchScript feature network supplied by the user (the standard FID Inception cannot be
 * downloaded here), path from GANBOARD_INCEPTION_PATH. Preprocessing: images on [0, 1] are resized to 299 x 299
 * bilinearly (half-pixel centres, as PyTorch's align_corners=False, no antialiasing), a single channel is repeated
 * to three, and values are scaled to [0, 255] - the convention of the TorchScript Inception used by StyleGAN2-ADA
 * and clean-fid, which normalises internally. The module's output for a batch [B, 3, 299, 299] is taken as the
 * features, flattened per image (2048 values for the standard file).
 */
public final class InceptionExtractor implements ImageFeatureExtractor {
    public static final String ID = "inception-fid";
    static final int SIZE = 299;
    private static final int BATCH = 25;

    private final Path path;
    private final Path cacheDir;
    private final Map<String, DenseMatrix> reference = new ConcurrentHashMap<>();
    private ZooModel<NDList, NDList> model;

    public InceptionExtractor(Path path, Path cacheDir) {
        this.path = path;
        this.cacheDir = cacheDir;
    }

    @Override
    public String id() {
        return ID;
    }

    private synchronized ZooModel<NDList, NDList> model() {
        if (model != null) {
            return model;
        }
        if (path == null) {
            throw new EvaluationFailure("feature extractor inception-fid needs the TorchScript Inception file: set "
                    + "GANBOARD_INCEPTION_PATH to its path (it is not downloaded)");
        }
        if (!Files.isRegularFile(path)) {
            throw new EvaluationFailure("feature extractor inception-fid: GANBOARD_INCEPTION_PATH names " + path
                    + ", which does not exist on this worker");
        }
        TorchSetup.load(cacheDir);
        try {
            model = Criteria.builder().setTypes(NDList.class, NDList.class).optModelPath(path).optEngine("PyTorch")
                    .optTranslator(new NoopTranslator()).build().loadModel();
            return model;
        } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
            throw new EvaluationFailure("feature extractor inception-fid: " + path + " is not a loadable TorchScript "
                    + "module: " + e.getMessage());
        }
    }

    @Override
    public FeatureSource extract(FeatureSource samples) {
        throw new EvaluationFailure("inception-fid takes images; the samples are points");
    }

    @Override
    public DenseMatrix features(ImageSet images, Progress progress) {
        ZooModel<NDList, NDList> m = model();
        int n = images.size();
        double[] out = null;
        int dim = 0;
        try (Predictor<NDList, NDList> predictor = m.newPredictor();
             TorchRuntime.GradMode idle = TorchRuntime.gradMode(false)) {
            for (int from = 0; from < n; from += BATCH) {
                int count = Math.min(BATCH, n - from);
                float[] x = preprocess(images, from, count);
                try (NDManager scope = m.getNDManager().newSubManager()) {
                    NDArray input = scope.create(x, new Shape(count, 3, SIZE, SIZE));
                    NDArray y = predictor.predict(new NDList(input)).get(0);
                    float[] f = y.reshape(count, -1).toFloatArray();
                    if (out == null) {
                        dim = f.length / count;
                        out = new double[n * dim];
                    }
                    for (int i = 0; i < f.length; i++) {
                        out[from * dim + i] = f[i];
                    }
                }
                progress.report(from + count, n);
            }
        } catch (TranslateException | RuntimeException e) {
            throw new EvaluationFailure("feature extractor inception-fid: the module at " + path + " failed on a batch "
                    + "[B, 3, 299, 299]: " + e.getMessage());
        }
        return new DenseMatrix(ID + " features", n, dim, out == null ? new double[0] : out);
    }

    /** [count, 3, 299, 299] in [0, 255] from images on [0, 1]. */
    static float[] preprocess(ImageSet images, int from, int count) {
        int c = images.channels();
        int h = images.height();
        int w = images.width();
        float[] out = new float[count * 3 * SIZE * SIZE];
        float[] plane = new float[SIZE * SIZE];
        for (int i = 0; i < count; i++) {
            int base = (from + i) * images.dim();
            for (int ch = 0; ch < 3; ch++) {
                int src = base + (c == 1 ? 0 : ch) * h * w;
                if (c == 1 && ch > 0) {
                    System.arraycopy(plane, 0, out, (i * 3 + ch) * SIZE * SIZE, plane.length);
                    continue;
                }
                Bilinear.resize(images.pixels(), src, h, w, plane, SIZE, SIZE);
                for (int k = 0; k < plane.length; k++) {
                    plane[k] *= 255f;
                }
                System.arraycopy(plane, 0, out, (i * 3 + ch) * SIZE * SIZE, plane.length);
            }
        }
        return out;
    }

    /** Computed once per (dataset, split, module file) and kept in memory and under {@code <cache>/features/}. */
    @Override
    public DenseMatrix referenceFeatures(ImageDataset dataset, String split, Progress progress) {
        String key = ArrayCache.safeName(dataset.id(), dataset.fingerprint() + "|" + moduleStamp()) + "-" + ID
                + "-" + split;
        return reference.computeIfAbsent(key, k -> {
            ImageSet images = "train".equals(split) ? dataset.splits().train() : dataset.splits().test();
            ArrayCache cache = new ArrayCache(cacheDir);
            byte[] stored = cache.readOrNull("features/" + k + ".f64");
            int n = images.size();
            if (stored != null && n > 0 && stored.length % (8 * n) == 0) {
                double[] d = new double[stored.length / 8];
                java.nio.ByteBuffer.wrap(stored).order(java.nio.ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(d);
                return new DenseMatrix(dataset.id() + " " + split + " " + ID, n, d.length / n, d);
            }
            DenseMatrix f = features(images, progress);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(f.data().length * 8)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
            b.asDoubleBuffer().put(f.data());
            cache.store("features/" + k + ".f64", b.array());
            return f;
        });
    }

    private String moduleStamp() {
        try {
            return path + "@" + Files.size(path) + "@" + Files.getLastModifiedTime(path).toMillis();
        } catch (IOException | RuntimeException e) {
            return String.valueOf(path);
        }
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("extractor", ID);
        m.put("file", String.valueOf(path));
        m.put("preprocessing", "bilinear resize to 299x299 (align_corners=False, no antialias), grayscale "
                + "repeated to 3 channels, values scaled to [0, 255]");
        return m;
    }
}
