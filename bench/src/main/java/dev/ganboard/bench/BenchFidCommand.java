package dev.ganboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ganboard.metrics.fid.FeatureStatistics;
import dev.ganboard.metrics.fid.FidResult;
import dev.ganboard.metrics.fid.GaussianStats;
import dev.ganboard.metrics.fid.TraceSqrtProduct;
import dev.ganboard.metrics.io.NpyFile;
import dev.ganboard.metrics.linalg.Blas;
import dev.ganboard.worker.cli.FidCommand;
import dev.ganboard.worker.cli.GanboardCli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ganboard bench fid}: times the FID command end to end (read two [N, D] float32 .npy files, float64
 * statistics, distance) against the Python peers' formulas (metrics/bench/fid_peers.py: pytorch-fid's
 * scipy sqrtm, torch-fidelity's eigvals), checks the value against a float64 reference, and writes the FID
 * section of docs/benchmarks.md. Runs alternate between implementations so that background load hits all alike.
 */
@Command(name = "fid", mixinStandardHelpOptions = true,
        description = "Benchmark `ganboard metrics fid` against pytorch-fid's and torch-fidelity's formulas.")
public final class BenchFidCommand implements Callable<Integer> {
    static final String[] PEERS = {"pytorch-fid", "torch-fidelity"};

    /** Created on first use only: picocli instantiates every subcommand, and Jackson takes ~0.4 s to start. */
    private ObjectMapper mapper;

    @Spec
    CommandSpec spec;

    @Option(names = "--n", defaultValue = "10000", description = "samples per side (default: ${DEFAULT-VALUE})")
    int n;

    @Option(names = "--dim", defaultValue = "2048", description = "feature dimension (default: ${DEFAULT-VALUE})")
    int dim;

    @Option(names = "--seed", defaultValue = "0", description = "data seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--reps", defaultValue = "5", description = "runs of each implementation (default: ${DEFAULT-VALUE})")
    int reps;

    @Option(names = "--cache-dir", description = "where the generated .npy files are kept "
            + "(default: <tmpdir>/ganboard-bench)")
    Path cacheDir;

    @Option(names = "--python", description = "Python with numpy/scipy (default: /usr/bin/python3 if present, else python3)")
    String python;

    @Option(names = "--peer-script", defaultValue = "metrics/bench/fid_peers.py",
            description = "the peers' script (default: ${DEFAULT-VALUE})")
    Path peerScript;

    @Option(names = "--docs", defaultValue = "docs/benchmarks.md",
            description = "file whose '## FID' section is rewritten (default: ${DEFAULT-VALUE})")
    Path docs;

    @Option(names = "--no-docs", description = "do not touch the docs")
    boolean noDocs;

    @Option(names = "--no-peers", description = "skip the Python peers")
    boolean noPeers;

    /** One implementation's runs. */
    static final class Series {
        final String name;
        final List<Double> wall = new ArrayList<>();
        final List<Double> inProcess = new ArrayList<>();
        Double fid;
        Double peakMib;
        String note;
        /** OpenBLAS's core name as the process reported it (OPENBLAS_VERBOSE=2), null when it printed none. */
        String kernels;

        Series(String name) {
            this.name = name;
        }

        double medianWall() {
            return median(wall);
        }

