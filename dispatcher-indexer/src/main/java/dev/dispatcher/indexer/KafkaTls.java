package dev.dispatcher.indexer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Kafka over TLS from the Arkime indexer's four variables: {@code KAFKA_SSL_CA_LOCATION} (PEM CA certificate),
 * {@code KAFKA_SSL_CERT_LOCATION} (PEM client certificate), {@code KAFKA_SSL_KEY_LOCATION} (PEM private key) and
 * {@code KAFKA_SSL_KEY_PASSWORD} (its password). As there, TLS is on only when all four are set. The Java client reads
 * the CA from its file and the certificate and key as PEM text ({@code ssl.keystore.type=PEM}). Anything set through
 * {@code spring.kafka.*} or {@code spring.kafka.properties.*} is left alone when these are not all given.
 *
 * <p>Applied to the environment as {@code spring.kafka.properties.*} (with the precedence of environment variables), so
 * that every Kafka client of the service uses them: the pipelines' consumers and producer, and the admin client that
 * provisions the topics and answers the readiness check.
 */
public final class KafkaTls implements EnvironmentPostProcessor {

    static final String PROPERTY_SOURCE = "arkimeKafkaTls";

    static final String CA = "KAFKA_SSL_CA_LOCATION";
    static final String CERT = "KAFKA_SSL_CERT_LOCATION";
    static final String KEY = "KAFKA_SSL_KEY_LOCATION";
    static final String PASSWORD = "KAFKA_SSL_KEY_PASSWORD";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> properties = new LinkedHashMap<>();
        config(environment::getProperty).forEach((key, value) -> properties.put("spring.kafka.properties." + key, value));
        if (properties.isEmpty()) {
            return;
        }
        MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE, properties);
        String system = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
        if (environment.getPropertySources().contains(system)) {
            environment.getPropertySources().addAfter(system, source);
        } else {
            environment.getPropertySources().addFirst(source);
        }
    }

    /** Client settings for the four variables, or none when not all four are set. */
    static Map<String, Object> config(Function<String, String> environment) {
        String ca = environment.apply(CA);
        String cert = environment.apply(CERT);
        String key = environment.apply(KEY);
        String password = environment.apply(PASSWORD);
        Map<String, Object> config = new LinkedHashMap<>();
        if (blank(ca) || blank(cert) || blank(key) || blank(password)) {
            return config;
        }
        config.put("security.protocol", "SSL");
        config.put("ssl.truststore.type", "PEM");
        config.put("ssl.truststore.location", ca);
        config.put("ssl.keystore.type", "PEM");
        config.put("ssl.keystore.certificate.chain", read(CERT, cert));
        config.put("ssl.keystore.key", read(KEY, key));
        config.put("ssl.key.password", password);
        return config;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String read(String variable, String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(variable + ": cannot read " + file, e);
        }
    }
}
