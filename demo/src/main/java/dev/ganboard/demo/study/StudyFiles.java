package dev.ganboard.demo.study;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Loads study files: JSON, or YAML when the name ends in .yaml / .yml; bundled studies by name ("mixtures"). */
public final class StudyFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private StudyFiles() {
    }

    public static Study load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new StudyException(file.toString(), List.of(Files.isDirectory(file) ? "(file): is a directory"
                    : "(file): no such file"));
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.getFileName().toString(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read study file " + file, e);
        }
    }

    /** A study shipped in this module's resources under studies/NAME.json. */
    public static Study bundled(String name) {
        String resource = "/studies/" + name + ".json";
        try (InputStream in = StudyFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new StudyException(name, List.of("(file): no such file, and no bundled study of that name"));
            }
            return parse(in, resource, "bundled study " + name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** The file {@code spec} if there is one, else the bundled study of that name ("mixtures", "tiny"). */
    public static Study resolve(String spec) {
        Path file = Path.of(spec);
        boolean looksLikeName = !spec.contains("/") && !spec.contains(".");
        return Files.isRegularFile(file) || !looksLikeName ? load(file) : bundled(spec);
    }

    static Study parse(InputStream in, String fileName, String source) throws IOException {
        String lower = fileName.toLowerCase(Locale.ROOT);
        ObjectMapper mapper = lower.endsWith(".yaml") || lower.endsWith(".yml") ? YAML : JSON;
        JsonNode root;
        try {
            root = mapper.readTree(in);
        } catch (JacksonException e) {
            throw new StudyException(source, List.of("(file): not valid " + (mapper == YAML ? "YAML" : "JSON") + ": "
                    + e.getOriginalMessage() + locate(e)));
        }
        return StudyParser.parse(root, source);
    }

    private static String locate(JacksonException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }
}
