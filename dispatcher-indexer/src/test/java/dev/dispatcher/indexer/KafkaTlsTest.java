package dev.dispatcher.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatcher.common.testing.TlsKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

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

    @Test
    void theVariablesReachEveryKafkaClientTheAdminClientIncluded() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "CA");
        Path cert = Files.writeString(dir.resolve("cert.pem"), "CERT");
        Path key = Files.writeString(dir.resolve("key.pem"), "KEY");
        StandardEnvironment environment = new StandardEnvironment();
        String system = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
        environment.getPropertySources().replace(system, new SystemEnvironmentPropertySource(system, Map.of(
                KafkaTls.CA, ca.toString(), KafkaTls.CERT, cert.toString(), KafkaTls.KEY, key.toString(),
                KafkaTls.PASSWORD, "secret")));

        new KafkaTls().postProcessEnvironment(environment, new SpringApplication());

        KafkaProperties kafka = Binder.get(environment).bindOrCreate("spring.kafka", KafkaProperties.class);
        for (Map<String, Object> client : List.of(kafka.buildAdminProperties(), kafka.buildConsumerProperties(),
                kafka.buildProducerProperties())) {
            assertThat(client).containsEntry("security.protocol", "SSL")
                    .containsEntry("ssl.truststore.location", ca.toString())
                    .containsEntry("ssl.keystore.certificate.chain", "CERT").containsEntry("ssl.keystore.key", "KEY")
                    .containsEntry("ssl.key.password", "secret");
        }
    }

    /** The four variables' PEM files, as Arkime's indexer takes them, get a client through to a real TLS broker. */
    @Test
    void thePemFilesReachATlsBroker() throws Exception {
        TlsKafkaBroker broker = TlsKafkaBroker.get();
        Path pem = broker.pem();
        Map<String, String> env = Map.of(KafkaTls.CA, pem.resolve("ca.pem").toString(),
                KafkaTls.CERT, pem.resolve("cert.pem").toString(), KafkaTls.KEY, pem.resolve("key.pem").toString(),
                KafkaTls.PASSWORD, TlsKafkaBroker.PASSWORD);
        Map<String, Object> config = new HashMap<>(KafkaTls.config(env::get));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic("indexer-pem", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("indexer-pem");
        }

        config.put("ssl.key.password", "not-" + TlsKafkaBroker.PASSWORD);
        assertThatThrownBy(() -> Admin.create(config).close()).isInstanceOf(KafkaException.class);
    }

    @Test
    void withoutTheVariablesTheEnvironmentIsUntouched() {
        StandardEnvironment environment = new StandardEnvironment();
        int sources = environment.getPropertySources().size();

        new KafkaTls().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getPropertySources().size()).isEqualTo(sources);
    }
}
