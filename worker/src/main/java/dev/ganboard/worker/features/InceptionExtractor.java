package dev.ganboard.worker.features;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
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
 * {@code inception-fid}: the standard FID Inception, the TorchScript file {@code inception-2015-12-05.pt} that
 * StyleGAN2-ADA, StyleGAN3 and clean-fid load (it cannot be downloaded here: path from GANBOARD_INCEPTION_PATH).
 * Its convention, followed exactly: the module is called as {@code forward(img, return_features, use_fp16,
 * no_output_bias)} with {@code img} float32 [N, 3, H, W] in [0, 255] at the images' own resolution (a single
 * channel repeated to three); it resizes to 299 x 299 and normalises itself. {@code return_features=True} gives
 * the 2048-d pool features (FID, KID, precision/recall, density/coverage); {@code no_output_bias=True} the softmax
 * probabilities over 1008 classes without the output bias, which the Inception Score uses.
 */
public final class InceptionExtractor implements ImageFeatureExtractor {
    public static final String ID = "inception-fid";
    public static final String PREPROCESSING = "images mapped onto [0, 1], scaled to [0, 255] (float32), grayscale "
            + "repeated to 3 channels, native resolution [N, 3, H, W]; the module resizes to 299x299 (TF1-style "
            + "bilinear, affine_grid + grid_sample) and normalises (x - 128) / 128 itself; features = "
            + "forward(img, return_features=True), IS probabilities = forward(img, no_output_bias=True)";
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

    /** The weights file (GANBOARD_INCEPTION_PATH), or null when not configured. */
    public Path path() {
        return path;
    }

    @Override
    public Path weightsFile() {
        return path;
    }

    @Override
    public String preprocessing() {
        return PREPROCESSING;
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

    /** The 2048-d features: {@code forward(img, return_features=True)}. */
    @Override
    public DenseMatrix features(ImageSet images, Progress progress) {
        return run(images, progress, false).features();
    }

    /** Features and the Inception Score's probabilities ({@code no_output_bias=True}), batch by batch. */
    public Outputs featuresAndProbabilities(ImageSet images, Progress progress) {
        return run(images, progress, true);
    }

    /** Per image: the features, and (when asked for) the class probabilities without the output bias. */
    public record Outputs(DenseMatrix features, DenseMatrix probabilities) {
    }

    private Outputs run(ImageSet images, Progress progress, boolean withProbabilities) {
        ZooModel<NDList, NDList> m = model();
        if (!(m.getBlock() instanceof PtSymbolBlock block)) {
            throw new EvaluationFailure("feature extractor inception-fid: " + path + " did not load as a TorchScript "
                    + "module");
        }
        int n = images.size();
        Columns features = new Columns(n);
        Columns probabilities = new Columns(n);
        try (TorchRuntime.GradMode idle = TorchRuntime.gradMode(false)) {
            for (int from = 0; from < n; from += BATCH) {
                int count = Math.min(BATCH, n - from);
                float[] x = preprocess(images, from, count);
                try (PtNDManager scope = (PtNDManager) m.getNDManager().newSubManager()) {
                    PtNDArray input = (PtNDArray) scope.create(x, new Shape(count, 3, images.height(),
                            images.width()));
                    features.put(from, count, call(block, scope, input, true, false));
                    if (withProbabilities) {
                        probabilities.put(from, count, call(block, scope, input, false, true));
                    }
                }
                progress.report(from + count, n);
            }
        } catch (RuntimeException e) {
            throw new EvaluationFailure("feature extractor inception-fid: the module at " + path + " failed on a batch "
                    + "[B, 3, " + images.height() + ", " + images.width() + "] called as forward(img, "
                    + "return_features, use_fp16, no_output_bias): " + e.getMessage());
        }
        return new Outputs(features.matrix(ID + " features"),
                withProbabilities ? probabilities.matrix(ID + " class probabilities (no output bias)") : null);
    }

    private static float[] call(PtSymbolBlock block, PtNDManager scope, PtNDArray input, boolean returnFeatures,
                                boolean noOutputBias) {
        IValue img = IValue.from(input);
        IValue features = IValue.from(returnFeatures);
        IValue fp16 = IValue.from(false);
        IValue noBias = IValue.from(noOutputBias);
        try (IValue out = block.forward(img, features, fp16, noBias)) {
            if (!out.isTensor()) {
                throw new IllegalStateException("the module returned " + out.getType() + ", not a tensor");
            }
            return out.toTensor(scope).toFloatArray();
        } finally {
            img.close();
            features.close();
            fp16.close();
            noBias.close();
        }
    }

    /** Rows of one output, filled batch by batch; the width is the module's. */
    private static final class Columns {
        private final int n;
        private double[] data;
        private int dim;

        Columns(int n) {
            this.n = n;
        }

        void put(int from, int count, float[] rows) {
            if (data == null) {
                dim = rows.length / count;
                data = new double[n * dim];
            }
            if (rows.length != count * dim) {
                throw new IllegalStateException("the module returned " + rows.length / count + " values per image, "
                        + "then " + dim);
            }
            for (int i = 0; i < rows.length; i++) {
                data[from * dim + i] = rows[i];
            }
        }

        DenseMatrix matrix(String name) {
            return new DenseMatrix(name, n, dim, data == null ? new double[0] : data);
        }
    }

    /** [count, 3, H, W] float32 in [0, 255] from images on [0, 1] at their own resolution. */
    static float[] preprocess(ImageSet images, int from, int count) {
        int c = images.channels();
        int plane = images.height() * images.width();
        float[] px = images.pixels();
        float[] out = new float[count * 3 * plane];
        for (int i = 0; i < count; i++) {
            int base = (from + i) * images.dim();
            for (int ch = 0; ch < 3; ch++) {
                int src = base + (c == 1 ? 0 : ch) * plane;
                int dst = (i * 3 + ch) * plane;
                for (int k = 0; k < plane; k++) {
                    out[dst + k] = px[src + k] * 255f;
                }
            }
        }
        return out;
    }

    /** Computed once per (dataset, split, module file) and kept in memory and under {@code <cache>/features/}. */
    @Override
    public DenseMatrix referenceFeatures(ImageDataset dataset, String split, Progress progress) {
        // the convention is part of the key: features cached under the earlier, outside-resize one are not reused
        String key = ArrayCache.safeName(dataset.id(), dataset.fingerprint() + "|" + moduleStamp() + "|native-255-v2")
                + "-" + ID + "-" + split;
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
        m.put("preprocessing", PREPROCESSING);
        return m;
    }
}
