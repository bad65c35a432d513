package dev.ganboard.worker.pipeline;

import dev.ganboard.protocol.Topics;
import dev.ganboard.worker.ImageSettings;
import dev.ganboard.worker.WorkerSettings;
import dev.ganboard.worker.wiring.Evaluators;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One evaluation worker: a member of the consumer group on {@link Topics#CHECKPOINTS} with a thread of its own.
 * Several workers (threads here, processes or pods in a cluster) share the partitions. Offsets are committed only
 * once the evaluations before them are published, so a worker that dies loses nothing; a redelivered checkpoint is
 * evaluated again and its result, carrying the same evaluation id, is stored once.
 */
public final class EvaluationWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluationWorker.class);

    private final WorkerSettings settings;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final CheckpointPipeline pipeline;
    private final Thread thread;
    private volatile boolean running = true;

    private EvaluationWorker(WorkerSettings settings) {
        this.settings = settings;
        this.consumer = WorkerKafka.consumer(settings);
        this.producer = WorkerKafka.producer(settings);
        this.pipeline = new CheckpointPipeline(settings.workerId(), settings.workDir(),
                Evaluators.standard(settings.maxSamples(),
                        ImageSettings.fromEnvironment().withCacheDir(settings.cacheDir()), settings.generatedSamples()),
                new KafkaResultPublisher(producer, "worker " + settings.workerId()), settings.abandonAfter());
        this.thread = Thread.ofPlatform().name("evaluation-worker-" + settings.workerId()).daemon()
                .unstarted(this::run);
    }

    public static EvaluationWorker start(WorkerSettings settings) {
        EvaluationWorker worker = new EvaluationWorker(settings);
        worker.thread.start();
        LOG.info("evaluation worker {} started (group {}, scratch {})", settings.workerId(), settings.groupId(),
                settings.workDir());
        return worker;
    }

    public String id() {
        return settings.workerId();
    }

    /** False once the worker's thread ended (after {@link #close} or an unexpected error). */
    public boolean isRunning() {
        return thread.isAlive();
    }

    private void run() {
        consumer.subscribe(List.of(Topics.CHECKPOINTS), new Rebalance());
        long backoffMillis = 200;
        try {
            while (running) {
                var polled = consumer.poll(Duration.ofMillis(500));
                try {
                    for (ConsumerRecord<String, byte[]> record : polled) {
                        if (!running) {
                            break; // stopping: the rest of the poll is delivered again to the group
                        }
                        pipeline.handle(record);
                    }
                    commit();
                    backoffMillis = 200;
                } catch (WakeupException e) {
                    throw e;
                } catch (RetryLater | KafkaException e) {
                    LOG.error("{}: {}; re-reading from the last commit in {} ms", settings.workerId(),
                            e.getMessage(), backoffMillis);
                    Thread.sleep(backoffMillis);
                    backoffMillis = Math.min(backoffMillis * 2, 10_000);
                    rewindToLastCommit();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("{}: woken up unexpectedly", settings.workerId(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("{}: stopped by an unexpected error", settings.workerId(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
            producer.close(Duration.ofSeconds(5));
            pipeline.close();
        }
    }

    private void commit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = pipeline.offsetsToCommit();
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
            pipeline.committed(offsets);
        } catch (CommitFailedException e) {
            // the group rebalanced: the partitions' new owner re-reads from the last successful commit
            LOG.warn("{}: commit refused after a rebalance; the records since the last commit will be delivered "
                    + "again", settings.workerId());
        }
    }

    /**
     * Forgets every partial upload and seeks back to the last commit; retried until it works, because reading on
     * from where the failure happened would see uploads without their first chunks.
     */
    private void rewindToLastCommit() throws InterruptedException {
        while (running) {
            try {
                rewind(consumer.assignment());
                return;
            } catch (WakeupException e) {
                throw e;
            } catch (KafkaException e) {
                LOG.error("{}: cannot rewind to the last commit ({}); trying again", settings.workerId(),
                        e.toString());
                Thread.sleep(1_000);
            }
        }
    }

    private void rewind(Set<TopicPartition> partitions) {
        pipeline.forget(partitions);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(partitions);
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata offset = committed.get(tp);
            if (offset != null) {
                consumer.seek(tp, offset.offset());
            } else {
                consumer.seekToBeginning(List.of(tp));
            }
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            try {
                commit();
            } catch (RuntimeException e) {
                LOG.warn("{}: could not commit before giving up partitions {}: {}", settings.workerId(), partitions,
                        e.toString());
            }
            pipeline.forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            LOG.debug("{}: assigned {}", settings.workerId(), partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            pipeline.forget(partitions);
        }
    }

    /** Stops after the record in hand; what was not committed is delivered again to the group. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
