package dev.ganboard.worker.classifier;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.ganboard.worker.dataset.ImageSet;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link CnnRecipe} classifier on labelled images: seeded initial weights and shuffles (all randomness
 * from the recipe's seed, none from the engine's process-wide generator), so a run is repeatable on one thread
 * count. Returns the trained parameters in DJL's format, loadable by {@link TrainedClassifier#load}.
 */
public final class ClassifierTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(ClassifierTrainer.class);
    private static final long LOG_EVERY_NANOS = 5_000_000_000L;

    private final CnnRecipe recipe;

    public ClassifierTrainer(CnnRecipe recipe) {
        this.recipe = recipe;
    }

    /** {@code name} says in log lines what is trained, e.g. "domain-cnn:fashion-mnist". */
    public byte[] train(ImageSet data, int classes, String name, Progress progress) {
        if (!data.labelled()) {
            throw new IllegalArgumentException(data.name() + ": training a classifier needs labels");
        }
        SplittableRandom root = new SplittableRandom(recipe.seed());
        SplittableRandom init = root.split();
        SplittableRandom shuffle = root.split();
        SequentialBlock net = new SequentialBlock().add(recipe.trunk()).add(CnnRecipe.head(classes));
        int b = recipe.batchSize();
        int dim = data.dim();
        int n = data.size();
        long started = System.nanoTime();
        long lastLog = started;
        try (TorchRuntime.GradMode idle = TorchRuntime.gradMode(false);
             Model model = Model.newInstance("classifier")) {
            model.setBlock(net);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) recipe.learningRate()))
                            .build())
                    .optInitializer(new FanInUniform(init), Parameter.Type.WEIGHT);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(b, data.channels(), data.height(), data.width()));
                Loss loss = Loss.softmaxCrossEntropyLoss();
                int[] order = permutation(n, shuffle);
                int cursor = 0;
                float[] x = new float[b * dim];
                float[] y = new float[b];
                double recentLoss = 0;
                int recentCount = 0;
                for (int step = 1; step <= recipe.steps(); step++) {
                    for (int i = 0; i < b; i++) {
                        if (cursor == n) {
                            order = permutation(n, shuffle);
                            cursor = 0;
                        }
                        int row = order[cursor++];
                        normalise(data.pixels(), row * dim, x, i * dim, dim);
                        y[i] = data.labels()[row];
                    }
                    try (NDManager scope = model.getNDManager().newSubManager()) {
                        NDArray input = TorchRuntime.aligned(scope, x, new Shape(b, data.channels(), data.height(),
                                data.width()));
                        NDArray labels = scope.create(y);
                        TorchRuntime.zeroGradients(net);
                        try (TorchRuntime.GradMode tape = TorchRuntime.gradMode(true)) {
                            NDArray logits = trainer.forward(new NDList(input)).singletonOrThrow();
                            NDArray l = loss.evaluate(new NDList(labels), new NDList(logits));
                            TorchRuntime.backward(l);
                            recentLoss += l.getFloat();
                            recentCount++;
                        }
                        trainer.step();
                    }
                    progress.report(step, recipe.steps());
                    long now = System.nanoTime();
                    if (now - lastLog > LOG_EVERY_NANOS || step == recipe.steps()) {
                        double elapsed = (now - started) / 1e9;
                        LOG.info("{}: training step {} of {} ({} images seen), loss {}, {} s elapsed, ETA {} s", name,
                                step, recipe.steps(), (long) step * b, String.format("%.4f", recentLoss / recentCount),
                                String.format("%.1f", elapsed),
                                String.format("%.0f", elapsed / step * (recipe.steps() - step)));
                        lastLog = now;
                        recentLoss = 0;
                        recentCount = 0;
                    }
                }
            }
            return parameters(net);
        }
    }

    static void normalise(float[] src, int from, float[] dst, int to, int count) {
        for (int j = 0; j < count; j++) {
            dst[to + j] = (src[from + j] - 0.5f) * 2f;
        }
    }

    private static byte[] parameters(SequentialBlock net) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            net.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
