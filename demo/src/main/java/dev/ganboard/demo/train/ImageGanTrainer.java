package dev.ganboard.demo.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.ganboard.demo.conv.ConvCritic;
import dev.ganboard.demo.conv.ConvGenerator;
import dev.ganboard.demo.image.ImageBatches;
import dev.ganboard.demo.image.ImageDataset;
import dev.ganboard.demo.loss.Critic;
import dev.ganboard.demo.loss.DiscriminatorLoss;
import dev.ganboard.demo.loss.GanLoss;
import dev.ganboard.demo.nn.Autograd;
import dev.ganboard.demo.nn.HostArrays;
import dev.ganboard.demo.study.Hyperparameters;
import dev.ganboard.demo.study.Job;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * Trains one DCGAN-style run on 28 x 28 images ({@link ConvGenerator}, {@link ConvCritic}, width C =
 * hidden_width), each with Adam; per generator step n_critic critic updates on fresh batches. A conditional run
 * gives the generator the real batch's labels in the critic's step (so real and fake rows share labels, which a
 * gradient penalty on interpolates needs) and uniformly drawn labels in its own step; its checkpoints ask for
 * balanced classes (sample i has label i mod 10) and carry the labels. Deterministic for a job on one thread count.
 */
public final class ImageGanTrainer implements Training {
    /** Checkpoint samples are generated in batches of this many (batch norm uses each batch's statistics). */
    static final int SAMPLE_BATCH = 500;

    private final Job job;
    private final Hyperparameters hp;
    private final GanLoss loss;
    private final RandomStreams random;
    private final ImageDataset dataset;
    private final int classes;

    /** Reads Fashion-MNIST from $GANBOARD_FASHION_MNIST_DIR or the Debian package's directory. */
    public ImageGanTrainer(Job job) {
        this(job, ImageDataset.fashionMnist(ImageDataset.directory(System.getenv())));
    }

    public ImageGanTrainer(Job job, ImageDataset dataset) {
        this.job = job;
        this.hp = job.variant().hyperparameters();
        this.loss = job.variant().loss().create(hp.gpWeight());
        this.random = RandomStreams.of(job.seed());
        this.dataset = dataset;
        this.classes = job.variant().conditional() ? ImageDataset.CLASSES : 0;
    }

    @Override
    public void train(TrainingListener listener, BooleanSupplier cancelled) {
        ImageBatches batches = new ImageBatches(dataset, random.data());
        try (Autograd idle = Autograd.pause(); NDManager run = NDManager.newBaseManager()) {
            ConvGenerator g = new ConvGenerator(run, hp.latentDim(), hp.hiddenWidth(), classes, DataType.FLOAT32,
                    random.init());
            ConvCritic d = new ConvCritic(run, hp.hiddenWidth(), classes, DataType.FLOAT32, random.init());
            Optimizer gOpt = adam(hp.lrG());
            Optimizer dOpt = adam(hp.lrD());
            int n = job.study().samplesPerCheckpoint();
            float[] evaluationNoise = gaussian(random.evaluation(), n * hp.latentDim());
            int[] evaluationLabels = classes == 0 ? null : balancedLabels(n);
            for (long step = 1; step <= job.study().steps() && !cancelled.getAsBoolean(); step++) {
                try (NDManager scope = run.newSubManager()) {
                    Map<String, Double> losses = new LinkedHashMap<>();
                    for (int k = 0; k < hp.nCritic(); k++) {
                        criticStep(scope, batches.next(hp.batchSize()), g, d, losses);
                        d.parameters().step(dOpt);
                    }
                    generatorStep(scope, g, d, losses);
                    g.parameters().step(gOpt);
                    listener.onStep(step, losses);
                    if (job.study().isCheckpoint(step)) {
                        listener.onCheckpoint(step, generate(scope, g, evaluationNoise, evaluationLabels));
                    }
                }
            }
        }
    }

