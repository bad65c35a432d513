package dev.ganboard.sdk;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Checkpoints spooled into the run directory: the file (a copy, so the trainer may overwrite its own) plus an entry
 * {@code ckpt-NNNNNN.json} with step, kind, size, SHA-256, metadata and status "pending", "uploaded" (with the
 * server's checkpoint_id) or "rejected" (with the reason). The sender uploads pending ones in chunks; a server
 * without the checkpoint route keeps them pending, and sync uploads them later.
 */
final class Checkpoints {
    record Entry(int index, long step, String kind, String file, long size, String sha256,
                 Map<String, Object> metadata, String status) {
        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", index);
            m.put("step", step);
            m.put("kind", kind);
            m.put("file", file);
            m.put("size", size);
            m.put("sha256", sha256);
            m.put("metadata", metadata);
            m.put("status", status);
            return m;
        }

        @SuppressWarnings("unchecked")
        static Entry fromJson(Map<String, Object> m) {
            return new Entry(((Number) m.get("index")).intValue(), ((Number) m.get("step")).longValue(),
                    (String) m.get("kind"), (String) m.get("file"), ((Number) m.get("size")).longValue(),
                    (String) m.get("sha256"), (Map<String, Object>) m.getOrDefault("metadata", Map.of()),
                    (String) m.get("status"));
        }
    }

    private final Path dir;
    private int next;

    Checkpoints(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        this.next = entries().stream().mapToInt(Entry::index).max().orElse(0) + 1;
    }

    /** Copies a TorchScript generator (.pt) or a samples file (.npy/.npz) into the spool. */
    synchronized Entry spoolFile(long step, Path source, Map<String, ?> metadata) throws IOException {
        String name = source.getFileName().toString();
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.')).toLowerCase(Locale.ROOT) : "";
        String kind = metadata.get("kind") != null ? metadata.get("kind").toString() : kindOf(ext);
        int index = next++;
        String file = String.format("ckpt-%06d-step%d%s", index, step, ext);
        Path target = dir.resolve(file);
        Path tmp = dir.resolve(file + ".tmp");
        MessageDigest sha = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(source), sha)) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        return record(index, step, kind, file, Files.size(target), sha, metadata);
    }

    /** Writes generated samples (float32, any shape, first dimension = sample) and optional labels as .npy / .npz. */
    synchronized Entry spoolSamples(long step, float[] data, int[] shape, int[] labels, Map<String, ?> metadata)
            throws IOException {
        int index = next++;
        String file = String.format("ckpt-%06d-step%d%s", index, step, labels == null ? ".npy" : ".npz");
        Path target = dir.resolve(file);
        Path tmp = dir.resolve(file + ".tmp");
        MessageDigest sha = sha256();
        try (OutputStream out = new java.security.DigestOutputStream(
                new BufferedOutputStream(Files.newOutputStream(tmp)), sha)) {
            if (labels == null) {
                Npy.writeFloat32(out, data, shape);
            } else {
                if (labels.length != shape[0]) {
                    throw new IllegalArgumentException(labels.length + " labels for " + shape[0] + " samples");
                }
                ZipOutputStream zip = new ZipOutputStream(out);
                zip.putNextEntry(new ZipEntry("samples.npy"));
                Npy.writeFloat32(zip, data, shape);
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry("labels.npy"));
                Npy.writeInt64(zip, labels);
                zip.closeEntry();
                zip.finish();
            }
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        return record(index, step, "samples", file, Files.size(target), sha, metadata);
    }

    private Entry record(int index, long step, String kind, String file, long size, MessageDigest sha,
                         Map<String, ?> metadata) throws IOException {
        Map<String, Object> meta = new LinkedHashMap<>(metadata);
        meta.remove("kind");
        Entry entry = new Entry(index, step, kind, file, size, HexFormat.of().formatHex(sha.digest()), meta, "pending");
        RunDir.writeJson(entryPath(index), entry.toJson());
        return entry;
    }

    static String kindOf(String ext) {
        return switch (ext) {
            case ".npy", ".npz" -> "samples";
            default -> "torchscript";
        };
    }

    Path file(Entry entry) {
        return dir.resolve(entry.file());
    }

    private Path entryPath(int index) {
        return dir.resolve(String.format("ckpt-%06d.json", index));
    }

    /** Records the outcome: "uploaded" (with the server's checkpoint id) or "rejected" (with the reason). */
    synchronized void mark(Entry entry, String status, Long checkpointId, String reason) throws IOException {
        Entry done = new Entry(entry.index(), entry.step(), entry.kind(), entry.file(), entry.size(), entry.sha256(),
                entry.metadata(), status);
        Map<String, Object> json = done.toJson();
        json.put("checkpoint_id", checkpointId);
        json.put("reason", reason);
        RunDir.writeJson(entryPath(entry.index()), json);
    }

    synchronized List<Entry> pending() throws IOException {
        return entries().stream().filter(e -> "pending".equals(e.status())).toList();
    }

    private List<Entry> entries() throws IOException {
        List<Entry> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "ckpt-??????.json")) {
            for (Path p : ds) {
                out.add(Entry.fromJson(RunDir.readJson(p)));
            }
        }
        out.sort(java.util.Comparator.comparingInt(Entry::index));
        return out;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
