package dev.dispatcher.indexer.pipeline;

import dev.dispatcher.common.topic.TopicLayout;
import dev.dispatcher.common.topic.TopicPlan;
import dev.dispatcher.indexer.IndexerMetrics;
import dev.dispatcher.indexer.IndexerProperties;
import dev.dispatcher.indexer.search.IndexTemplates;
import dev.dispatcher.indexer.search.SearchClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running pipelines: {@code events} (our event topics, unless turned off) and {@code passthrough} (when a topic
 * is set), each {@code instances} bulkers on threads of their own, sharing one dead-letter producer. Stops before the
 * web server does, flushing what each bulker holds.
 */
public class Pipelines implements SmartLifecycle {

    public static final String EVENTS = "events";
    public static final String PASSTHROUGH = "passthrough";

    private static final Logger log = LoggerFactory.getLogger(Pipelines.class);

    private final IndexerProperties properties;
    private final KafkaProperties kafka;
    private final TopicPlan plan;
    private final SearchClient search;
    private final IndexerMetrics metrics;
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Bulker> bulkers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private Producer<byte[], byte[]> producer;
    private volatile boolean running;
    private volatile boolean stopping;

    public Pipelines(IndexerProperties properties, KafkaProperties kafka, TopicPlan plan,
                     SearchClient search, IndexerMetrics metrics) {
        this.properties = properties;
        this.kafka = kafka;
        this.plan = plan;
        this.search = search;
        this.metrics = metrics;
        IndexerProperties.Passthrough passthrough = properties.getPassthrough();
        if (!passthrough.getTopic().isBlank() && passthrough.getGroup().isBlank()) {
            throw new IllegalArgumentException("dispatcher.indexer.passthrough.group (KAFKA_CONSUMER_GROUP_NAME) is"
                    + " required with a passthrough topic (KAFKA_CONSUMER_TOPIC=" + passthrough.getTopic() + ")");
        }
        if (properties.getInstances() < 1) {
            throw new IllegalArgumentException("dispatcher.indexer.instances (ELASTIC_INDEXER_INSTANCES) must be >= 1");
        }
    }

    @Override
    public synchronized void start() {
        TopicLayout layout = plan.layout();
        producer = new KafkaProducer<>(producerConfig(), new ByteArraySerializer(), new ByteArraySerializer());
        String deadLetters = layout.name(TopicLayout.DEAD_LETTER);
        if (properties.getEvents().isEnabled()) {
            EventsReader reader = new EventsReader(json, plan, properties.getEvents().getIndexPrefix());
            String group = properties.getEvents().getGroup().isBlank()
                    ? layout.name("indexer-events") : properties.getEvents().getGroup();
            IndexTemplates templates = new IndexTemplates(search, properties.getEvents().getIndexPrefix());
            launch(EVENTS, group, reader.subscription(), reader, deadLetters, () -> install(templates));
        }
        IndexerProperties.Passthrough passthrough = properties.getPassthrough();
        if (!passthrough.getTopic().isBlank()) {
            String target = passthrough.getDeadLetterTopic().isBlank() ? deadLetters : passthrough.getDeadLetterTopic();
            launch(PASSTHROUGH, passthrough.getGroup(), List.of(passthrough.getTopic()), new PassthroughReader(json),
                    target, () -> true);
        }
        running = true;
    }

    private void launch(String pipeline, String group, List<String> topics, MessageReader reader, String deadLetters,
                        BooleanSupplier prepare) {
        metrics.pipelineStarted(pipeline);
        for (int i = 0; i < properties.getInstances(); i++) {
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(group, pipeline + "-" + i),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            Bulker bulker = new Bulker(pipeline, i, consumer, producer, deadLetters, reader, search, properties,
                    metrics, json);
            bulkers.add(bulker);
            Thread thread = Thread.ofPlatform().name("indexer-" + pipeline + "-" + i).unstarted(() -> {
                if (prepare.getAsBoolean()) {
                    consumer.subscribe(topics);
                    bulker.run();
                } else {
                    consumer.close(Duration.ZERO);
                }
            });
            thread.setUncaughtExceptionHandler((failed, e) -> log.error("indexer {}: bulker {} stopped on an unexpected"
                    + " error; its batch was not committed and liveness is now DOWN", pipeline, failed.getName(), e));
            threads.add(thread);
            thread.start();
        }
        log.info("indexer {}: {} bulker(s) in group {} reading {} topic(s), dead letters to {}", pipeline,
                properties.getInstances(), group, topics.size(), deadLetters);
    }

    /** Installs the events template before the first batch, retrying while the cluster is away; false if stopped first. */
    private boolean install(IndexTemplates templates) {
        Duration wait = properties.getRetry().getInitialBackoff();
        while (!stopping) {
            try {
                templates.install();
                return true;
            } catch (IOException e) {
                log.warn("indexer: index template {} not installed yet: {}", templates.name(), e.toString());
            }
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            wait = wait.multipliedBy(2).compareTo(properties.getRetry().getMaxBackoff()) > 0
                    ? properties.getRetry().getMaxBackoff() : wait.multipliedBy(2);
        }
        return false;
    }

    @Override
    public synchronized void stop() {
        stopping = true;
        running = false;
        bulkers.forEach(Bulker::stop);
        long deadline = System.nanoTime() + properties.getShutdownFlushTimeout().plusSeconds(10).toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Names of bulker threads that ended while the pipelines should be running (an unexpected error). */
    public synchronized List<String> deadBulkers() {
        if (stopping) {
            return List.of();
        }
        return threads.stream().filter(thread -> !thread.isAlive()).map(Thread::getName).toList();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server stops (its phase is lower), so probes answer while the last batches go out. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1024;
    }

    private Map<String, Object> consumerConfig(String group, String clientId) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "dispatcher-indexer-" + clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(1, Math.min(properties.getBulk().getMaxMessages(), 5000)));
        config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        return config;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "dispatcher-indexer-dead-letters");
        return config;
    }
}
