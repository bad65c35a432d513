package dev.ganboard.bench;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.fid.Fid;
import dev.ganboard.metrics.io.NpyArray;
import dev.ganboard.metrics.io.NpyDtype;
import dev.ganboard.metrics.io.NpzFile;
import dev.ganboard.worker.ImageSettings;
import dev.ganboard.worker.classifier.CnnRecipe;
import dev.ganboard.worker.classifier.DomainClassifiers;
import dev.ganboard.worker.classifier.DomainModel;
import dev.ganboard.worker.classifier.Progress;
import dev.ganboard.worker.cli.GanboardCli;
import dev.ganboard.worker.dataset.Datasets;
import dev.ganboard.worker.dataset.ImageDataset;
import dev.ganboard.worker.dataset.ImageSet;
import dev.ganboard.worker.EvaluationInput;
import dev.ganboard.worker.EvaluationReport;
import dev.ganboard.worker.Evaluator;
import dev.ganboard.worker.eval.SamplesEvaluator;
import dev.ganboard.worker.eval.image.ImageSuite;
import dev.ganboard.worker.features.FeatureExtractors;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ganboard bench eval}: the image suite on Fashion-MNIST with domain-cnn, stage by stage, from an empty
 * cache: training the domain classifier, the first evaluation (which also computes the reference features), then
 * repeated evaluations without GAN-train and GAN-train alone. Baseline measured in the same run: FID alone on the
 * same 10,000 x 128 features. Writes its section of docs/benchmarks.md.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Benchmark the image evaluation suite (Fashion-MNIST, domain-cnn) stage by stage.")
public final class BenchEvalCommand implements Callable<Integer> {
    static final String SECTION = "## Image evaluation suite (Fashion-MNIST, domain-cnn)";

    @Spec
    CommandSpec spec;

    @Option(names = "--n", defaultValue = "10000", description = "samples per evaluation (default: ${DEFAULT-VALUE})")
    int n;

    @Option(names = "--reps", defaultValue = "3", description = "evaluations without GAN-train (default: ${DEFAULT-VALUE})")
    int reps;

    @Option(names = "--gan-train-reps", defaultValue = "1", description = "GAN-train runs (default: ${DEFAULT-VALUE})")
    int ganTrainReps;

    @Option(names = "--work-dir", description = "scratch folder, emptied first (default: <tmpdir>/ganboard-bench-eval)")
    Path workDir;

    @Option(names = "--docs", defaultValue = "docs/benchmarks.md",
            description = "file whose image-suite section is rewritten (default: ${DEFAULT-VALUE})")
    Path docs;

    @Option(names = "--no-docs", description = "do not touch the docs")
    boolean noDocs;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        String loadAtStart = BenchFidCommand.loadAverage();
        Path work = workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"), "ganboard-bench-eval");
        deleteTree(work);
        Files.createDirectories(work);
        ImageSettings settings = ImageSettings.fromEnvironment().withCacheDir(work.resolve("cache"))
                .withGanTrain(true);
        Datasets datasets = Datasets.standard(settings);
        DomainClassifiers classifiers = new DomainClassifiers(settings.cacheDir(), CnnRecipe.DEFAULT);
        FeatureExtractors extractors = FeatureExtractors.standard(datasets, classifiers, settings);
        Evaluator evaluator = new SamplesEvaluator(datasets, extractors, Math.max(n, 1),
                new ImageSuite(classifiers, extractors, settings));
        ImageDataset fashion = (ImageDataset) datasets.find("fashion-mnist");

        long t0 = System.nanoTime();
        ImageDataset.Splits splits = fashion.splits();
        double loadSeconds = seconds(t0);
        out.printf(Locale.ROOT, "dataset loaded: %d train, %d test (%.1f s)%n", splits.train().size(),
                splits.test().size(), loadSeconds);
        // stand-in samples: the first n training images with their labels, uploaded as uint8 .npz
        Path samples = writeSamples(work.resolve("samples.npz"), splits.train().head(n));

        t0 = System.nanoTime();
        double c0 = cpuSeconds();
        DomainModel model = classifiers.get(fashion, Progress.NONE);
        double trainSeconds = seconds(t0);
        double trainCpu = cpuSeconds() - c0;
        out.printf(Locale.ROOT, "domain classifier: %.1f s (CPU %.1f s), test accuracy %.4f%n", trainSeconds,
                trainCpu, model.testAccuracy());
        out.flush();

