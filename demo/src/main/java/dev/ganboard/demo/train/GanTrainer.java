package dev.ganboard.demo.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.ganboard.demo.data.MixtureSampler;
import dev.ganboard.demo.loss.Critic;
import dev.ganboard.demo.loss.DiscriminatorLoss;
import dev.ganboard.demo.loss.GanLoss;
import dev.ganboard.demo.nn.Autograd;
import dev.ganboard.demo.nn.HostArrays;
import dev.ganboard.demo.nn.InputGradient;
import dev.ganboard.demo.nn.Mlp;
import dev.ganboard.demo.nn.SeededInitializer;
import dev.ganboard.demo.study.Hyperparameters;
import dev.ganboard.demo.study.Job;
import dev.ganboard.metrics.modes.Mixture;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * Trains one (variant, dataset, seed): MLP generator (ReLU) and critic (leaky ReLU 0.2), each with Adam; per
 * generator step n_critic critic updates on fresh batches. Deterministic for a given job on one thread count.
 */
public final class GanTrainer implements Training {
    static final float CRITIC_SLOPE = 0.2f;

    private final Job job;
    private final Hyperparameters hp;
    private final GanLoss loss;
    private final RandomStreams random;
    private final MixtureSampler data;

    public GanTrainer(Job job) {
        this.job = job;
        this.hp = job.variant().hyperparameters();
        this.loss = job.variant().loss().create(hp.gpWeight());
        this.random = RandomStreams.of(job.seed());
        this.data = new MixtureSampler(Mixture.parse(job.dataset()), random.data());
    }

    @Override
    public void train(TrainingListener listener, BooleanSupplier cancelled) {
        Mlp generator = new Mlp(hp.hiddenWidth(), hp.hiddenLayers(), 2, 0f);
        Mlp critic = new Mlp(hp.hiddenWidth(), hp.hiddenLayers(), 1, CRITIC_SLOPE);
        try (Autograd idle = Autograd.pause();
             Model gm = Model.newInstance("generator");
             Model dm = Model.newInstance("critic")) {
            gm.setBlock(generator.block());
            dm.setBlock(critic.block());
            try (Trainer g = gm.newTrainer(config(hp.lrG()));
                 Trainer d = dm.newTrainer(config(hp.lrD()))) {
                g.initialize(new Shape(hp.batchSize(), hp.latentDim()));
                d.initialize(new Shape(hp.batchSize(), 2));
                float[] evaluationNoise = gaussian(random.evaluation(), job.study().samplesPerCheckpoint());
                for (long step = 1; step <= job.study().steps() && !cancelled.getAsBoolean(); step++) {
                    try (NDManager scope = gm.getNDManager().newSubManager()) {
                        Map<String, Double> losses = new LinkedHashMap<>();
                        for (int k = 0; k < hp.nCritic(); k++) {
                            criticStep(scope, g, d, critic, losses);
                        }
                        generatorStep(scope, g, d, losses);
                        listener.onStep(step, losses);
                        if (job.study().isCheckpoint(step)) {
                            listener.onCheckpoint(step, generate(scope, g, evaluationNoise));
                        }
                    }
                }
            }
        }
    }

    private void criticStep(NDManager scope, Trainer g, Trainer d, Mlp critic, Map<String, Double> losses) {
        int b = hp.batchSize();
        NDArray real = HostArrays.create(scope, data.sample(b), new Shape(b, 2));
        NDArray fake = g.forward(new NDList(noise(scope, b))).singletonOrThrow();
        Autograd.zeroGradients(d.getModel().getBlock());
        try (Autograd tape = Autograd.record()) {
            DiscriminatorLoss l = loss.discriminator(asCritic(d, critic), real, fake, random.loss());
            tape.backward(l.total());
            losses.put("loss/D", (double) l.total().getFloat());
            l.extras().forEach((key, value) -> losses.put(key, (double) value.getFloat()));
        }
        d.step();
    }

    private void generatorStep(NDManager scope, Trainer g, Trainer d, Map<String, Double> losses) {
        Autograd.zeroGradients(g.getModel().getBlock());
        try (Autograd tape = Autograd.record()) {
            NDArray fake = g.forward(new NDList(noise(scope, hp.batchSize()))).singletonOrThrow();
            NDArray l = loss.generator(d.forward(new NDList(fake)).singletonOrThrow());
            tape.backward(l);
            losses.put("loss/G", (double) l.getFloat());
        }
        g.step();
    }

    private Samples generate(NDManager scope, Trainer g, float[] noise) {
        int n = job.study().samplesPerCheckpoint();
        NDArray z = HostArrays.create(scope, noise, new Shape(n, hp.latentDim()));
        float[] points = g.forward(new NDList(z)).singletonOrThrow().toFloatArray();
        return new Samples(points, n, 2);
    }

    private static Critic asCritic(Trainer d, Mlp critic) {
        return new Critic() {
            @Override
            public NDArray scores(NDArray x) {
                return d.forward(new NDList(x)).singletonOrThrow();
            }

            @Override
            public NDArray inputGradient(NDArray x) {
                return InputGradient.of(critic, x);
            }
        };
    }

    private NDArray noise(NDManager scope, int n) {
        return HostArrays.create(scope, gaussian(random.noise(), n), new Shape(n, hp.latentDim()));
    }

    private float[] gaussian(RandomGenerator rng, int rows) {
        float[] z = new float[rows * hp.latentDim()];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) rng.nextGaussian();
        }
        return z;
    }

    private DefaultTrainingConfig config(double lr) {
        Optimizer adam = Optimizer.adam()
                .optLearningRateTracker(Tracker.fixed((float) lr))
                .optBeta1((float) hp.beta1())
                .optBeta2((float) hp.beta2())
                .build();
        return new DefaultTrainingConfig(Loss.l2Loss()) // unused: the GAN losses are computed here
                .optOptimizer(adam)
                .optInitializer(new SeededInitializer(random.init()), Parameter.Type.WEIGHT);
    }
}
