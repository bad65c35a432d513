package dev.ganboard.worker.dataset;

import dev.ganboard.metrics.core.InvalidInputException;
import dev.ganboard.metrics.io.NpyArray;
import dev.ganboard.worker.EvaluationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A user dataset in an .npy file ({@code npy:/path/x.npy}): images [N, C, H, W] or [N, H, W] (uint8 0..255 or
 * floats in [0, 1] / [-1, 1], inferred as for samples) and their class labels in {@code /path/x.labels.npy} ([N],
 * any integer dtype). Split by {@link HeldOutSplit}.
 */
final class NpyImageSource implements ImageSource {
    private final String id;
    private final Path file;

    NpyImageSource(String id, Path file) {
        this.id = id;
        this.file = file;
    }

    Path labelsFile() {
        String name = file.getFileName().toString();
        String stem = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
        return file.resolveSibling(stem + ".labels.npy");
    }

    @Override
    public ImageDataset.Splits load() {
        if (!Files.isRegularFile(file)) {
            throw new EvaluationFailure("dataset '" + id + "': " + file + " does not exist on this worker");
        }
        if (!Files.isRegularFile(labelsFile())) {
            throw new EvaluationFailure("dataset '" + id + "': no labels file " + labelsFile() + " (the domain "
                    + "classifier is trained on labelled images: save the labels [N] as an integer .npy there)");
        }
        try {
            ImageArray raw = ImageArray.readNpy(file, id, Integer.MAX_VALUE);
            NpyArray labels = NpyArray.parse(Files.readAllBytes(labelsFile()), labelsFile().toString());
            int[] l = Labels.of(labels, labelsFile().toString(), raw.rows(), raw.total());
            return HeldOutSplit.split(raw.toImages(null, l).images(), id);
        } catch (InvalidInputException e) {
            throw new EvaluationFailure("dataset '" + id + "' cannot be read: " + e.getMessage());
        } catch (IOException e) {
            throw new EvaluationFailure("dataset '" + id + "' cannot be read: " + e);
        }
    }

    @Override
    public String fingerprint() {
        return id + "|" + FileStamp.of(file) + "|" + FileStamp.of(labelsFile());
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "npy");
        m.put("file", file.toString());
        m.put("labels", labelsFile().toString());
        m.put("split", HeldOutSplit.RULE);
        return m;
    }
}
