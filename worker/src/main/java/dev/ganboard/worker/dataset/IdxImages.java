package dev.ganboard.worker.dataset;

import dev.ganboard.metrics.core.InvalidInputException;
import dev.ganboard.metrics.io.IdxFile;
import java.nio.file.Files;
import java.nio.file.Path;

/** An (images, labels) pair of IDX files as an {@link ImageSet}: [N, H, W] ubyte images scaled by 1/255. */
public final class IdxImages {
    private IdxImages() {
    }

    public static ImageSet read(String name, Path images, Path labels) {
        IdxFile img = IdxFile.read(images);
        IdxFile lab = IdxFile.read(labels);
        if (img.dims().length != 3) {
            throw new InvalidInputException(images + ": expected IDX images [N, H, W], got rank " + img.dims().length);
        }
        if (lab.dims().length != 1 || lab.dims()[0] != img.dims()[0]) {
            throw new InvalidInputException(labels + ": expected " + img.dims()[0] + " labels [N], got dimensions "
                    + java.util.Arrays.toString(lab.dims()));
        }
        byte[] raw = img.data();
        float[] pixels = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            pixels[i] = (raw[i] & 0xFF) / 255f;
        }
        int[] l = new int[lab.data().length];
        for (int i = 0; i < l.length; i++) {
            l[i] = lab.data()[i] & 0xFF;
        }
        return new ImageSet(name, 1, img.dims()[1], img.dims()[2], pixels, l);
    }

    /** {@code dir/base} with or without ".gz", whichever exists (the gzipped name when neither does). */
    public static Path find(Path dir, String base) {
        Path gz = dir.resolve(base + ".gz");
        Path plain = dir.resolve(base);
        return Files.exists(gz) || !Files.exists(plain) ? gz : plain;
    }
}
