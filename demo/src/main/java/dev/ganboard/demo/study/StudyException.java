package dev.ganboard.demo.study;

import java.util.List;

/** A study file that cannot be run; each error names its field, e.g. "variants[1].hyperparameters.lr_d: ...". */
public final class StudyException extends RuntimeException {
    private final List<String> errors;

    public StudyException(String source, List<String> errors) {
        super(source + ": " + (errors.size() == 1 ? errors.get(0)
                : errors.size() + " errors:\n  " + String.join("\n  ", errors)));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
