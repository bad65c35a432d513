package dev.ganboard.sdk.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the server's CPU went during an IngestBench run with --jfr: execution samples attributed to the first
 * non-JDK frame from the top of the stack (so String or HashMap work counts for the library that called it), and
 * grouped by thread; and sampled allocations (bytes) attributed the same way. Only events inside the window
 * that IngestBench prints (epoch milliseconds) count, so start-up and warm-up stay out.
 * Usage: JfrSummary FILE.jfr [FROM_MS TO_MS]
 */
public final class JfrSummary {
    private static final Map<String, String> COMPONENTS = new LinkedHashMap<>();

    static {
        COMPONENTS.put("dev.ganboard.backend.metric.SegmentCodec", "segment encoding (GANBoard)");
        COMPONENTS.put("dev.ganboard.protocol.ingest.MetricBatchJson", "ingest JSON parse (GANBoard, streaming)");
        COMPONENTS.put("dev.ganboard.protocol.ingest.KeyTable", "ingest JSON parse (GANBoard, streaming)");
        COMPONENTS.put("dev.ganboard.protocol.ingest.MetricBatchRules", "batch validation (GANBoard)");
        COMPONENTS.put("dev.ganboard.protocol.ingest.MetricColumnsCodec", "binary record codec (GANBoard)");
        COMPONENTS.put("dev.ganboard.backend.metric.MetricStore", "metric store (GANBoard)");
        COMPONENTS.put("com.fasterxml.jackson", "JSON (Jackson)");
        COMPONENTS.put("org.h2", "H2 database");
        COMPONENTS.put("org.hibernate", "Hibernate ORM");
        COMPONENTS.put("io.agroal", "transactions / connection pool");
        COMPONENTS.put("com.arjuna", "transactions / connection pool");
        COMPONENTS.put("io.quarkus.narayana", "transactions / connection pool");
        COMPONENTS.put("net.jpountz", "compression (lz4)");
        COMPONENTS.put("org.apache.kafka.common.compress", "compression (lz4)");
        COMPONENTS.put("org.apache.kafka.clients.producer", "Kafka producer");
        COMPONENTS.put("org.apache.kafka.clients.consumer", "Kafka consumer");
        COMPONENTS.put("org.apache.kafka.common.record", "Kafka record batches (CRC, copy)");
        COMPONENTS.put("org.apache.kafka.common.network", "Kafka network");
        COMPONENTS.put("org.apache.kafka.common", "Kafka common");
        COMPONENTS.put("org.apache.kafka", "Kafka broker");
        COMPONENTS.put("kafka.", "Kafka broker");
        COMPONENTS.put("io.netty", "HTTP server (Netty/Vert.x/RESTEasy)");
        COMPONENTS.put("io.vertx", "HTTP server (Netty/Vert.x/RESTEasy)");
        COMPONENTS.put("org.jboss.resteasy", "HTTP server (Netty/Vert.x/RESTEasy)");
        COMPONENTS.put("io.quarkus", "Quarkus / CDI");
        COMPONENTS.put("io.micrometer", "metrics (Micrometer)");
        COMPONENTS.put("dev.ganboard", "GANBoard other");
        COMPONENTS.put("com.vaadin", "Vaadin");
    }

    private JfrSummary() {
    }

    public static void main(String[] args) throws Exception {
        long from = args.length > 2 ? Long.parseLong(args[1]) : Long.MIN_VALUE;
        long to = args.length > 2 ? Long.parseLong(args[2]) : Long.MAX_VALUE;
        Map<String, Long> byComponent = new TreeMap<>();
        Map<String, Long> byThread = new TreeMap<>();
        Map<String, Long> allocated = new TreeMap<>();
        long samples = 0;
        long bytes = 0;
        Duration gc = Duration.ZERO;
        int collections = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            long at = e.getStartTime().toEpochMilli();
            if (at < from || at > to) {
                continue;
            }
            String type = e.getEventType().getName();
            if (type.equals("jdk.GarbageCollection")) {
                gc = gc.plus(e.getDuration("sumOfPauses"));
                collections++;
            } else if (type.equals("jdk.ExecutionSample") && e.getStackTrace() != null) {
                samples++;
                byComponent.merge(component(e.getStackTrace().getFrames()), 1L, Long::sum);
                byThread.merge(threadGroup(e.getThread("sampledThread").getJavaName()), 1L, Long::sum);
            } else if (type.equals("jdk.ObjectAllocationSample") && e.getStackTrace() != null) {
                long weight = e.getLong("weight");
                bytes += weight;
                allocated.merge(component(e.getStackTrace().getFrames()), weight, Long::sum);
            }
        }
        double seconds = (Math.min(to, System.currentTimeMillis()) - from) / 1e3;
        System.out.printf("%d execution samples; %d collections, GC pauses %.2f s%s; ~%.1f GB allocated%n", samples,
                collections, gc.toMillis() / 1e3, from == Long.MIN_VALUE ? "" : String.format(" in %.1f s", seconds),
                bytes / 1e9);
        print("CPU by component (first non-JDK frame)", byComponent, samples);
        print("CPU by thread", byThread, samples);
        print("allocation by component", allocated, bytes);
    }

    private static void print(String title, Map<String, Long> counts, long total) {
        System.out.println("-- " + title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(c -> 100.0 * c.getValue() / total >= 0.5)
                .forEach(c -> System.out.printf("%6.1f %%  %s%n", 100.0 * c.getValue() / total, c.getKey()));
    }

    static String component(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String cls = f.getMethod().getType().getName();
            if (cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun.")
                    || cls.startsWith("com.sun.")) {
                continue;
            }
            for (Map.Entry<String, String> c : COMPONENTS.entrySet()) {
                if (cls.startsWith(c.getKey())) {
                    return c.getValue();
                }
            }
            return "other: " + cls.substring(0, Math.max(cls.indexOf('.', cls.indexOf('.') + 1), 0));
        }
        return "JDK only (I/O, threads)";
    }

    static String threadGroup(String name) {
        if (name == null) {
            return "?";
        }
        if (name.startsWith("executor-thread")) {
            return "REST handlers (parse, validate, produce and wait)";
        }
        if (name.startsWith("vert.x-eventloop")) {
            return "HTTP event loops";
        }
        if (name.startsWith("kafka-producer-network-thread")) {
            return "Kafka producer I/O";
        }
        if (name.startsWith("metrics-consumer")) {
            return "metrics consumer (poll, parse, store)";
        }
        if (name.contains("request-handler") || name.contains("network-thread") || name.startsWith("data-plane")
                || name.contains("kafka") || name.contains("raft") || name.contains("broker")) {
            return "Kafka broker";
        }
        return "other: " + name.replaceAll("[-#]?\\d+$", "");
    }
}
