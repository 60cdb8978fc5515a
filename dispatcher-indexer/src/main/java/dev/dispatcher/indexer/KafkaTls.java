package dev.dispatcher.indexer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Kafka over TLS from the Arkime indexer's four variables: {@code KAFKA_SSL_CA_LOCATION} (PEM CA certificate),
 * {@code KAFKA_SSL_CERT_LOCATION} (PEM client certificate), {@code KAFKA_SSL_KEY_LOCATION} (PEM private key) and
 * {@code KAFKA_SSL_KEY_PASSWORD} (its password). As there, TLS is on only when all four are set. The Java client reads
 * the CA from its file and the certificate and key as PEM text ({@code ssl.keystore.type=PEM}). Anything set through
 * {@code spring.kafka.*} or {@code spring.kafka.properties.*} is left alone when these are not all given.
 */
final class KafkaTls {

    static final String CA = "KAFKA_SSL_CA_LOCATION";
    static final String CERT = "KAFKA_SSL_CERT_LOCATION";
    static final String KEY = "KAFKA_SSL_KEY_LOCATION";
    static final String PASSWORD = "KAFKA_SSL_KEY_PASSWORD";

    private KafkaTls() {
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
