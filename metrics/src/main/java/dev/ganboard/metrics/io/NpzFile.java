package dev.ganboard.metrics.io;

import dev.ganboard.metrics.core.InvalidInputException;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** numpy's .npz: a zip of .npy members (np.savez), e.g. pytorch-fid's statistics files with "mu" and "sigma". */
public final class NpzFile {
    private NpzFile() {
    }

    /** All float members, keyed by name without the ".npy" suffix. */
    public static Map<String, NpyArray> read(Path path) {
        String name = path.toString();
        Map<String, NpyArray> out = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(path); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                String key = e.getName().endsWith(".npy")
                        ? e.getName().substring(0, e.getName().length() - 4) : e.getName();
                out.put(key, NpyArray.parse(zip.readAllBytes(), name + ":" + e.getName()));
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(name + ": no such file");
        } catch (ZipException e) {
            throw new InvalidInputException(name + ": not a valid .npz (zip) file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidInputException(name + ": cannot read: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new InvalidInputException(name + ": not a .npz file (no members)");
        }
        return out;
    }

    public static void write(Path path, Map<String, NpyArray> arrays) throws IOException {
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(path));
             ZipOutputStream zip = new ZipOutputStream(file)) {
            for (var e : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                ByteArrayOutputStream member = new ByteArrayOutputStream();
                NpyWriter.write(member, e.getValue().data(), e.getValue().shape(), e.getValue().dtype());
                member.writeTo(zip);
                zip.closeEntry();
            }
        }
    }
}
