package dev.ganboard.backend.run;

public enum RunStatus {
    RUNNING, FINISHED, FAILED, CRASHED;

    public boolean isTerminal() {
        return this != RUNNING;
    }
}
