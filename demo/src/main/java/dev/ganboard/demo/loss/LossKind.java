package dev.ganboard.demo.loss;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleFunction;

/** The GAN objectives a study can name, with their ids in study files. */
public enum LossKind {
    NS("ns", gp -> new NonSaturatingLoss()),
    MM("mm", gp -> new MinimaxLoss()),
    LS("ls", gp -> new LeastSquaresLoss()),
    WGAN_GP("wgan-gp", WganGpLoss::new),
    HINGE("hinge", gp -> new HingeLoss());

    private final String id;
    private final DoubleFunction<GanLoss> factory;

    LossKind(String id, DoubleFunction<GanLoss> factory) {
        this.id = id;
        this.factory = factory;
    }

    public String id() {
        return id;
    }

    /** The loss; {@code gpWeight} is used by WGAN-GP only. */
    public GanLoss create(double gpWeight) {
        return factory.apply(gpWeight);
    }

    public static Optional<LossKind> parse(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.id.equals(wanted)).findFirst();
    }

    public static String known() {
        return String.join(" | ", Arrays.stream(values()).map(LossKind::id).toList());
    }
}