        t0 = System.nanoTime();
        EvaluationReport first = evaluate(evaluator, samples, false);
        double firstSeconds = seconds(t0);
        out.printf(Locale.ROOT, "first evaluation (reference features computed): %.1f s%n", firstSeconds);
        out.flush();

        List<Double> suite = new ArrayList<>();
        List<Double> suiteCpu = new ArrayList<>();
        Map<String, Object> timings = null;
        for (int r = 0; r < reps; r++) {
            t0 = System.nanoTime();
            c0 = cpuSeconds();
            EvaluationReport rep = evaluate(evaluator, samples, false);
            suite.add(seconds(t0));
            suiteCpu.add(cpuSeconds() - c0);
            timings = details(rep, "timings_s");
            out.printf(Locale.ROOT, "suite without GAN-train, run %d: %.2f s %s%n", r + 1, suite.getLast(), timings);
            out.flush();
        }

        List<Double> ganTrain = new ArrayList<>();
        List<Double> ganTrainCpu = new ArrayList<>();
        Object ganTrainAccuracy = null;
        for (int r = 0; r < ganTrainReps; r++) {
            c0 = cpuSeconds();
            EvaluationReport rep = evaluate(evaluator, samples, true);
            // CPU of the whole evaluation minus the median suite without GAN-train
            ganTrainCpu.add(cpuSeconds() - c0 - median(suiteCpu));
            Map<String, Object> g = details(rep, "gan_train");
            ganTrain.add(((Number) g.get("seconds")).doubleValue());
            ganTrainAccuracy = g.get("gan_train");
            out.printf(Locale.ROOT, "GAN-train alone, run %d: %.1f s (accuracy %s)%n", r + 1, ganTrain.getLast(),
                    ganTrainAccuracy);
            out.flush();
        }

        DenseMatrix real = classifiers.splitOutputs(model, fashion, "test", Progress.NONE).featureMatrix("real");
        DenseMatrix fake = model.classifier().predict(splits.train().head(n), Progress.NONE).featureMatrix("fake");
        List<Double> fid = new ArrayList<>();
        for (int r = 0; r < Math.max(3, reps); r++) {
            t0 = System.nanoTime();
            new Fid().compute(real, fake);
            fid.add(seconds(t0));
        }
        String loadAtEnd = BenchFidCommand.loadAverage();

