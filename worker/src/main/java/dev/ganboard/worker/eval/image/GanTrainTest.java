package dev.ganboard.worker.eval.image;

import dev.ganboard.worker.classifier.ClassifierTrainer;
import dev.ganboard.worker.classifier.DomainModel;
import dev.ganboard.worker.classifier.Progress;
import dev.ganboard.worker.classifier.TrainedClassifier;
import dev.ganboard.worker.dataset.ImageSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GAN-train and GAN-test (Shmelkov, Schmid & Alahari, "How good is my GAN?", ECCV 2018), for class-conditional
 * samples. GAN-test: accuracy of the domain classifier (trained on real training images) on the generated images
 * against the classes they were generated for. GAN-train: a fresh classifier with the same architecture, recipe
 * and seed trained on the generated images and their classes, accuracy on the real held-out images. Baseline: the
 * domain classifier's own held-out accuracy (trained on real, tested on real).
 */
final class GanTrainTest {
    private GanTrainTest() {
    }

    static Map<String, Object> ganTest(double accuracy, int n, DomainModel model) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("applicable", true);
        m.put("gan_test", accuracy);
        m.put("gan_baseline", model.testAccuracy());
        m.put("n", n);
        m.put("definition", "accuracy of " + model.extractorId() + " (trained on real training images) on the "
                + "samples against their conditioning labels");
        return m;
    }

    static Map<String, Object> ganTrain(ImageSet generated, ImageSet realTest, int classes, DomainModel model,
                                        Progress progress) {
        long t0 = System.nanoTime();
        byte[] params = new ClassifierTrainer(model.recipe()).train(generated, classes, "gan-train", progress);
        double accuracy;
        try (TrainedClassifier c = TrainedClassifier.load(params, model.recipe(), classes, realTest.shape())) {
            accuracy = c.accuracy(realTest, Progress.NONE);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("applicable", true);
        m.put("gan_train", accuracy);
        m.put("gan_baseline", model.testAccuracy());
        m.put("n_train_generated", generated.size());
        m.put("n_test_real", realTest.size());
        m.put("recipe", model.recipe().describe());
        m.put("seconds", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
        m.put("definition", "a fresh classifier (same architecture, recipe, seed and step count as "
                + model.extractorId() + ") trained on the samples and their labels; accuracy on the real held-out "
                + "images");
        return m;
    }

    static Map<String, Object> notApplicable(String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("applicable", false);
        m.put("reason", reason);
        return m;
    }
}