        double medianInProcess() {
            return median(inProcess);
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String loadAtStart = loadAverage();
        Path cache = cacheDir != null ? cacheDir : Path.of(System.getProperty("java.io.tmpdir"), "ganboard-bench");
        long t0 = System.nanoTime();
        BenchData.Pair data = BenchData.ensure(cache, n, dim, seed);
        out.printf(Locale.ROOT, "data: %s, %s (%s, %.1f s)%n", data.real(), data.fake(),
                data.generated() ? "generated" : "cached", (System.nanoTime() - t0) / 1e9);
        out.printf(Locale.ROOT, "machine: %d cores, OpenBLAS threads %d, Java %s%n",
                Runtime.getRuntime().availableProcessors(), Blas.defaultThreads(), Runtime.version());
        out.flush();

        Series ours = new Series("ganboard (CLI process)");
        Map<String, Series> peers = new LinkedHashMap<>();
        String py = python != null ? python : (Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3");
        boolean peersAvailable = !noPeers && Files.isRegularFile(peerScript);
        String peerNote = noPeers ? "peers skipped (--no-peers)"
                : !Files.isRegularFile(peerScript) ? "peer script " + peerScript + " not found" : null;
        for (String p : PEERS) {
            peers.put(p, new Series(p));
        }
        Series reference = new Series("reference");

        for (int r = 0; r < reps; r++) {
            runOurs(ours, data);
            out.printf(Locale.ROOT, "run %d: ganboard %.2f s%n", r + 1, ours.wall.get(ours.wall.size() - 1));
            out.flush();
            if (peersAvailable) {
                for (Series s : peers.values()) {
                    String skipped = runPeer(s, py, data);
                    if (skipped != null) {
                        peersAvailable = false;
                        peerNote = skipped;
                        break;
                    }
                    out.printf(Locale.ROOT, "run %d: %s %.2f s%n", r + 1, s.name, s.wall.get(s.wall.size() - 1));
                    out.flush();
                }
            }
        }
        if (peersAvailable) {
            runPeerMethod(reference, py, data, "reference");
        }

        // In-process view of the same path (no JVM start), and an independent formulation of the trace term.
        Series inProcess = new Series("ganboard (in-process)");
        FidResult last = null;
        for (int r = 0; r < reps; r++) {
            long s = System.nanoTime();
            last = FidCommand.compute(data.real(), data.fake());
            inProcess.inProcess.add((System.nanoTime() - s) / 1e9);
        }
        double eighFid = eighReference(data);

        Report report = new Report(n, dim, seed, reps, ours, inProcess, peers, reference, eighFid, last,
                peersAvailable ? null : peerNote, py, jvmOptions(), System.getenv("GANBOARD_JAVA_OPTS"), loadAtStart);
        out.println();
        out.print(report.table());
        out.flush();
        if (!noDocs) {
            report.writeSection(docs);
            out.println("updated the '## FID' section of " + docs);
        }
        return GanboardCli.EXIT_OK;
    }

    private ObjectMapper mapper() {
        if (mapper == null) {
            mapper = new ObjectMapper();
        }
        return mapper;
    }

    private void runOurs(Series s, BenchData.Pair data) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(jvmOptions());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), GanboardCli.class.getName(), "metrics", "fid",
                data.real().toString(), data.fake().toString(), "--report-resources"));
        ProcessResult pr = ProcessResult.run(cmd);
        if (pr.exitCode != 0) {
            throw new IllegalStateException("ganboard metrics fid failed (" + pr.exitCode + "): " + pr.stderr);
        }
        JsonNode json = mapper().readTree(pr.stdout);
        s.wall.add(pr.wallSeconds);
        s.inProcess.add(json.get("elapsed_s").asDouble());
        s.fid = json.get("fid").asDouble();
        s.kernels = pr.kernels;
        s.peakMib = max(s.peakMib, json.path("peak_rss_mib").isNumber() ? json.get("peak_rss_mib").asDouble() : null);
    }

    /**
     * The JVM options this benchmark was started with (by ./ganboard: --enable-native-access, GANBOARD_JAVA_OPTS...),
     * so the timed `metrics fid` process runs exactly as the launcher would run it.
     */
    static List<String> jvmOptions() {
        List<String> opts = new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments());
        opts.removeIf(o -> o.startsWith("-agentlib") || o.startsWith("-javaagent") || o.startsWith("-Xrunjdwp"));
        if (opts.stream().noneMatch(o -> o.startsWith("--enable-native-access"))) {
            opts.add(0, "--enable-native-access=ALL-UNNAMED");
        }
        return opts;
    }

    /** Returns a note when the peers cannot run (numpy/scipy missing), else null. */
    private String runPeer(Series s, String py, BenchData.Pair data) throws IOException, InterruptedException {
        return runPeerMethod(s, py, data, s.name);
    }

    private String runPeerMethod(Series s, String py, BenchData.Pair data, String method)
            throws IOException, InterruptedException {
        List<String> cmd = List.of(py, peerScript.toString(), data.real().toString(), data.fake().toString(),
                "--method", method);
        ProcessResult pr;
        try {
            pr = ProcessResult.run(cmd);
        } catch (IOException e) {
            return "Python peers not run: cannot start " + py + " (" + e.getMessage() + ")";
        }
        if (pr.exitCode != 0) {
            return "Python peers failed (" + pr.exitCode + "): " + pr.stderr.strip();
        }
        JsonNode json = mapper().readTree(pr.stdout);
        if (json.has("skipped")) {
            return "Python peers not run: " + json.get("skipped").asText();
        }
        s.wall.add(pr.wallSeconds);
        s.inProcess.add(json.get("times_s").get(0).asDouble());
        s.fid = json.get("fid").asDouble();
        s.kernels = pr.kernels;
        s.peakMib = max(s.peakMib, json.get("peak_rss_mib").asDouble());
        s.note = "numpy " + json.get("numpy").asText() + ", scipy " + json.get("scipy").asText();
        return null;
    }

    /** FID with the trace term from the symmetric square root of the real covariance (the "eigh" path). */
    private static double eighReference(BenchData.Pair data) {
        GaussianStats r;
        GaussianStats f;
        try (NpyFile a = NpyFile.open(data.real()); NpyFile b = NpyFile.open(data.fake())) {
            r = FeatureStatistics.compute(a);
            f = FeatureStatistics.compute(b);
        }
        double meanTerm = 0;
        for (int i = 0; i < r.dim(); i++) {
            double d = r.mean()[i] - f.mean()[i];
            meanTerm += d * d;
        }
        double tr = TraceSqrtProduct.viaEigh(r.covariance(), f.covariance(), r.dim()).value();
        return meanTerm + r.trace() + f.trace() - 2 * tr;
    }

    static double median(List<Double> xs) {
        if (xs.isEmpty()) {
            return Double.NaN;
        }
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    private static Double max(Double a, Double b) {
        return a == null ? b : b == null ? a : Math.max(a, b);
    }

    /** The 1-, 5- and 15-minute load averages (the machine may be shared), or null off Linux. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * A finished child process. Every child runs on its BLAS's own kernels for this CPU: the variables that force
     * other kernels (this machine kind sets OPENBLAS_CORETYPE=Haswell) are removed for ours and the peers' alike,
     * and OPENBLAS_VERBOSE=2 makes OpenBLAS say which core it chose.
     */
    record ProcessResult(int exitCode, String stdout, String stderr, double wallSeconds, String kernels) {
        static final List<String> KERNEL_OVERRIDES = List.of("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE");
        private static final Pattern CORE = Pattern.compile("(?m)^Core: (\\S+)");

        static ProcessResult run(List<String> cmd) throws IOException, InterruptedException {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            KERNEL_OVERRIDES.forEach(pb.environment()::remove);
            pb.environment().put("OPENBLAS_VERBOSE", "2");
            Path err = Files.createTempFile("ganboard-bench", ".err");
            pb.redirectError(err.toFile());
            long start = System.nanoTime();
            Process p = pb.start();
            byte[] stdout = p.getInputStream().readAllBytes();
            int code = p.waitFor();
            double wall = (System.nanoTime() - start) / 1e9;
            String stderr = Files.readString(err);
            Files.deleteIfExists(err);
            Matcher core = CORE.matcher(stderr);
            return new ProcessResult(code, new String(stdout, StandardCharsets.UTF_8), stderr, wall,
                    core.find() ? core.group(1) : null);
        }

        /** The overrides set in this (the benchmark's own) process, as NAME=value. */
        static List<String> overridesHere() {
            return KERNEL_OVERRIDES.stream().filter(v -> System.getenv(v) != null)
                    .map(v -> v + "=" + System.getenv(v)).toList();
        }
    }

    /** The figures, as a console table and as the docs section. */
    record Report(int n, int dim, long seed, int reps, Series ours, Series inProcess, Map<String, Series> peers,
                  Series reference, double eighFid, FidResult result, String peerNote, String python,
                  List<String> jvmOptions, String launcherOpts, String loadAverage) {

        Series fastestPeer() {
            return peers.values().stream().filter(s -> !s.wall.isEmpty())
                    .min((a, b) -> Double.compare(a.medianWall(), b.medianWall())).orElse(null);
        }

        String table() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "FID, %d x %d float32 per side, %d run(s) each (median)%n", n, dim, reps));
            b.append(String.format(Locale.ROOT, "%-26s %12s %14s %12s %22s  %s%n", "implementation", "process s",
                    "compute s", "peak MiB", "FID", "OpenBLAS core"));
            row(b, ours);
            b.append(String.format(Locale.ROOT, "%-26s %12s %14.3f %12s %22s  %s%n", inProcess.name, "-",
                    inProcess.medianInProcess(), "-", "-", inProcessKernels()));
            for (Series s : peers.values()) {
                if (!s.wall.isEmpty()) {
                    row(b, s);
                }
            }
            if (peerNote != null) {
                b.append(peerNote).append(System.lineSeparator());
            }
            Series fast = fastestPeer();
            if (fast != null) {
                b.append(String.format(Locale.ROOT, "ratio vs %s (faster peer): process %.3f, compute %.3f%n",
                        fast.name, ours.medianWall() / fast.medianWall(),
                        ours.medianInProcess() / fast.medianInProcess()));
            }
            if (reference.fid != null) {
                b.append(String.format(Locale.ROOT, "|dFID|/FID vs numpy float64 reference (%.12f): %.3e%n",
                        reference.fid, relDiff(ours.fid, reference.fid)));
            }
            b.append(String.format(Locale.ROOT, "|dFID|/FID vs eigh path (%.12f): %.3e; trace method %s%n",
                    eighFid, relDiff(ours.fid, eighFid), result.traceMethod()));
            return b.toString();
        }

        private static void row(StringBuilder b, Series s) {
            b.append(String.format(Locale.ROOT, "%-26s %12.3f %14.3f %12s %22.12f  %s%n", s.name, s.medianWall(),
                    s.medianInProcess(), s.peakMib == null ? "-" : String.format(Locale.ROOT, "%.0f", s.peakMib),
                    s.fid, kernels(s)));
        }

        static double relDiff(double a, double ref) {
            return Math.abs(a - ref) / Math.abs(ref);
        }

        void writeSection(Path docs) throws IOException {
            BenchDocs.writeSection(docs, "## FID", section());
        }

        String section() {
            Series fast = fastestPeer();
            StringBuilder b = new StringBuilder("## FID\n\n");
            b.append(String.format(Locale.ROOT, "Measured %s on %d cores (OpenBLAS %d threads, Java %s) with\n\n",
                    LocalDate.now(), Runtime.getRuntime().availableProcessors(), Blas.defaultThreads(), Runtime.version()));
            String env = launcherOpts == null || launcherOpts.isBlank() ? "" : "GANBOARD_JAVA_OPTS='" + launcherOpts.strip() + "' ";
            b.append(String.format(Locale.ROOT, "    %s./ganboard bench fid --n %d --dim %d --seed %d --reps %d%n%n",
                    env, n, dim, seed, reps));
            b.append(String.format(Locale.ROOT, "Task: FID between two %d x %d float32 feature files, end to end as the "
                    + "CLI runs it (read both .npy files, float64 mean and N-1 covariance, distance). \"Process\" is "
                    + "the wall time of a fresh process (JVM or Python start included); \"compute\" is the time "
                    + "inside it. Median of %d alternating runs. Peers: `metrics/bench/fid_peers.py` "
                    + "(pytorch-fid: `scipy.linalg.sqrtm(s1 @ s2)`; torch-fidelity: "
                    + "`np.linalg.eigvals(s1 @ s2)`; both with `np.cov`).%n%n", n, dim, reps));
            b.append("| implementation | process (s) | compute (s) | peak RSS (MiB) | FID | OpenBLAS core |\n");
            b.append("|---|---:|---:|---:|---:|---|\n");
            mdRow(b, ours);
            for (Series s : peers.values()) {
                if (!s.wall.isEmpty()) {
                    mdRow(b, s);
                }
            }
            b.append('\n');
            if (peerNote != null) {
                b.append(peerNote).append("\n\n");
            }
            if (fast != null) {
                b.append(String.format(Locale.ROOT, "- Ratio to the faster peer (%s): **%.2f** (process), %.2f (compute); "
                        + "target <= 0.5.%n", fast.name, ours.medianWall() / fast.medianWall(),
                        ours.medianInProcess() / fast.medianInProcess()));
            }
            if (reference.fid != null) {
                b.append(String.format(Locale.ROOT, "- |dFID|/FID against the numpy float64 reference (symmetric "
                        + "eigvalsh formulation): %.1e (target <= 1e-6).%n", relDiff(ours.fid, reference.fid)));
                for (Series s : peers.values()) {
                    if (s.fid != null) {
                        b.append(String.format(Locale.ROOT, "- %s vs the reference: %.1e (it averages the float32 array in "
                                + "float32; see docs/metrics.md).%n", s.name, relDiff(s.fid, reference.fid)));
                    }
                }
            }
            b.append(String.format(Locale.ROOT, "- |dFID|/FID against GANBoard's own eigh path (independent of the "
                    + "Cholesky fast path): %.1e; trace method used: %s.%n", relDiff(ours.fid, eighFid),
                    result.traceMethod()));
            b.append(String.format(Locale.ROOT, "- In-process (no JVM start), median of %d: %.2f s; OpenBLAS kernels: "
                    + "%s.%n", reps, inProcess.medianInProcess(), inProcessKernels()));
            b.append("- Every timed process ran without OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE (which force older "
                    + "kernels) and with OPENBLAS_VERBOSE=2; the core column is what each process's OpenBLAS "
                    + "reported choosing.\n");
            if (!ours.wall.isEmpty()) {
                b.append(String.format(Locale.ROOT, "- GANBoard process runs (s): %s.%n", fmt(ours.wall)));
            }
            for (Series s : peers.values()) {
                if (!s.wall.isEmpty()) {
                    b.append(String.format(Locale.ROOT, "- %s process runs (s): %s (%s).%n", s.name, fmt(s.wall),
                            s.note));
                }
            }
            b.append(String.format(Locale.ROOT, "- JVM options of the timed process (those of the launcher): %s.%n",
                    String.join(" ", jvmOptions)));
            if (loadAverage != null) {
                b.append(String.format(Locale.ROOT, "- Load average when the benchmark started: %s (the machine is "
                        + "shared; runs alternate between implementations so that load hits all alike).%n", loadAverage));
            }
            b.append("\nPeak RSS: VmHWM of the GANBoard process; ru_maxrss of the Python process.\n");
            return b.toString();
        }

        private static void mdRow(StringBuilder b, Series s) {
            b.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %s | %.9f | %s |%n", s.name, s.medianWall(),
                    s.medianInProcess(), s.peakMib == null ? "-" : String.format(Locale.ROOT, "%.0f", s.peakMib),
                    s.fid, kernels(s)));
        }

        private static String kernels(Series s) {
            return s.kernels == null ? "not reported" : s.kernels;
        }

        /** The benchmark's own process cannot change its environment; it says whether it runs with overrides. */
        private static String inProcessKernels() {
            List<String> overrides = ProcessResult.overridesHere();
            return overrides.isEmpty() ? "CPU's own (no override)" : "forced: " + String.join(" ", overrides);
        }

        private static String fmt(List<Double> xs) {
            return String.join(", ", xs.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList());
        }
    }
}
