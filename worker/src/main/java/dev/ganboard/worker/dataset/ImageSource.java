package dev.ganboard.worker.dataset;

import java.util.Map;

/** Where an image dataset's files are and how they split into training and held-out images. */
interface ImageSource {
    /** Reads the files; a missing or unreadable file ends in an EvaluationFailure naming it and the fix. */
    ImageDataset.Splits load();

    /** Identifies the content for cache keys: changes when the files change. */
    String fingerprint();

    /** Stored with every number computed against the dataset. */
    Map<String, Object> describe();
}
