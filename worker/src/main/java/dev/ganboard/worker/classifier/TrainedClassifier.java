package dev.ganboard.worker.classifier;

import ai.djl.Model;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.worker.dataset.ImageSet;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A trained {@link CnnRecipe} classifier ready for inference: per image the trunk's feature vector and the softmax
 * class probabilities, in batches, without recording gradients. Safe for concurrent callers (parameters are only
 * read). Holds native memory until closed.
 */
public final class TrainedClassifier implements AutoCloseable {
    private static final int BATCH = 500;

    private final Model model;
    private final Block trunk;
    private final Block head;
    private final int classes;
    private final int features;
    private final int[] imageShape;

    private TrainedClassifier(Model model, Block trunk, Block head, int classes, int features, int[] imageShape) {
        this.model = model;
        this.trunk = trunk;
        this.head = head;
        this.classes = classes;
        this.features = features;
        this.imageShape = imageShape.clone();
    }

    /** Parameters written by {@link ClassifierTrainer#train} for images of {@code imageShape} {C, H, W}. */
    public static TrainedClassifier load(byte[] parameters, CnnRecipe recipe, int classes, int[] imageShape) {
        SequentialBlock trunk = recipe.trunk();
        Block head = CnnRecipe.head(classes);
        SequentialBlock net = new SequentialBlock().add(trunk).add(head);
        Model model = Model.newInstance("classifier");
        try (TorchRuntime.GradMode idle = TorchRuntime.gradMode(false)) {
            net.initialize(model.getNDManager(), DataType.FLOAT32,
                    new Shape(1, imageShape[0], imageShape[1], imageShape[2]));
            net.loadParameters(model.getNDManager(), new DataInputStream(new ByteArrayInputStream(parameters)));
            model.setBlock(net);
        } catch (IOException e) {
            model.close();
            throw new UncheckedIOException(e);
        } catch (MalformedModelException | RuntimeException e) {
            model.close();
            throw new IllegalStateException("classifier parameters do not fit " + recipe.key() + " with " + classes
                    + " classes: " + e.getMessage(), e);
        }
        return new TrainedClassifier(model, trunk, head, classes, recipe.features(), imageShape);
    }

    public int classes() {
        return classes;
    }

    public int[] imageShape() {
        return imageShape.clone();
    }

    /** Features [N, features] and probabilities [N, classes] of every image. */
    public Outputs predict(ImageSet images, Progress progress) {
        if (images.channels() != imageShape[0] || images.height() != imageShape[1]
                || images.width() != imageShape[2]) {
            throw new IllegalArgumentException(images.name() + ": images of " + images.shapeText()
                    + ", the classifier takes " + imageShape[0] + "x" + imageShape[1] + "x" + imageShape[2]);
        }
        int n = images.size();
        int dim = images.dim();
        float[] feat = new float[n * features];
        float[] prob = new float[n * classes];
        float[] x = new float[Math.min(BATCH, Math.max(n, 1)) * dim];
        try (TorchRuntime.GradMode idle = TorchRuntime.gradMode(false)) {
            for (int from = 0; from < n; from += BATCH) {
                int count = Math.min(BATCH, n - from);
                ClassifierTrainer.normalise(images.pixels(), from * dim, x, 0, count * dim);
                try (NDManager scope = model.getNDManager().newSubManager()) {
                    float[] batch = count * dim == x.length ? x : java.util.Arrays.copyOf(x, count * dim);
                    NDArray input = TorchRuntime.aligned(scope, batch,
                            new Shape(count, imageShape[0], imageShape[1], imageShape[2]));
                    ParameterStore ps = new ParameterStore(scope, false);
                    NDList f = trunk.forward(ps, new NDList(input), false);
                    NDArray p = head.forward(ps, f, false).singletonOrThrow().softmax(1);
                    System.arraycopy(f.singletonOrThrow().toFloatArray(), 0, feat, from * features, count * features);
                    System.arraycopy(p.toFloatArray(), 0, prob, from * classes, count * classes);
                }
                progress.report(from + count, n);
            }
        }
        return new Outputs(n, features, feat, classes, prob);
    }

    /** Fraction of {@code labelled} images whose most probable class is their label. */
    public double accuracy(ImageSet labelled, Progress progress) {
        return predict(labelled, progress).accuracy(labelled.labels());
    }

    @Override
    public void close() {
        model.close();
    }

    /** What the classifier says about N images; rows in input order. */
    public record Outputs(int n, int featureDim, float[] features, int classes, float[] probabilities) {
        public DenseMatrix featureMatrix(String name) {
            return widen(name, features, featureDim);
        }

        public DenseMatrix probabilityMatrix(String name) {
            return widen(name, probabilities, classes);
        }

        /** The most probable class of each image (ties: the lower class). */
        public int[] predicted() {
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    if (probabilities[i * classes + c] > probabilities[i * classes + best]) {
                        best = c;
                    }
                }
                out[i] = best;
            }
            return out;
        }

        public double accuracy(int[] labels) {
            int[] p = predicted();
            int right = 0;
            for (int i = 0; i < n; i++) {
                if (p[i] == labels[i]) {
                    right++;
                }
            }
            return n == 0 ? Double.NaN : (double) right / n;
        }

        private DenseMatrix widen(String name, float[] values, int cols) {
            double[] d = new double[values.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = values[i];
            }
            return new DenseMatrix(name, n, cols, d);
        }
    }
}
