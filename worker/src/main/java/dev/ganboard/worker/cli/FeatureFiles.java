package dev.ganboard.worker.cli;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.io.NpyFile;

import java.nio.file.Path;

/** Opening the CLI's input files, with the file name in every error. */
final class FeatureFiles {
    private FeatureFiles() {
    }

    static NpyFile open(Path path) {
        return NpyFile.open(path);
    }

    static DenseMatrix load(Path path) {
        return NpyFile.readMatrix(path);
    }

    static boolean isStatistics(Path path) {
        return path.getFileName() != null && path.getFileName().toString().endsWith(".npz");
    }
}
