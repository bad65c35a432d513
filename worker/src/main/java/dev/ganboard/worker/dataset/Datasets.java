package dev.ganboard.worker.dataset;

import dev.ganboard.metrics.modes.Mixture;
import dev.ganboard.worker.ImageSettings;
import dev.ganboard.worker.EvaluationFailure;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The datasets this worker can evaluate against, by the id a project gives: the built-in ones (ring8, grid25,
 * fashion-mnist, mnist) and user datasets named by path, {@code npy:/path/images.npy} and {@code folder:/path/dir}
 * (created on first use; the files are read only when an evaluation needs them).
 */
public final class Datasets {
    public static final String NPY_PREFIX = "npy:";
    public static final String FOLDER_PREFIX = "folder:";
    static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private final Map<String, Dataset> byId = new LinkedHashMap<>();
    private final boolean userDatasets;
    private final Map<String, Dataset> byPath = new ConcurrentHashMap<>();

    public Datasets(Dataset... datasets) {
        this(false, datasets);
    }

    private Datasets(boolean userDatasets, Dataset... datasets) {
        this.userDatasets = userDatasets;
        for (Dataset d : datasets) {
            byId.put(d.id(), d);
        }
    }

    /** The built-ins configured from the environment (see {@link ImageSettings#fromEnvironment}). */
    public static Datasets standard() {
        return standard(ImageSettings.fromEnvironment());
    }

    public static Datasets standard(ImageSettings settings) {
        return new Datasets(true, new MixtureDataset(Mixture.RING8), new MixtureDataset(Mixture.GRID25),
                new ImageDataset("fashion-mnist", new IdxSource("fashion-mnist", settings.fashionMnistDir(),
                        "GANBOARD_FASHION_MNIST_DIR", FASHION_MNIST_CLASSES)),
                new ImageDataset("mnist", new IdxSource("mnist", settings.mnistDir(), "GANBOARD_MNIST_DIR", DIGITS)));
    }

    public Dataset find(String id) {
        if (id == null || id.isBlank()) {
            throw new EvaluationFailure("the run's project names no dataset, so there is nothing to compare the "
                    + "samples with (supported: " + supported() + ")");
        }
        String s = id.strip();
        if (userDatasets && (s.startsWith(NPY_PREFIX) || s.startsWith(FOLDER_PREFIX))) {
            return byPath.computeIfAbsent(s, Datasets::userDataset);
        }
        Dataset d = byId.get(s.toLowerCase(Locale.ROOT));
        if (d == null) {
            throw new EvaluationFailure("dataset '" + id + "' is not supported by this worker yet (supported: "
                    + supported() + ")");
        }
        return d;
    }

    private String supported() {
        return String.join(", ", byId.keySet()) + (userDatasets ? ", " + NPY_PREFIX + "/path/images.npy, "
                + FOLDER_PREFIX + "/path/dir" : "");
    }

    private static Dataset userDataset(String id) {
        boolean npy = id.startsWith(NPY_PREFIX);
        String path = id.substring(npy ? NPY_PREFIX.length() : FOLDER_PREFIX.length());
        if (path.isBlank() || !Path.of(path).isAbsolute()) {
            throw new EvaluationFailure("dataset '" + id + "': give an absolute path, e.g. "
                    + (npy ? NPY_PREFIX + "/data/images.npy" : FOLDER_PREFIX + "/data/images"));
        }
        return new ImageDataset(id, npy ? new NpyImageSource(id, Path.of(path)) : new FolderImageSource(id,
                Path.of(path)));
    }
}
