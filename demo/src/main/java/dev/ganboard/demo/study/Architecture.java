package dev.ganboard.demo.study;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The network family a variant trains: MLPs on the 2-D mixtures, DCGAN-style conv nets on 28 x 28 images. */
public enum Architecture {
    MLP("mlp"),
    DCGAN("dcgan");

    private final String id;

    Architecture(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Architecture> parse(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.id.equals(wanted)).findFirst();
    }

    public static String known() {
        return String.join(" | ", Arrays.stream(values()).map(Architecture::id).toList());
    }
}
