package dev.ganboard.worker.classifier;

import java.util.Map;

/**
 * The trained domain classifier of one dataset and what is known about it.
 *
 * @param extractorId  "domain-cnn:<dataset>"
 * @param cacheKey     names its files in the cache (dataset content, recipe version, seed, steps)
 * @param testAccuracy its accuracy on the dataset's held-out images (the GAN-train/GAN-test baseline)
 * @param description  recipe, accuracy, training time and sizes, stored with every evaluation that used it
 */
public record DomainModel(String extractorId, String cacheKey, TrainedClassifier classifier, CnnRecipe recipe,
                          double testAccuracy, Map<String, Object> description) {
}
