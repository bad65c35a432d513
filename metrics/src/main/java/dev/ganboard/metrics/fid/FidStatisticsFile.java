package dev.ganboard.metrics.fid;

import dev.ganboard.metrics.core.InvalidInputException;
import dev.ganboard.metrics.io.NpyArray;
import dev.ganboard.metrics.io.NpzFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stored FID statistics as .npz with members "mu" [D] and "sigma" [D, D] - pytorch-fid's format - plus an
 * optional "n" [1] (number of samples), which GANBoard writes and pytorch-fid files lack.
 */
public final class FidStatisticsFile {
    private FidStatisticsFile() {
    }

    public static GaussianStats read(Path path) {
        String name = path.toString();
        Map<String, NpyArray> arrays = NpzFile.read(path);
        NpyArray mu = arrays.get("mu");
        NpyArray sigma = arrays.get("sigma");
        if (mu == null || sigma == null) {
            throw new InvalidInputException(name + ": FID statistics need members 'mu' and 'sigma', found "
                    + arrays.keySet());
        }
        if (mu.rank() != 1) {
            throw new InvalidInputException(name + ": 'mu' must be 1-D, has shape "
                    + dev.ganboard.metrics.io.NpyHeader.shapeString(mu.shape()));
        }
        int d = (int) mu.shape()[0];
        if (sigma.rank() != 2 || sigma.shape()[0] != d || sigma.shape()[1] != d) {
            throw new InvalidInputException(name + ": 'sigma' must have shape (" + d + ", " + d + "), has "
                    + dev.ganboard.metrics.io.NpyHeader.shapeString(sigma.shape()));
        }
        int n = -1;
        NpyArray count = arrays.get("n");
        if (count != null && count.data().length == 1) {
            n = (int) count.data()[0];
        }
        return new GaussianStats(name, mu.data(), sigma.data(), n, d).validated();
    }

    public static void write(Path path, GaussianStats stats) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("mu", NpyArray.of(stats.mean(), stats.dim()));
        arrays.put("sigma", NpyArray.of(stats.covariance(), stats.dim(), stats.dim()));
        if (stats.n() >= 0) {
            arrays.put("n", NpyArray.of(new double[] {stats.n()}, 1));
        }
        NpzFile.write(path, arrays);
    }
}
