package dev.ganboard.worker.cli;

import dev.ganboard.worker.pipeline.EvaluationWorker;
import dev.ganboard.worker.WorkerSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/**
 * {@code ganboard worker}: evaluation workers as a process of their own (a pod in a cluster), configured by the
 * environment. Runs until SIGTERM / SIGINT; then each worker finishes or abandons the checkpoint in hand without
 * committing it, so the group delivers it again to another worker.
 */
@Command(name = "worker", mixinStandardHelpOptions = true, usageHelpWidth = 120,
        description = {"Run evaluation workers: members of the Kafka consumer group on ganboard.checkpoints that",
                "evaluate each checkpoint and publish the result to ganboard.evaluations. Configured by the",
                "environment; runs until SIGTERM or SIGINT, then finishes the evaluation in hand within 30 s or",
                "abandons it uncommitted (the group delivers it again to another worker)."},
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  GANBOARD_KAFKA_BOOTSTRAP           Kafka bootstrap servers (default localhost:9092: `./ganboard up` here)",
            "  GANBOARD_WORKER_GROUP              consumer group (default ganboard-workers)",
            "  GANBOARD_WORKER_ID                 the worker's name in results and logs (default $HOSTNAME / host name)",
            "  GANBOARD_WORKER_THREADS            workers in this process, each a group member (default 1;",
            "                                     ids <id>-1, <id>-2, ...)",
            "  GANBOARD_WORKER_MAX_SAMPLES        samples evaluated per checkpoint at most (default 50000)",
            "  GANBOARD_WORKER_GENERATED_SAMPLES  samples drawn from a TorchScript generator whose upload names no",
            "                                     n_samples (default 10000, at most the maximum)",
            "  GANBOARD_HOME                      scratch $GANBOARD_HOME/worker/<id> (emptied at start) and the",
            "                                     libtorch cache $GANBOARD_HOME/cache/djl (default ~/.ganboard)",
            "  GANBOARD_LOG_LEVEL                 trace|debug|info|warn|error (default info; the log goes to stderr)",
            "",
            "Exit status: 143 / 130 after SIGTERM / SIGINT, 2 a bad setting (message on stderr), 1 a worker stopped",
            "on an unexpected error (see the log)."})
public final class WorkerCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerCommand.class);

    /** The environment to read; tests replace it. */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() throws InterruptedException {
        List<WorkerSettings> settings = new WorkerEnvironment(env).settings(hostName());
        CountDownLatch stopped = new CountDownLatch(1);
        List<EvaluationWorker> workers = new ArrayList<>();
        AtomicBoolean stopping = new AtomicBoolean();
        Thread hook = Thread.ofPlatform().name("worker-shutdown").unstarted(() -> {
            synchronized (workers) {
                stopping.set(true);
                LOG.info("stopping {} worker(s): an evaluation in hand is finished within 30 s or abandoned "
                        + "uncommitted", workers.size());
                workers.forEach(EvaluationWorker::close);
            }
            LOG.info("workers stopped");
            stopped.countDown();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        synchronized (workers) {
            for (WorkerSettings s : settings) {
                if (!stopping.get()) {
                    workers.add(EvaluationWorker.start(s));
                }
            }
        }
        LOG.info("{} worker(s) in group {} on {}; max {} samples per checkpoint, {} from a generator by default",
                settings.size(), settings.getFirst().groupId(), settings.getFirst().bootstrapServers(),
                settings.getFirst().maxSamples(), settings.getFirst().generatedSamples());
        while (!stopped.await(5, TimeUnit.SECONDS)) {
            synchronized (workers) {
                for (EvaluationWorker w : workers) {
                    if (!stopping.get() && !w.isRunning()) {
                        LOG.error("worker {} stopped unexpectedly; exiting so that the process is restarted",
                                w.id());
                        return GanboardCli.EXIT_FAILURE;
                    }
                }
            }
        }
        return GanboardCli.EXIT_OK;
    }

    private static String hostName() {
        String fromEnv = System.getenv("HOSTNAME"); // the pod name in Kubernetes
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "worker";
        }
    }
}