        Figures f = new Figures(n, reps, ganTrainReps, model, trainSeconds, trainCpu, firstSeconds, suite, suiteCpu,
                timings, ganTrain, ganTrainCpu, ganTrainAccuracy, fid, loadAtStart, loadAtEnd, first.metrics());
        out.println();
        out.println(f.section());
        if (!noDocs) {
            f.writeSection(docs);
            out.println("updated the '" + SECTION + "' section of " + docs);
        }
        return GanboardCli.EXIT_OK;
    }

    private static EvaluationReport evaluate(Evaluator evaluator, Path samples, boolean ganTrain) {
        return evaluator.evaluate(new EvaluationInput(samples, "bench samples", "fashion-mnist",
                Map.of("gan_train", Boolean.toString(ganTrain))));
    }

    private static Path writeSamples(Path file, ImageSet images) throws IOException {
        double[] pixels = new double[images.pixels().length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = Math.round(images.pixels()[i] * 255);
        }
        Map<String, NpyArray> m = new LinkedHashMap<>();
        m.put("samples", new NpyArray(new long[] {images.size(), images.height(), images.width()}, NpyDtype.UINT8,
                pixels));
        m.put("labels", new NpyArray(new long[] {images.size()}, NpyDtype.INT64,
                java.util.Arrays.stream(images.labels()).asDoubleStream().toArray()));
        NpzFile.write(file, m);
        return file;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(EvaluationReport r, String key) {
        return (Map<String, Object>) ((Map<String, Object>) r.metrics().get("details")).get(key);
    }

    /** CPU time of the whole process (every thread: libtorch, OpenBLAS, GC), independent of other jobs' load. */
    private static double cpuSeconds() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        int k = s.size();
        return k == 0 ? Double.NaN : k % 2 == 1 ? s.get(k / 2) : (s.get(k / 2 - 1) + s.get(k / 2)) / 2;
    }

    record Figures(int n, int reps, int ganTrainReps, DomainModel model, double trainSeconds, double trainCpu,
                   double firstSeconds, List<Double> suite, List<Double> suiteCpu, Map<String, Object> timings,
                   List<Double> ganTrain, List<Double> ganTrainCpu, Object ganTrainAccuracy,
                   List<Double> fid, String loadAtStart, String loadAtEnd, Map<String, Object> metrics) {

        String section() {
            double suiteMedian = median(suite);
            double fidMedian = median(fid);
            StringBuilder b = new StringBuilder(SECTION).append("\n\n");
            b.append(String.format(Locale.ROOT, "Measured %s on %d cores (Java %s, libtorch intra-op threads %s) with%n%n",
                    LocalDate.now(), Runtime.getRuntime().availableProcessors(), Runtime.version(),
                    System.getProperty("ai.djl.pytorch.num_threads")));
            b.append(String.format(Locale.ROOT, "    ./ganboard bench eval --n %d --reps %d --gan-train-reps %d%n%n", n,
                    reps, ganTrainReps));
            b.append(String.format(Locale.ROOT, "Task: the image suite on %d Fashion-MNIST images (the first %d "
                    + "training images with their labels, as a uint8 .npz upload) against the 10,000 held-out "
                    + "images, extractor domain-cnn:fashion-mnist, starting from an empty cache. Baseline: FID alone "
                    + "on the same %d x 128 features (in-process, median of %d).%n%n", n, n, n, fid.size()));
            b.append("| stage | wall (s) | process CPU (s) | target (wall) |\n|---|---:|---:|---:|\n");
            b.append(String.format(Locale.ROOT, "| train the domain classifier (once per dataset, cached; %s steps of "
                    + "%d) | %.1f | %.1f | < 120 |%n", model.recipe().steps(), model.recipe().batchSize(), trainSeconds,
                    trainCpu));
            b.append(String.format(Locale.ROOT, "| first evaluation (computes and caches the reference features) | "
                    + "%.1f | | |%n", firstSeconds));
            b.append(String.format(Locale.ROOT, "| suite without GAN-train (median of %d) | %.2f | %.1f | <= 20 |%n",
                    suite.size(), suiteMedian, median(suiteCpu)));
            b.append(String.format(Locale.ROOT, "| GAN-train alone (median of %d) | %.1f | %.1f | <= 60 |%n",
                    ganTrain.size(), median(ganTrain), median(ganTrainCpu)));
            b.append(String.format(Locale.ROOT, "| baseline: FID alone | %.3f | | |%n%n", fidMedian));
            b.append(String.format(Locale.ROOT, "- Domain classifier test accuracy: **%.4f** (target >= 0.88).%n",
                    model.testAccuracy()));
            b.append(String.format(Locale.ROOT, "- Evaluations per minute without GAN-train: **%.1f**; with "
                    + "GAN-train: %.1f.%n", 60 / suiteMedian, 60 / (suiteMedian + median(ganTrain))));
            b.append(String.format(Locale.ROOT, "- Suite / FID-alone ratio: %.1f.%n", suiteMedian / fidMedian));
            b.append("- Stages of the last run without GAN-train (s): ").append(timings).append(".\n");
            b.append("- Suite runs (s): ").append(list(suite)).append("; GAN-train runs (s): ")
                    .append(list(ganTrain)).append(" (GAN-train accuracy ").append(ganTrainAccuracy)
                    .append(").\n");
            b.append(String.format(Locale.ROOT, "- Headline values of the first run: fid %.3f, is %.3f, kid %.5f, "
                    + "classes_covered %s, memorisation_ratio %.3f (the samples are training images), gan_test %.4f.%n",
                    num("fid"), num("is"), num("kid"), metrics.get("classes_covered"), num("memorisation_ratio"),
                    num("gan_test")));
            b.append("- Load average (uptime) at start: ").append(loadAtStart).append("; at end: ").append(loadAtEnd)
                    .append(". The machine (2 cores) is shared with other jobs: wall times are inflated by their load; "
                            + "process CPU time is not (on an idle machine wall ≈ CPU for the libtorch stages, which "
                            + "use one thread).\n");
            return b.toString();
        }

        private double num(String key) {
            Object v = metrics.get(key);
            return v instanceof Number x ? x.doubleValue() : Double.NaN;
        }

        private static String list(List<Double> v) {
            return String.join(", ", v.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList());
        }

        void writeSection(Path docs) throws IOException {
            BenchDocs.writeSection(docs, SECTION, section());
        }
    }
}
