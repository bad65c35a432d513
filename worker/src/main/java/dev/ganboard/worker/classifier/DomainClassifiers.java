package dev.ganboard.worker.classifier;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ganboard.torch.TorchSetup;
import dev.ganboard.worker.dataset.ImageDataset;
import dev.ganboard.worker.dataset.ImageSet;
import dev.ganboard.worker.EvaluationFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The domain classifier of each image dataset, trained on its training split once per (dataset content, recipe)
 * and kept: in memory for the process, and as a parameters file plus a JSON description under
 * {@code <cache>/domain-cnn/}. Also the classifier's outputs on the dataset's own splits (reference features and
 * probabilities), kept the same way under {@code <cache>/features/}. Concurrent callers for one dataset wait for a
 * single training.
 */
public final class DomainClassifiers {
    private static final Logger LOG = LoggerFactory.getLogger(DomainClassifiers.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, DomainClassifiers> SHARED = new ConcurrentHashMap<>();

    private final Path cacheDir;
    private final ArrayCache cache;
    private final CnnRecipe recipe;
    private final Map<String, DomainModel> models = new ConcurrentHashMap<>();
    private final Map<String, TrainedClassifier.Outputs> outputs = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public DomainClassifiers(Path cacheDir, CnnRecipe recipe) {
        this.cacheDir = cacheDir;
        this.cache = new ArrayCache(cacheDir);
        this.recipe = recipe;
    }

    /**
     * The process-wide registry for a cache directory and recipe: workers of one process share trained classifiers
     * and reference outputs instead of each training and holding their own.
     */
    public static DomainClassifiers shared(Path cacheDir, CnnRecipe recipe) {
        return SHARED.computeIfAbsent(cacheDir.toAbsolutePath().normalize() + "|" + recipe,
                k -> new DomainClassifiers(cacheDir, recipe));
    }

    public CnnRecipe recipe() {
        return recipe;
    }

    public Path cacheDir() {
        return cacheDir;
    }

    /** The dataset's classifier, trained now (with progress) unless in memory or in the cache. */
    public DomainModel get(ImageDataset dataset, Progress training) {
        String key = ArrayCache.safeName(dataset.id(), dataset.fingerprint()) + "-" + recipe.key();
        DomainModel m = models.get(key);
        if (m != null) {
            return m;
        }
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            m = models.get(key);
            if (m == null) {
                m = loadOrTrain(dataset, key, training);
                models.put(key, m);
            }
            return m;
        }
    }

    private DomainModel loadOrTrain(ImageDataset dataset, String key, Progress training) {
        ImageDataset.Splits splits = dataset.splits();
        if (splits.test().height() < 4 || splits.test().width() < 4) {
            throw new EvaluationFailure("domain-cnn:" + dataset.id() + " needs images of at least 4x4 pixels (two "
                    + "2x2 poolings), the dataset's are " + splits.test().shapeText());
        }
        if (splits.classes() < 2) {
            throw new EvaluationFailure("domain-cnn:" + dataset.id() + " needs at least two classes in the labels");
        }
        TorchSetup.load(cacheDir);
        String id = "domain-cnn:" + dataset.id();
        String paramsName = "domain-cnn/" + key + ".params";
        String metaName = "domain-cnn/" + key + ".json";
        byte[] params = cache.readOrNull(paramsName);
        Map<String, Object> meta = params == null ? null : readMeta(cache.readOrNull(metaName));
        if (meta != null) {
            TrainedClassifier c = TrainedClassifier.load(params, recipe, splits.classes(), splits.test().shape());
            LOG.info("{}: loaded from {} (test accuracy {})", id, cacheDir.resolve(paramsName),
                    meta.get("test_accuracy"));
            meta.put("cache_file", cacheDir.resolve(paramsName).toString());
            return new DomainModel(id, key, c, recipe, ((Number) meta.get("test_accuracy")).doubleValue(), meta);
        }
        LOG.info("{}: training on {} images ({} steps of {}), cached afterwards under {}", id, splits.train().size(),
                recipe.steps(), recipe.batchSize(), cacheDir.resolve("domain-cnn"));
        long t0 = System.nanoTime();
        params = new ClassifierTrainer(recipe).train(splits.train(), splits.classes(), id, training);
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        TrainedClassifier c = TrainedClassifier.load(params, recipe, splits.classes(), splits.test().shape());
        TrainedClassifier.Outputs test = c.predict(splits.test(), Progress.NONE);
        double accuracy = test.accuracy(splits.test().labels());
        outputs.put(key + "-test", test);
        LOG.info("{}: trained in {} s, test accuracy {}", id, String.format("%.1f", trainSeconds),
                String.format("%.4f", accuracy));
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("extractor", id);
        description.put("recipe", recipe.describe());
        description.put("test_accuracy", accuracy);
        description.put("n_train", splits.train().size());
        description.put("n_test", splits.test().size());
        description.put("classes", splits.classes());
        description.put("train_seconds", Math.round(trainSeconds * 10) / 10.0);
        description.put("torch_threads", System.getProperty("ai.djl.pytorch.num_threads"));
        description.put("dataset_fingerprint", dataset.fingerprint());
        cache.store(paramsName, params);
        storeOutputs(key + "-test", test);
        try {
            cache.store(metaName, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(description));
        } catch (IOException e) {
            throw ArrayCache.unchecked(e);
        }
        description.put("cache_file", cacheDir.resolve(paramsName).toString());
        return new DomainModel(id, key, c, recipe, accuracy, description);
    }

    /** The classifier's outputs on the dataset's "train" or "test" split, computed once. */
    public TrainedClassifier.Outputs splitOutputs(DomainModel model, ImageDataset dataset, String split,
                                                  Progress progress) {
        String key = model.cacheKey() + "-" + split;
        TrainedClassifier.Outputs o = outputs.get(key);
        if (o != null) {
            return o;
        }
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            o = outputs.get(key);
            if (o != null) {
                return o;
            }
            ImageSet images = "train".equals(split) ? dataset.splits().train() : dataset.splits().test();
            int n = images.size();
            TrainedClassifier c = model.classifier();
            byte[] f = cache.readOrNull("features/" + key + "-features.f32");
            byte[] p = cache.readOrNull("features/" + key + "-probs.f32");
            int fd = model.recipe().features();
            if (f != null && p != null && f.length == n * fd * 4 && p.length == n * c.classes() * 4) {
                o = new TrainedClassifier.Outputs(n, fd, FloatArrays.fromBytes(f), c.classes(),
                        FloatArrays.fromBytes(p));
            } else {
                o = c.predict(images, progress);
                storeOutputs(key, o);
            }
            outputs.put(key, o);
            return o;
        }
    }

    private void storeOutputs(String key, TrainedClassifier.Outputs o) {
        cache.store("features/" + key + "-features.f32", FloatArrays.toBytes(o.features()));
        cache.store("features/" + key + "-probs.f32", FloatArrays.toBytes(o.probabilities()));
    }

    private static Map<String, Object> readMeta(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            Map<String, Object> m = JSON.readValue(bytes, new TypeReference<LinkedHashMap<String, Object>>() { });
            return m.get("test_accuracy") instanceof Number ? m : null;
        } catch (IOException e) {
            return null;
        }
    }
}
