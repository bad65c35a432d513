package dev.ganboard.worker.dataset;

import dev.ganboard.worker.EvaluationFailure;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * A user dataset as a folder of images ({@code folder:/path/dir}): one subfolder per class (class index = the
 * subfolder's rank in sorted name order), image files (.png, .jpg, .jpeg, .bmp, .gif) inside, all of one size.
 * Grayscale when every image is grayscale, else RGB. Images are taken in sorted path order, then split by
 * {@link HeldOutSplit}.
 */
final class FolderImageSource implements ImageSource {
    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif");

    private final String id;
    private final Path dir;

    FolderImageSource(String id, Path dir) {
        this.id = id;
        this.dir = dir;
    }

    @Override
    public ImageDataset.Splits load() {
        if (!Files.isDirectory(dir)) {
            throw new EvaluationFailure("dataset '" + id + "': " + dir + " is not a folder on this worker");
        }
        List<Path> classes = listSorted(dir, Files::isDirectory);
        if (classes.isEmpty()) {
            throw new EvaluationFailure("dataset '" + id + "': " + dir + " has no class subfolders (expected one "
                    + "subfolder of images per class)");
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            for (Path f : listSorted(classes.get(c), FolderImageSource::isImage)) {
                files.add(f);
                labels.add(c);
            }
        }
        if (files.isEmpty()) {
            throw new EvaluationFailure("dataset '" + id + "': no image files (" + EXTENSIONS + ") under " + dir);
        }
        List<BufferedImage> images = new ArrayList<>();
        boolean gray = true;
        for (Path f : files) {
            BufferedImage img = read(f);
            BufferedImage first = images.isEmpty() ? img : images.get(0);
            if (img.getWidth() != first.getWidth() || img.getHeight() != first.getHeight()) {
                throw new EvaluationFailure("dataset '" + id + "': " + f + " is " + img.getWidth() + "x"
                        + img.getHeight() + ", " + files.get(0) + " is " + first.getWidth() + "x" + first.getHeight()
                        + ": all images must have one size");
            }
            gray &= img.getColorModel().getNumColorComponents() == 1;
            images.add(img);
        }
        int w = images.get(0).getWidth();
        int h = images.get(0).getHeight();
        int ch = gray ? 1 : 3;
        float[] pixels = new float[images.size() * ch * h * w];
        int[] l = new int[images.size()];
        for (int i = 0; i < images.size(); i++) {
            BufferedImage img = images.get(i);
            int base = i * ch * h * w;
            // gray samples straight from the raster: getRGB would convert linear gray to sRGB and brighten it
            float grayMax = (1 << img.getSampleModel().getSampleSize(0)) - 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    if (gray) {
                        pixels[base + y * w + x] = img.getRaster().getSample(x, y, 0) / grayMax;
                    } else {
                        int rgb = img.getRGB(x, y);
                        pixels[base + y * w + x] = ((rgb >> 16) & 0xFF) / 255f;
                        pixels[base + h * w + y * w + x] = ((rgb >> 8) & 0xFF) / 255f;
                        pixels[base + 2 * h * w + y * w + x] = (rgb & 0xFF) / 255f;
                    }
                }
            }
            l[i] = labels.get(i);
        }
        ImageDataset.Splits s = HeldOutSplit.split(new ImageSet(id, ch, h, w, pixels, l), id);
        List<String> names = classes.stream().map(p -> p.getFileName().toString()).toList();
        return new ImageDataset.Splits(s.train(), s.test(), names.size(), names);
    }

    private BufferedImage read(Path f) {
        try {
            BufferedImage img = ImageIO.read(f.toFile());
            if (img == null) {
                throw new EvaluationFailure("dataset '" + id + "': " + f + " is not a readable image");
            }
            return img;
        } catch (IOException e) {
            throw new EvaluationFailure("dataset '" + id + "': cannot read " + f + ": " + e.getMessage());
        }
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && EXTENSIONS.stream().anyMatch(n::endsWith);
    }

    private List<Path> listSorted(Path folder, java.util.function.Predicate<Path> keep) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(keep).sorted().toList();
        } catch (IOException e) {
            throw new EvaluationFailure("dataset '" + id + "': cannot list " + folder + ": " + e.getMessage());
        }
    }

    @Override
    public String fingerprint() {
        // the listing's names, sizes and times: cheap, and changes when any image does
        StringBuilder b = new StringBuilder(id);
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).sorted().forEach(p -> b.append('|').append(dir.relativize(p))
                    .append(':').append(FileStamp.of(p)));
        } catch (IOException e) {
            b.append("|unlisted");
        }
        return b.toString();
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "image folder, one subfolder per class");
        m.put("dir", dir.toString());
        m.put("split", HeldOutSplit.RULE + " (sorted path order)");
        return m;
    }
}
