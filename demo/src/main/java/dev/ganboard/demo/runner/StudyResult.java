package dev.ganboard.demo.runner;

import dev.ganboard.demo.study.Job;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** How a study went: runs finished, runs failed (with the error) and runs never started (cancelled). */
public record StudyResult(int total, List<Job> finished, Map<Job, Throwable> failed, Duration elapsed) {

    public boolean ok() {
        return failed.isEmpty() && finished.size() == total;
    }
}
