package dev.ganboard.worker.pipeline;

import dev.ganboard.protocol.DeadLetter;
import dev.ganboard.protocol.Json;
import dev.ganboard.protocol.Topics;
import dev.ganboard.protocol.checkpoint.EvaluationProgressed;
import dev.ganboard.protocol.checkpoint.EvaluationRecord;
import dev.ganboard.protocol.checkpoint.EvaluationResult;
import dev.ganboard.protocol.checkpoint.EvaluationStarted;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes to {@link Topics#EVALUATIONS} (key = run id) and {@link Topics#DLQ}, waiting for each ack. */
public final class KafkaResultPublisher implements ResultPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaResultPublisher.class);
    private final Producer<String, byte[]> producer;
    private final String component;

    public KafkaResultPublisher(Producer<String, byte[]> producer, String component) {
        this.producer = producer;
        this.component = component;
    }

    @Override
    public void started(EvaluationStarted started) {
        send(Topics.EVALUATIONS, EvaluationRecord.key(started.runId()), Json.write(started));
    }

    @Override
    public void result(EvaluationResult result) {
        send(Topics.EVALUATIONS, EvaluationRecord.key(result.runId()), Json.write(result));
    }

    /** Same topic and key as the result, so a run's progress records come before its result. */
    @Override
    public void progress(EvaluationProgressed progress) {
        producer.send(new ProducerRecord<>(Topics.EVALUATIONS, EvaluationRecord.key(progress.runId()),
                Json.write(progress)), (metadata, e) -> {
                    if (e != null) {
                        LOG.warn("{}: a progress record of checkpoint {} was not acknowledged: {}", component,
                                progress.checkpointId(), e.toString());
                    }
                });
    }

    @Override
    public void deadLetter(ConsumerRecord<String, byte[]> source, String reason) {
        LOG.warn("{}: {}-{}@{} (key {}) sent to {}: {}", component, source.topic(), source.partition(),
                source.offset(), source.key(), Topics.DLQ, reason);
        DeadLetter letter = new DeadLetter(source.topic(), source.partition(), source.offset(), source.key(), reason,
                component, System.currentTimeMillis());
        send(Topics.DLQ, source.key(), Json.write(letter));
    }

    private void send(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryLater("interrupted while publishing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new RetryLater("Kafka did not acknowledge a record on " + topic + ": " + e.getMessage(), e);
        }
    }
}
