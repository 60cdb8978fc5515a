package dev.dispatcher.common.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** The TLS broker answers TLS clients only: what the TLS tests of the services rely on. */
class TlsKafkaBrokerTest {

    @Test
    void aTlsClientIsServedAndAPlaintextClientIsNot() throws Exception {
        TlsKafkaBroker broker = TlsKafkaBroker.get();
        try (Admin tls = Admin.create(broker.clientConfig())) {
            tls.createTopics(List.of(new NewTopic("tls-fixture", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            assertThat(tls.listTopics().names().get(30, TimeUnit.SECONDS)).contains("tls-fixture");
        }
        Map<String, Object> plaintext = new HashMap<>(Map.of("bootstrap.servers", broker.bootstrapServers(),
                "default.api.timeout.ms", 3000, "request.timeout.ms", 2000));
        try (Admin plain = Admin.create(plaintext)) {
            assertThatThrownBy(() -> plain.listTopics().names().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
        }
    }
}
