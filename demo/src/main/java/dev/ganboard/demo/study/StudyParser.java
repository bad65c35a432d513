package dev.ganboard.demo.study;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ganboard.demo.image.ImageDataset;
import dev.ganboard.demo.loss.LossKind;
import dev.ganboard.metrics.modes.Mixture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a parsed study file into a {@link Study}, checking every field and reporting all problems at once.
 * Hyper-parameters resolve in three layers: built-in defaults, the study's "hyperparameters", the variant's.
 */
public final class StudyParser {
    /** Built-in hyper-parameter defaults (the study file overrides them). */
    public static final Hyperparameters DEFAULTS =
            new Hyperparameters(1e-4, 1e-4, 0.5, 0.999, 1, 10.0, 256, 2, 128, 3);
    static final int DEFAULT_SAMPLES = 2500;

    // the SDK's rules for project names and variants; a project is "<study name>-<dataset>"
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,79}");
    private static final Pattern VARIANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.+:-]{0,99}");
    private static final Set<String> TOP = new LinkedHashSet<>(List.of("name", "dataset", "datasets", "seeds",
            "steps", "checkpoint_every", "samples_per_checkpoint", "hyperparameters", "variants", "description"));
    private static final Set<String> VARIANT_FIELDS = new LinkedHashSet<>(List.of("name", "loss", "architecture",
            "conditional", "hyperparameters"));
    private static final Set<String> HYPER = new LinkedHashSet<>(List.of("lr_g", "lr_d", "beta1", "beta2",
            "n_critic", "gp_weight", "batch_size", "latent_dim", "hidden_width", "hidden_layers"));

    private StudyParser() {
    }

    public static Study parse(JsonNode root, String source) {
        List<String> errors = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new StudyException(source, List.of("(root): must be an object with name, dataset, variants, "
                    + "seeds and steps"));
        }
        FieldReader top = new FieldReader(root, "", errors);
        top.rejectUnknown(TOP);
        String name = top.text("name", null);
        if (name != null && !NAME.matcher(name).matches()) {
            top.error("name", "must start with a letter and have at most 80 letters, digits, '_', '.', '-', got '"
                    + name + "'");
        }
        List<String> datasets = datasets(top);
        List<Long> seeds = seeds(top);
        Integer steps = top.integer("steps", null, 1, 10_000_000);
        Integer every = top.integer("checkpoint_every", steps == null ? 1 : Math.min(500, steps), 1, 10_000_000);
        Integer samples = top.integer("samples_per_checkpoint", DEFAULT_SAMPLES, 10, 1_000_000);
        Hyperparameters shared = hyperparameters(top, "hyperparameters", DEFAULTS, errors);
        List<Variant> variants = variants(top, shared, datasets, errors);
        if (!errors.isEmpty()) {
            throw new StudyException(source, errors);
        }
        return new Study(name, datasets, variants, seeds, steps, every, samples);
    }

    private static boolean isMixture(String id) {
        return Arrays.stream(Mixture.values()).anyMatch(m -> m.id().equals(id));
    }

    private static List<String> datasets(FieldReader top) {
        List<String> ids = new ArrayList<>(Arrays.stream(Mixture.values()).map(Mixture::id).toList());
        ids.addAll(ImageDataset.ids());
        String known = String.join(" | ", ids);
        List<String> out = new ArrayList<>();
        if (top.has("dataset") == top.has("datasets")) {
            top.error("dataset", "give exactly one of 'dataset' (" + known + ") or 'datasets' (a list of them)");
            return out;
        }
        String field = top.has("dataset") ? "dataset" : "datasets";
        JsonNode v = top.get(field);
        List<JsonNode> items = new ArrayList<>();
        if (v.isArray() && field.equals("datasets")) {
            v.forEach(items::add);
        } else if (v.isTextual() && field.equals("dataset")) {
            items.add(v);
        } else {
            top.error(top.field(field), field.equals("dataset") ? "must be a string (" + known + ")"
                    : "must be a list of datasets (" + known + ")");
            return out;
        }
        if (items.isEmpty()) {
            top.error(top.field(field), "must name at least one dataset (" + known + ")");
        }
        for (int i = 0; i < items.size(); i++) {
            String where = field.equals("dataset") ? "dataset" : "datasets[" + i + "]";
            String id = items.get(i).asText().trim().toLowerCase(Locale.ROOT);
            if (!ids.contains(id)) {
                top.error(where, "unknown dataset " + items.get(i) + " (known: " + known + ")");
            } else if (out.contains(id)) {
                top.error(where, "dataset '" + id + "' is listed twice");
            } else {
                out.add(id);
            }
        }
        if (out.stream().anyMatch(StudyParser::isMixture) && out.stream().anyMatch(ImageDataset::isImageDataset)) {
            top.error(top.field(field), "cannot mix 2-D mixtures and image datasets in one study (they need "
                    + "different architectures), got " + out);
        }
        return out;
    }

    /** A list of distinct non-negative integers, or a count n meaning seeds 1..n. */
    private static List<Long> seeds(FieldReader top) {
        List<Long> out = new ArrayList<>();
        if (!top.has("seeds")) {
            top.error("seeds", "is required: a list of integers, or a count n for seeds 1..n");
            return out;
        }
        JsonNode v = top.get("seeds");
        if (v.isIntegralNumber()) {
            Integer n = top.integer("seeds", 1, 1, 1000);
            for (long s = 1; s <= n; s++) {
                out.add(s);
            }
            return out;
        }
        if (!v.isArray() || v.isEmpty()) {
            top.error("seeds", "must be a non-empty list of integers, or a count n for seeds 1..n, got " + v);
            return out;
        }
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode s = v.get(i);
            if (!s.isIntegralNumber() || s.asLong() < 0) {
                top.error("seeds[" + i + "]", "must be a non-negative integer, got " + s);
            } else if (!seen.add(s.asLong())) {
                top.error("seeds[" + i + "]", "seed " + s + " is listed twice");
            } else {
                out.add(s.asLong());
            }
        }
        return out;
    }

    private static List<Variant> variants(FieldReader top, Hyperparameters shared, List<String> datasets,
                                          List<String> errors) {
        boolean images = !datasets.isEmpty() && datasets.stream().allMatch(ImageDataset::isImageDataset);
        List<Variant> out = new ArrayList<>();
        JsonNode v = top.get("variants");
        if (v == null || !v.isArray() || v.isEmpty()) {
            top.error("variants", "must be a non-empty list of {name, loss, hyperparameters}");
            return out;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < v.size(); i++) {
            String path = "variants[" + i + "]";
            if (!v.get(i).isObject()) {
                top.error(path, "must be an object {name, loss, hyperparameters}");
                continue;
            }
            FieldReader r = new FieldReader(v.get(i), path, errors);
            r.rejectUnknown(VARIANT_FIELDS);
            String name = r.text("name", null);
            if (name != null && !VARIANT.matcher(name).matches()) {
                r.error(r.field("name"), "1-100 letters, digits, spaces or '_.+:-', starting with a letter or "
                        + "digit, got '" + name + "'");
            } else if (name != null && !names.add(name)) {
                r.error(r.field("name"), "variant '" + name + "' is defined twice");
            }
            String lossId = r.text("loss", null);
            LossKind loss = lossId == null ? null : LossKind.parse(lossId).orElse(null);
            if (lossId != null && loss == null) {
                r.error(r.field("loss"), "unknown loss '" + lossId + "' (known: " + LossKind.known() + ")");
            }
            Architecture architecture = architecture(r, images, datasets);
            boolean conditional = r.bool("conditional", false);
            if (conditional && !images && !datasets.isEmpty()) {
                r.error(r.field("conditional"), "needs class labels, which only image datasets ("
                        + String.join(" | ", ImageDataset.ids()) + ") have; datasets are " + datasets);
            }
            Hyperparameters hp = hyperparameters(r, "hyperparameters", shared, errors);
            out.add(new Variant(name, loss, hp, architecture, conditional));
        }
        return out;
    }

    /** Default: dcgan on image datasets, mlp on the mixtures; the other one is an error naming the dataset. */
    private static Architecture architecture(FieldReader r, boolean images, List<String> datasets) {
        Architecture fallback = images ? Architecture.DCGAN : Architecture.MLP;
        String id = r.text("architecture", fallback.id());
        if (id == null) {
            return fallback;
        }
        Architecture a = Architecture.parse(id).orElse(null);
        if (a == null) {
            r.error(r.field("architecture"), "unknown architecture '" + id + "' (known: " + Architecture.known()
                    + ")");
            return fallback;
        }
        if (!datasets.isEmpty() && a != fallback) {
            r.error(r.field("architecture"), "'" + a.id() + "' " + (a == Architecture.MLP
                    ? "trains on the 2-D mixtures; image datasets " + datasets + " need 'dcgan'"
                    : "trains on 28x28 images; the 2-D mixtures " + datasets + " need 'mlp'"));
        }
        return a;
    }

    private static Hyperparameters hyperparameters(FieldReader parent, String key, Hyperparameters base,
                                                   List<String> errors) {
        if (!parent.has(key)) {
            return base;
        }
        if (!parent.get(key).isObject()) {
            parent.error(parent.field(key), "must be an object with any of " + String.join(", ", HYPER));
            return base;
        }
        FieldReader r = new FieldReader(parent.get(key), parent.field(key), errors);
        r.rejectUnknown(HYPER);
        return new Hyperparameters(
                r.number("lr_g", base.lrG(), 0, 1, true, false),
                r.number("lr_d", base.lrD(), 0, 1, true, false),
                r.number("beta1", base.beta1(), 0, 1, false, true),
                r.number("beta2", base.beta2(), 0, 1, false, true),
                r.integer("n_critic", base.nCritic(), 1, 100),
                r.number("gp_weight", base.gpWeight(), 0, 1e6, false, false),
                r.integer("batch_size", base.batchSize(), 1, 65_536),
                r.integer("latent_dim", base.latentDim(), 1, 4096),
                r.integer("hidden_width", base.hiddenWidth(), 1, 4096),
                r.integer("hidden_layers", base.hiddenLayers(), 1, 16));
    }

}
