package dev.ganboard.worker.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.metrics.core.InvalidInputException;
import dev.ganboard.metrics.io.NpyArray;
import dev.ganboard.metrics.io.NpyDtype;
import dev.ganboard.metrics.io.NpyWriter;
import dev.ganboard.metrics.io.NpzFile;
import dev.ganboard.worker.DivergedSamples;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleFileImagesTest {
    @TempDir
    Path dir;

    private Path npy(String name, double[] data, NpyDtype dtype, long... shape) throws IOException {
        Path p = dir.resolve(name);
        NpyWriter.write(p, data, shape, dtype);
        return p;
    }

    private Path npz(NpyArray samples, NpyArray labels) throws IOException {
        Map<String, NpyArray> m = new LinkedHashMap<>();
        m.put("samples", samples);
        if (labels != null) {
            m.put("labels", labels);
        }
        Path p = dir.resolve("s.npz");
        NpzFile.write(p, m);
        return p;
    }

    @Test
    void uint8ImagesWithoutChannelsAreScaledBy255() throws IOException {
        double[] v = {0, 255, 51, 102, 0, 0, 0, 0};
        SampleFile.Loaded l = SampleFile.load(npy("u8.npy", v, NpyDtype.UINT8, 2, 2, 2), "c", 100, null);
        assertArrayEquals(new int[] {1, 2, 2}, l.imageShape());
        assertEquals(2, l.samples().rows());
        assertEquals(4, l.samples().cols());
        assertEquals(1.0, l.samples().get(0, 1), 1e-7);
        assertEquals(0.2, l.samples().get(0, 2), 1e-7);
        assertEquals("uint8, pixel range [0, 255] (inferred: integer dtype means 0..255)", l.dtype());
        assertNull(l.labels());
    }

    @Test
    void floatRangesAreInferredOrTakenFromMetadata() throws IOException {
        double[] tanh = {-1, 0, 0.5, 1, -0.5, 0, 0, 0, 0, 0, 0, 0};
        Path p = npy("f.npy", tanh, NpyDtype.FLOAT32, 1, 3, 2, 2);
        SampleFile.Loaded l = SampleFile.load(p, "c", 100, null);
        assertArrayEquals(new int[] {3, 2, 2}, l.imageShape());
        assertEquals(0.0, l.samples().get(0, 0), 1e-7);
        assertEquals(0.75, l.samples().get(0, 2), 1e-7);
        assertEquals("float32, pixel range [-1, 1] (inferred: float values within [-1, 1])", l.dtype());

        double[] unit = {0, 0.25, 0.5, 1};
        SampleFile.Loaded inferred = SampleFile.load(npy("u.npy", unit, NpyDtype.FLOAT64, 1, 2, 2), "c", 100, null);
        assertEquals(0.25, inferred.samples().get(0, 1), 1e-12);
        SampleFile.Loaded declared = SampleFile.load(npy("d.npy", unit, NpyDtype.FLOAT64, 1, 2, 2), "c", 100,
                "[-1, 1]");
        assertEquals(0.625, declared.samples().get(0, 1), 1e-7);
        assertTrue(declared.dtype().contains("declared by metadata range '[-1, 1]'"), declared.dtype());
    }

    @Test
    void valuesOutsideTheRangeAreAnError() throws IOException {
        Path p = npy("o.npy", new double[] {0, 0.5, 1.5, 1}, NpyDtype.FLOAT32, 1, 2, 2);
        assertEquals("c: pixel values span [0, 1.5], outside the range [0, 1] (declared by metadata range '0..1')",
                assertThrows(InvalidInputException.class, () -> SampleFile.load(p, "c", 100, "0..1")).getMessage());
        Path wild = npy("w.npy", new double[] {-3, 0.5, 300, 1}, NpyDtype.FLOAT32, 1, 2, 2);
        assertTrue(assertThrows(InvalidInputException.class, () -> SampleFile.load(wild, "c", 100, null))
                .getMessage().startsWith("c: pixel values span [-3, 300], outside every supported range"));
        assertEquals("c: metadata range '[0, 2]' is not one of the supported pixel ranges [0, 255], [0, 1], [-1, 1]",
                assertThrows(InvalidInputException.class, () -> SampleFile.load(p, "c", 100, "[0, 2]"))
                        .getMessage());
    }

    @Test
    void imagesWithNonFiniteValuesAreDivergedWhetherNpyOrNpz() throws IOException {
        double[] v = new double[4 * 2 * 2];
        v[2 * 4 + 3] = Double.NaN; // image 2
        v[3 * 4] = Double.NEGATIVE_INFINITY; // image 3
        DivergedSamples d = assertThrows(DivergedSamples.class,
                () -> SampleFile.load(npy("n.npy", v, NpyDtype.FLOAT32, 4, 2, 2), "c", 100, null));
        assertEquals("c: diverged: 2 of 4 samples (50 %) are not finite (1 NaN and 1 infinite values), the first is "
                + "sample 2", d.getMessage());
        DivergedSamples z = assertThrows(DivergedSamples.class, () -> SampleFile.load(
                npz(new NpyArray(new long[] {4, 1, 2, 2}, NpyDtype.FLOAT64, v), null), "c", 100, null));
        assertEquals(0.5, z.nonFiniteFraction());
        assertEquals(2, z.firstSample());
    }

    @Test
    void npzLabelsOfAnyIntegerDtypeAreRead() throws IOException {
        double[] images = new double[3 * 4];
        for (NpyDtype t : new NpyDtype[] {NpyDtype.INT64, NpyDtype.INT32, NpyDtype.UINT8}) {
            Path p = npz(new NpyArray(new long[] {3, 1, 2, 2}, NpyDtype.UINT8, images),
                    new NpyArray(new long[] {3}, t, new double[] {9, 0, 4}));
            SampleFile.Loaded l = SampleFile.load(p, "c", 2, null);
            assertArrayEquals(new int[] {9, 0}, l.labels(), t.label());
            assertEquals(3, l.totalRows());
            assertTrue(l.toGenerated().conditional());
        }
    }

    @Test
    void wrongShapesAndLabelsNameWhatIsExpected() throws IOException {
        assertEquals("c: wrong shape (2, 2, 3, 2): expected images [N, C, H, W] or [N, H, W] with C = 1 or 3 "
                + "channels first (channels-last arrays: np.transpose(x, (0, 3, 1, 2)))",
                assertThrows(InvalidInputException.class, () -> SampleFile.load(npy("n.npy", new double[24],
                        NpyDtype.UINT8, 2, 2, 3, 2), "c", 100, null)).getMessage());
        assertEquals("c: wrong rank 5: expected points [N, D] or images [N, C, H, W] / [N, H, W]",
                assertThrows(InvalidInputException.class, () -> SampleFile.load(npy("r.npy", new double[2],
                        NpyDtype.UINT8, 2, 1, 1, 1, 1), "c", 100, null)).getMessage());
        Path shortLabels = npz(new NpyArray(new long[] {3, 2, 2}, NpyDtype.UINT8, new double[12]),
                new NpyArray(new long[] {2}, NpyDtype.INT64, new double[2]));
        assertEquals("c: member 'labels': wrong shape (2,): expected one label per sample, shape (3,)",
                assertThrows(InvalidInputException.class, () -> SampleFile.load(shortLabels, "c", 100, null))
                        .getMessage());
        Path fractional = npz(new NpyArray(new long[] {2, 2, 2}, NpyDtype.UINT8, new double[8]),
                new NpyArray(new long[] {2}, NpyDtype.FLOAT32, new double[] {1, 0.5}));
        assertTrue(assertThrows(InvalidInputException.class, () -> SampleFile.load(fractional, "c", 100, null))
                .getMessage().startsWith("c: member 'labels': label 0.5 at index 1 is not a whole number"));
        Path intPoints = npy("ip.npy", new double[4], NpyDtype.INT64, 2, 2);
        assertEquals("c: unsupported dtype '<i8' (int64): expected little-endian float32 '<f4' or float64 '<f8'",
                assertThrows(InvalidInputException.class, () -> SampleFile.load(intPoints, "c", 100, null))
                        .getMessage());
    }
}
