package dev.ganboard.worker.dataset;

import dev.ganboard.metrics.core.InvalidInputException;
import dev.ganboard.worker.EvaluationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MNIST-style IDX files in one folder: train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,
 * t10k-labels-idx1-ubyte (each plain or .gz). The official split: train = training, t10k = held-out reference.
 */
final class IdxSource implements ImageSource {
    private final String id;
    private final Path dir;
    private final String setting;
    private final List<String> classNames;

    /** {@code setting} names how to point the worker at the folder, for the error message. */
    IdxSource(String id, Path dir, String setting, List<String> classNames) {
        this.id = id;
        this.dir = dir;
        this.setting = setting;
        this.classNames = classNames;
    }

    @Override
    public ImageDataset.Splits load() {
        if (dir == null) {
            throw new EvaluationFailure("dataset '" + id + "' is not configured on this worker: set " + setting
                    + " to a folder holding its IDX files (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, "
                    + "t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz)");
        }
        for (String base : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
            if (!Files.isRegularFile(IdxImages.find(dir, base))) {
                throw new EvaluationFailure("dataset '" + id + "' is not available on this worker: "
                        + IdxImages.find(dir, base) + " does not exist (set " + setting
                        + " to the folder holding the IDX files" + ("fashion-mnist".equals(id)
                        ? ", or install the Debian package dataset-fashion-mnist" : "") + ")");
            }
        }
        try {
            ImageSet train = IdxImages.read(id + " train", IdxImages.find(dir, "train-images-idx3-ubyte"),
                    IdxImages.find(dir, "train-labels-idx1-ubyte"));
            ImageSet test = IdxImages.read(id + " test", IdxImages.find(dir, "t10k-images-idx3-ubyte"),
                    IdxImages.find(dir, "t10k-labels-idx1-ubyte"));
            return new ImageDataset.Splits(train, test, classNames.size(), classNames);
        } catch (InvalidInputException e) {
            throw new EvaluationFailure("dataset '" + id + "' cannot be read: " + e.getMessage());
        }
    }

    @Override
    public String fingerprint() {
        return id;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "IDX");
        m.put("dir", String.valueOf(dir));
        m.put("split", "official: train-* for training, t10k-* held out");
        return m;
    }
}
