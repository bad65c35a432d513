package dev.ganboard.metrics.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.metrics.core.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {
    @TempDir
    Path dir;

    /** Three 2 x 3 "images" with values 0, 10, ..., 170 and a 255 in the last place (unsigned, not -1). */
    private static byte[] images() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {0, 0, 0x08, 3});
        out.writeInt(3);
        out.writeInt(2);
        out.writeInt(3);
        for (int i = 0; i < 17; i++) {
            out.writeByte(10 * i);
        }
        out.writeByte(255);
        return bytes.toByteArray();
    }

    @Test
    void readsPlainAndGzipFilesAlike() throws IOException {
        Path plain = Files.write(dir.resolve("images-idx3-ubyte"), images());
        Path gz = dir.resolve("images-idx3-ubyte.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(images());
        }
        for (Path p : new Path[] {plain, gz}) {
            IdxFile f = IdxFile.read(p);
            assertArrayEquals(new int[] {3, 2, 3}, f.dims(), p.toString());
            assertEquals(3, f.count());
            assertEquals(6, f.itemSize());
            assertEquals(0, f.unsigned(0));
            assertEquals(70, f.unsigned(7));
            assertEquals(160, f.unsigned(16));
            assertEquals(255, f.unsigned(17));
        }
        // a gzip file without the .gz name is still recognised by its content
        Path disguised = Files.copy(gz, dir.resolve("no-extension"));
        assertEquals(255, IdxFile.read(disguised).unsigned(17));
    }

    @Test
    void readsLabelFiles() throws IOException {
        byte[] labels = {0, 0, 0x08, 1, 0, 0, 0, 4, 9, 0, 3, 7};
        IdxFile f = IdxFile.read(Files.write(dir.resolve("labels"), labels));
        assertArrayEquals(new int[] {4}, f.dims());
        assertEquals(1, f.itemSize());
        assertEquals(9, f.unsigned(0));
        assertEquals(7, f.unsigned(3));
    }

    @Test
    void rejectsDamagedFilesNamingTheProblem() throws IOException {
        byte[] good = images();
        assertRejected(Arrays.copyOf(good, good.length - 1), "truncated: 17 of 18 values");
        assertRejected(Arrays.copyOf(good, good.length + 1), "trailing bytes");
        assertRejected(Arrays.copyOf(good, 9), "truncated in the header");
        byte[] floats = good.clone();
        floats[2] = 0x0D;
        assertRejected(floats, "element type 0x0d is not supported");
        byte[] npy = good.clone();
        npy[0] = (byte) 0x93;
        assertRejected(npy, "not an IDX file");
        assertRejected(new byte[] {0, 0}, "shorter than its 4-byte magic");
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> IdxFile.read(dir.resolve("absent.gz")));
        assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
    }

    private void assertRejected(byte[] content, String expected) throws IOException {
        Path p = Files.write(dir.resolve("bad"), content);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> IdxFile.read(p));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains(p.toString()), e.getMessage());
    }
}
