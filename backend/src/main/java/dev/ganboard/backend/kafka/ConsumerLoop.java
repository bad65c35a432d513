package dev.ganboard.backend.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * At-least-once consumption on a thread of its own: poll, hand the records to the handler, commit only after the
 * handler returned. When the handler fails (database down, say) the loop rewinds to the last commit and retries
 * with backoff, so nothing is skipped; handlers must therefore be idempotent.
 */
public final class ConsumerLoop implements Runnable {
    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);

    private final String name;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Handler handler;
    private final Thread thread;
    private volatile boolean running = true;

    @FunctionalInterface
    public interface Handler {
        void handle(List<ConsumerRecord<String, byte[]>> records) throws Exception;
    }

    public ConsumerLoop(String name, KafkaConsumer<String, byte[]> consumer, String topic, Handler handler) {
        this.name = name;
        this.consumer = consumer;
        this.handler = handler;
        consumer.subscribe(List.of(topic));
        this.thread = Thread.ofPlatform().name(name).daemon().unstarted(this);
    }

    public ConsumerLoop start() {
        thread.start();
        return this;
    }

    @Override
    public void run() {
        long backoffMillis = 200;
        try {
            while (running) {
                ConsumerRecords<String, byte[]> polled = consumer.poll(Duration.ofMillis(500));
                if (polled.isEmpty()) {
                    continue;
                }
                List<ConsumerRecord<String, byte[]>> records = new java.util.ArrayList<>(polled.count());
                polled.forEach(records::add);
                try {
                    handler.handle(records);
                    consumer.commitSync(nextOffsets(records));
                    backoffMillis = 200;
                } catch (WakeupException e) {
                    throw e;
                } catch (Exception e) {
                    LOG.errorf(e, "%s: %d records failed, retrying in %d ms", name, records.size(), backoffMillis);
                    rewind(polled.partitions());
                    Thread.sleep(backoffMillis);
                    backoffMillis = Math.min(backoffMillis * 2, 10_000);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(List<ConsumerRecord<String, byte[]>> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            offsets.merge(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        return offsets;
    }

    private void rewind(Set<TopicPartition> partitions) {
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

    public void stop() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
