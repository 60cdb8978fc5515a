package dev.dispatcher.common.testing;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * One real Kafka broker per test JVM, started on first use: a container when a Docker engine is
 * reachable, otherwise an in-JVM KRaft broker. Stopped when the JVM exits.
 */
public final class KafkaBroker {

    /** Same version as the clients Spring Boot manages. */
    static final String IMAGE = "apache/kafka:4.2.1";

    /**
     * KIP-848 consumer groups notice a member that died without leaving after this session timeout
     * (Kafka's default is 45 s, too long for tests that kill an api process); heartbeats stay 5 s apart.
     */
    static final String SESSION_TIMEOUT_MS = "10000";
    static final String MIN_SESSION_TIMEOUT_MS = "6000";

    private static volatile String bootstrapServers;

    private KafkaBroker() {
    }

    /** {@code host:port} of the shared broker, starting it if needed. */
    public static String bootstrapServers() {
        String servers = bootstrapServers;
        if (servers == null) {
            synchronized (KafkaBroker.class) {
                if (bootstrapServers == null) {
                    bootstrapServers = start();
                }
                servers = bootstrapServers;
            }
        }
        return servers;
    }

    private static String start() {
        if (Boolean.getBoolean("dispatcher.test.containers") || dockerAvailable()) {
            KafkaContainer container = new KafkaContainer(IMAGE)
                    .withEnv("KAFKA_GROUP_CONSUMER_MIN_SESSION_TIMEOUT_MS", MIN_SESSION_TIMEOUT_MS)
                    .withEnv("KAFKA_GROUP_CONSUMER_SESSION_TIMEOUT_MS", SESSION_TIMEOUT_MS);
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "kafka-container-stop"));
            return container.getBootstrapServers();
        }
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.brokerProperty("auto.create.topics.enable", "false");
        broker.brokerProperty("group.consumer.min.session.timeout.ms", MIN_SESSION_TIMEOUT_MS);
        broker.brokerProperty("group.consumer.session.timeout.ms", SESSION_TIMEOUT_MS);
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "kafka-broker-stop"));
        return broker.getBrokersAsString();
    }

    static boolean dockerAvailable() {
        if (Boolean.getBoolean("dispatcher.test.no-containers")) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
