package dev.ganboard.metrics.linalg;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;

/** Loads OpenBLAS (with LAPACK) once; every native call in the metrics goes through this library. */
public final class Blas {
    private static volatile boolean loaded;

    private Blas() {
    }

    public static void ensureLoaded() {
        if (!loaded) {
            synchronized (Blas.class) {
                if (!loaded) {
                    Loader.load(openblas.class);
                    loaded = true;
                }
            }
        }
    }

    /**
     * Starts loading the native libraries on a background thread (a few hundred ms of dlopen) so that a caller
     * can read its input meanwhile; the first BLAS call waits for it.
     */
    public static void preloadInBackground() {
        if (!loaded) {
            Thread t = new Thread(Blas::ensureLoaded, "openblas-preload");
            t.setDaemon(true);
            t.start();
        }
    }

    /**
     * The thread count OpenBLAS starts with: OPENBLAS_NUM_THREADS, else OMP_NUM_THREADS, else the number of cores
     * (the preset's blas_get_num_threads only reports values set through {@link #setThreads}).
     */
    public static int defaultThreads() {
        for (String var : new String[] {"OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"}) {
            String v = System.getenv(var);
            if (v != null && v.strip().matches("\\d+") && Integer.parseInt(v.strip()) > 0) {
                return Integer.parseInt(v.strip());
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    public static void setThreads(int threads) {
        ensureLoaded();
        openblas.blas_set_num_threads(threads);
    }
}
