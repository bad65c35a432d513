package dev.ganboard.worker.dataset;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.core.FeatureSource;
import dev.ganboard.metrics.core.InvalidInputException;
import dev.ganboard.metrics.core.MetricResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image dataset (Fashion-MNIST, MNIST, a user's .npy or folder): labelled training images for the domain
 * classifier and held-out images as the reference. Loaded on first use, so a worker starts without the files and
 * only checkpoints naming the dataset fail (with the reason). The image suite ({@code eval.image.ImageSuite})
 * computes the collapse indicators, which need the domain classifier: {@link #collapse} is not used for images.
 */
public final class ImageDataset implements Dataset {
    /** Training and held-out images, both labelled with 0 .. classes - 1. */
    public record Splits(ImageSet train, ImageSet test, int classes, List<String> classNames) {
    }

    private final String id;
    private final ImageSource source;
    private volatile Splits splits;

    ImageDataset(String id, ImageSource source) {
        this.id = id;
        this.source = source;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String defaultExtractor() {
        return "domain-cnn:" + id;
    }

    /** Reads the files on first call; an EvaluationFailure (absent, unreadable) is not remembered. */
    public Splits splits() {
        Splits s = splits;
        if (s == null) {
            synchronized (this) {
                s = splits;
                if (s == null) {
                    s = source.load();
                    splits = s;
                }
            }
        }
        return s;
    }

    /** Identifies the content (cache keys of the classifier and of reference features). */
    public String fingerprint() {
        return source.fingerprint();
    }

    public int[] imageShape() {
        return splits().test().shape();
    }

    @Override
    public void requireSampleShape(FeatureSource samples) {
        int[] s = imageShape();
        if (samples.cols() != s[0] * s[1] * s[2]) {
            throw new InvalidInputException(samples.name() + ": " + samples.cols() + " values per sample: " + id
                    + " samples are images of shape " + shapeText());
        }
    }

    /** The expected array shapes in words, e.g. "[N, 1, 28, 28] or [N, 28, 28]". */
    public String shapeText() {
        int[] s = imageShape();
        return "[N, " + s[0] + ", " + s[1] + ", " + s[2] + "]" + (s[0] == 1 ? " or [N, " + s[1] + ", " + s[2] + "]"
                : "");
    }

    /** The first {@code n} held-out images, one flattened image per row on [0, 1]. */
    @Override
    public DenseMatrix reference(int n) {
        return splits().test().head(n).toMatrix();
    }

    @Override
    public Map<String, Object> referenceDescription(int n) {
        Splits s = splits();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", id);
        m.put("split", "held-out (test)");
        m.put("n", Math.min(n, s.test().size()));
        m.put("n_train", s.train().size());
        m.put("image_shape", List.of(s.test().channels(), s.test().height(), s.test().width()));
        m.put("classes", s.classes());
        m.put("class_names", s.classNames());
        m.put("source", source.describe());
        return m;
    }

    @Override
    public MetricResult collapse(DenseMatrix samples) {
        throw new UnsupportedOperationException("image collapse indicators need the domain classifier (ImageSuite)");
    }

    @Override
    public boolean collapsed(MetricResult indicators) {
        throw new UnsupportedOperationException("image collapse verdicts come from the ImageSuite");
    }

    @Override
    public String collapseRule() {
        return "see the image suite's collapse_rule";
    }
}
