package dev.ganboard.demo.sink;

import dev.ganboard.demo.runner.RunLog;
import dev.ganboard.demo.runner.RunSink;
import dev.ganboard.demo.study.Job;
import dev.ganboard.demo.train.Samples;
import dev.ganboard.sdk.Config;
import dev.ganboard.sdk.GanBoard;
import dev.ganboard.sdk.Run;
import dev.ganboard.sdk.RunSpec;
import dev.ganboard.sdk.Status;
import dev.ganboard.demo.image.ImageDataset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Streams runs to GANBoard through the Java SDK: one SDK run per job (project "STUDY-DATASET", created with the
 * dataset), losses every step, and every checkpoint as a "samples" .npy that the workers evaluate: points [N, 2],
 * or images [N, 1, 28, 28] in [-1, 1] with metadata range "-1,1" and, from a conditional run, their class labels. The only class
 * of this module that knows the SDK.
 */
public final class GanBoardSink implements RunSink {
    private final Config config;
    private final String codeVersion;
    private final AtomicBoolean warnedCheckpoint = new AtomicBoolean();

    public GanBoardSink(Config config, String codeVersion) {
        this.config = config;
        this.codeVersion = codeVersion;
    }

    public Config config() {
        return config;
    }

    /**
     * Synchronized: init creates the project when it is missing, and two runs of a new project created at the same
     * moment race on the server (the second gets HTTP 500 from the unique project name).
     */
    @Override
    public synchronized RunLog open(Job job) {
        RunSpec spec = new RunSpec()
                .project(job.project())
                .dataset(job.dataset())
                .variant(job.variant().name())
                .seed(job.seed())
                .config(job.config());
        if (codeVersion != null) {
            spec.codeVersion(codeVersion);
        }
        Run run = GanBoard.init(config, spec);
        return new RunLog() {
            @Override
            public void onStep(long step, Map<String, Double> losses) {
                run.log(step, losses);
            }

            @Override
            public void onCheckpoint(long step, Samples samples) {
                try {
                    run.logCheckpoint(step, samples.data(), samples.shape(), samples.labels(), metadata(job));
                } catch (RuntimeException e) {
                    // losses are worth having without the samples: keep training, say so once
                    if (warnedCheckpoint.compareAndSet(false, true)) {
                        System.err.println("ganboard demo: cannot hand checkpoints to the SDK (" + e
                                + "); training goes on without them");
                    }
                }
            }

            @Override
            public void finish() {
                run.finish(Status.FINISHED);
            }

            @Override
            public void fail(Throwable error) {
                run.finish(Status.FAILED);
            }
        };
    }

    /** Images say how their pixels are scaled, so the workers can map them to their feature extractor's input. */
    static Map<String, String> metadata(Job job) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("dataset", job.dataset());
        m.put("source", "ganboard-demo");
        if (ImageDataset.isImageDataset(job.dataset())) {
            m.put("range", "-1,1");
        }
        return m;
    }
}
