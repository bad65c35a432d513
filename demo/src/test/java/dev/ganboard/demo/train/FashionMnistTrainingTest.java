package dev.ganboard.demo.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ganboard.demo.image.ImageDataset;
import dev.ganboard.demo.loss.LossKind;
import dev.ganboard.demo.loss.WganGpLoss;
import dev.ganboard.demo.sink.MemorySink;
import dev.ganboard.demo.study.Architecture;
import dev.ganboard.demo.study.Hyperparameters;
import dev.ganboard.demo.study.Job;
import dev.ganboard.demo.study.Study;
import dev.ganboard.demo.study.Variant;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Short DCGAN trainings on the real Fashion-MNIST (skipped when it is not installed). What "it learns" means after
 * a few dozen steps of a tiny network: the samples stop being the generator's initial near-constant grey
 * (tanh of small activations: pixel mean about 0, where the data's is about -0.43 - mostly black background) and
 * the average generated image takes the average garment's silhouette (its pixel-wise correlation with the data's
 * mean image rises). Neither can happen by chance: the generator only sees the data through the critic.
 */
class FashionMnistTrainingTest {
    private static final Path DIR = ImageDataset.directory(System.getenv());
    private static ImageDataset data;
    private static float[] dataMeanImage;
    private static double dataMean;

    @BeforeAll
    static void load() {
        assumeTrue(ImageDataset.available(DIR), "Fashion-MNIST is not installed in " + DIR
                + " (apt install dataset-fashion-mnist, or set GANBOARD_FASHION_MNIST_DIR): skipping the DCGAN trainings");
        data = ImageDataset.fashionMnist(DIR);
        float[] sum = new float[ImageDataset.PIXELS];
        float[] one = new float[ImageDataset.PIXELS];
        int n = 5000;
        for (int i = 0; i < n; i++) {
            data.image(i, one, 0);
            for (int p = 0; p < one.length; p++) {
                sum[p] += one[p] / n;
            }
        }
        dataMeanImage = sum;
        dataMean = mean(sum);
    }

    @Test
    void conditionalNsGanMovesTowardTheDataAndLabelsItsSamples() {
        int steps = 60;
        MemorySink.Recorded first = train(LossKind.NS, true, 1);
        MemorySink.Recorded trained = train(LossKind.NS, true, steps);

        Samples before = first.checkpoints().get(0).samples();
        Samples after = trained.checkpoints().get(trained.checkpoints().size() - 1).samples();
        assertArrayEquals(new int[] {200, 1, 28, 28}, after.shape());
        assertTrue(after.allFinite());
        int[] perClass = new int[ImageDataset.CLASSES];
        for (int label : after.labels()) {
            perClass[label]++;
        }
        assertArrayEquals(new int[] {20, 20, 20, 20, 20, 20, 20, 20, 20, 20}, perClass, "balanced labels");

        double gapBefore = Math.abs(mean(before.data()) - dataMean);
        double gapAfter = Math.abs(mean(after.data()) - dataMean);
        assertTrue(gapAfter < 0.5 * gapBefore, String.format("pixel mean: data %.3f, generated %.3f at step 1, "
                + "%.3f at step %d", dataMean, mean(before.data()), mean(after.data()),
                steps));
        double corrBefore = correlation(meanImage(before), dataMeanImage);
        double corrAfter = correlation(meanImage(after), dataMeanImage);
        assertTrue(corrAfter > 0.5 && corrAfter > corrBefore + 0.2, String.format("correlation of the mean "
                + "generated image with the data's: %.3f at step 1, %.3f at step %d", corrBefore, corrAfter, steps));

        double dFirst = trained.steps().get(0).losses().get("loss/D");
        double dLate = trained.steps().subList(steps - 10, steps).stream()
                .mapToDouble(s -> s.losses().get("loss/D")).average().orElseThrow();
        assertTrue(Math.abs(dLate - dFirst) > 0.05, "loss/D did not move: " + dFirst + " -> " + dLate);
    }

    @Test
    void wganGpAndHingeTrainOnImagesWithoutLabels() {
        MemorySink.Recorded wgan = train(LossKind.WGAN_GP, false, 3);
        Map<String, Double> last = wgan.steps().get(2).losses();
        assertTrue(last.keySet().containsAll(List.of("loss/D", "loss/G", WganGpLoss.GP_KEY,
                WganGpLoss.WASSERSTEIN_KEY)), last.toString());
        assertTrue(last.values().stream().allMatch(Double::isFinite), last.toString());
        assertTrue(last.get(WganGpLoss.GP_KEY) > 0, last.toString());
        Samples s = wgan.checkpoints().get(0).samples();
        assertNull(s.labels());
        assertTrue(s.allFinite());
        MemorySink.Recorded hinge = train(LossKind.HINGE, false, 3);
        assertEquals("finished", hinge.status());
        assertTrue(Double.isFinite(hinge.steps().get(2).losses().get("loss/D")));
    }

    @Test
    void aSeedGivesTheSameLossesAndImagesEveryTime() {
        MemorySink.Recorded a = train(LossKind.HINGE, true, 3);
        MemorySink.Recorded b = train(LossKind.HINGE, true, 3);
        assertEquals(a.steps(), b.steps());
        assertArrayEquals(a.checkpoints().get(0).samples().data(), b.checkpoints().get(0).samples().data());
    }

    private static MemorySink.Recorded train(LossKind loss, boolean conditional, int steps) {
        Hyperparameters hp = new Hyperparameters(1e-3, 1e-3, 0.5, 0.999, 1, 10, 32, 16, 8, 1);
        Variant v = new Variant(loss.id(), loss, hp, Architecture.DCGAN, conditional);
        Study study = new Study("smoke", List.of(ImageDataset.FASHION_MNIST), List.of(v), List.of(3L), steps, steps,
                200);
        Job job = study.jobs().get(0);
        MemorySink sink = new MemorySink();
        var log = sink.open(job);
        new ImageGanTrainer(job, data).train(log, () -> false);
        log.finish();
        return sink.run(job);
    }

    private static float[] meanImage(Samples s) {
        float[] m = new float[ImageDataset.PIXELS];
        for (int i = 0; i < s.rows(); i++) {
            for (int p = 0; p < m.length; p++) {
                m[p] += s.data()[i * m.length + p] / s.rows();
            }
        }
        return m;
    }

    private static double mean(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += v;
        }
        return sum / x.length;
    }

    private static double correlation(float[] a, float[] b) {
        double ma = mean(a);
        double mb = mean(b);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
