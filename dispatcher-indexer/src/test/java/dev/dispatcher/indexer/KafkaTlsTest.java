package dev.dispatcher.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaTlsTest {

    @TempDir
    Path dir;

    @Test
    void allFourVariablesTurnOnTlsWithPemMaterial() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "CA");
        Path cert = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\nC\n-----END CERTIFICATE-----\n");
        Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN ENCRYPTED PRIVATE KEY-----\nK\n-----END ENCRYPTED PRIVATE KEY-----\n");
        Map<String, String> env = Map.of(KafkaTls.CA, ca.toString(), KafkaTls.CERT, cert.toString(),
                KafkaTls.KEY, key.toString(), KafkaTls.PASSWORD, "secret");
        Map<String, Object> config = KafkaTls.config(env::get);
        assertThat(config).containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.truststore.type", "PEM").containsEntry("ssl.truststore.location", ca.toString())
                .containsEntry("ssl.keystore.type", "PEM").containsEntry("ssl.key.password", "secret");
        assertThat((String) config.get("ssl.keystore.certificate.chain")).contains("BEGIN CERTIFICATE");
        assertThat((String) config.get("ssl.keystore.key")).contains("BEGIN ENCRYPTED PRIVATE KEY");
    }

    @Test
    void fewerThanFourLeaveKafkaAlone() {
        assertThat(KafkaTls.config(Map.of(KafkaTls.CA, "/ca.pem", KafkaTls.CERT, "/c.pem")::get)).isEmpty();
    }
}