    private void criticStep(NDManager scope, ImageBatches.Batch batch, ConvGenerator g, ConvCritic d,
                            Map<String, Double> losses) {
        int b = batch.labels().length;
        NDArray real = HostArrays.create(scope, batch.pixels(), new Shape(b, ImageDataset.PIXELS));
        NDArray y = classes == 0 ? null : oneHot(scope, batch.labels());
        NDArray fake = g.forward(noise(scope, b), y).reshape(b, ImageDataset.PIXELS);
        d.parameters().zeroGradients();
        try (Autograd tape = Autograd.record()) {
            DiscriminatorLoss l = loss.discriminator(asCritic(d, y), real, fake, random.loss());
            tape.backward(l.total());
            losses.put("loss/D", (double) l.total().getFloat());
            l.extras().forEach((key, value) -> losses.put(key, (double) value.getFloat()));
        }
    }

    private void generatorStep(NDManager scope, ConvGenerator g, ConvCritic d, Map<String, Double> losses) {
        int b = hp.batchSize();
        NDArray y = null;
        if (classes > 0) {
            int[] labels = new int[b];
            for (int i = 0; i < b; i++) {
                labels[i] = random.noise().nextInt(classes);
            }
            y = oneHot(scope, labels);
        }
        NDArray z = noise(scope, b);
        g.parameters().zeroGradients();
        try (Autograd tape = Autograd.record()) {
            NDArray fake = g.forward(z, y).reshape(b, ImageDataset.PIXELS);
            NDArray l = loss.generator(d.scores(fake, y));
            tape.backward(l);
            losses.put("loss/G", (double) l.getFloat());
        }
    }

    /** Images [n, 1, 28, 28] from the run's fixed checkpoint noise (and labels, when conditional). */
    private Samples generate(NDManager scope, ConvGenerator g, float[] noise, int[] labels) {
        int n = noise.length / hp.latentDim();
        float[] pixels = new float[n * ImageDataset.PIXELS];
        for (int from = 0; from < n; from += SAMPLE_BATCH) {
            int rows = Math.min(SAMPLE_BATCH, n - from);
            try (NDManager batch = scope.newSubManager()) {
                float[] z = Arrays.copyOfRange(noise, from * hp.latentDim(),
                        (from + rows) * hp.latentDim());
                NDArray y = labels == null ? null
                        : oneHot(batch, Arrays.copyOfRange(labels, from, from + rows));
                float[] images = g.forward(HostArrays.create(batch, z, new Shape(rows, hp.latentDim())), y)
                        .toFloatArray();
                System.arraycopy(images, 0, pixels, from * ImageDataset.PIXELS, images.length);
            }
        }
        return new Samples(pixels, n, ImageDataset.PIXELS,
                new int[] {n, 1, ImageDataset.SIDE, ImageDataset.SIDE}, labels);
    }

    /** Labels 0, 1, ..., 9, 0, 1, ...: every class equally often (up to one when n is not a multiple of 10). */
    static int[] balancedLabels(int n) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % ImageDataset.CLASSES;
        }
        return labels;
    }

    private NDArray oneHot(NDManager scope, int[] labels) {
        float[] codes = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            codes[i * classes + labels[i]] = 1f;
        }
        return HostArrays.create(scope, codes, new Shape(labels.length, classes));
    }

    private static Critic asCritic(ConvCritic d, NDArray oneHot) {
        return new Critic() {
            @Override
            public NDArray scores(NDArray x) {
                return d.scores(x, oneHot);
            }

            @Override
            public NDArray inputGradient(NDArray x) {
                return d.inputGradient(x, oneHot);
            }
        };
    }

    private NDArray noise(NDManager scope, int n) {
        return HostArrays.create(scope, gaussian(random.noise(), n * hp.latentDim()), new Shape(n, hp.latentDim()));
    }

    private static float[] gaussian(RandomGenerator rng, int count) {
        float[] z = new float[count];
        for (int i = 0; i < count; i++) {
            z[i] = (float) rng.nextGaussian();
        }
        return z;
    }

    private Optimizer adam(double lr) {
        return Optimizer.adam()
                .optLearningRateTracker(Tracker.fixed((float) lr))
                .optBeta1((float) hp.beta1())
                .optBeta2((float) hp.beta2())
                .build();
    }
}
