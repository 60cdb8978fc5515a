package dev.dispatcher.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A second real broker, started on first use, whose clients get only its TLS listener: one that ignores
 * the TLS settings cannot talk to it at all. (The PLAINTEXT listeners Kafka's test kit makes for itself
 * stay beside it, never handed out.) Its certificate is made by the JDK's {@code keytool} for
 * {@code 127.0.0.1} (subject alternative name, so clients keep hostname verification on); clients trust it
 * through a PKCS12 trust store or a PEM file. In-JVM KRaft (Kafka's own test kit); stopped when the JVM exits.
 */
public final class TlsKafkaBroker {

    public static final String PASSWORD = "dispatcher-test";
    private static final String TLS_LISTENER = "TLS";

    private static volatile TlsKafkaBroker started;

    private final String bootstrapServers;
    private final Path trustStore;
    private final Path pem;

    private TlsKafkaBroker(String bootstrapServers, Path trustStore, Path pem) {
        this.bootstrapServers = bootstrapServers;
        this.trustStore = trustStore;
        this.pem = pem;
    }

    /** The shared TLS broker, starting it if needed. */
    public static TlsKafkaBroker get() {
        TlsKafkaBroker broker = started;
        if (broker == null) {
            synchronized (TlsKafkaBroker.class) {
                if (started == null) {
                    started = start();
                }
                broker = started;
            }
        }
        return broker;
    }

    /** {@code host:port} of the TLS listener. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * The folder of the PEM files a client that authenticates with a certificate takes: {@code ca.pem} (the
     * broker's certificate), {@code cert.pem} (the client's, here the broker's own, which the broker trusts) and
     * {@code key.pem} (its private key, PKCS#8 encrypted with {@link #PASSWORD}).
     */
    public Path pem() {
        return pem;
    }

    private static void writePem(Path keyStore, Path dir) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        Certificate certificate = store.getCertificate("broker");
        PrivateKey key = (PrivateKey) store.getKey("broker", PASSWORD.toCharArray());
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("ca.pem"), pem("CERTIFICATE", certificate.getEncoded()));
        Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", certificate.getEncoded()));
        Files.writeString(dir.resolve("key.pem"), pem("ENCRYPTED PRIVATE KEY", encrypted(key)));
    }

    /**
     * PKCS#8 encrypted with PKCS#12's PBE scheme (SHA-1 and 3DES, which {@link EncryptedPrivateKeyInfo} can name
     * and Kafka's PEM reader decrypts): a throw-away key of a test.
     */
    private static byte[] encrypted(PrivateKey key) throws Exception {
        String algorithm = "PBEWithSHA1AndDESede";
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        SecretKey secret = SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(PASSWORD.toCharArray()));
        Cipher cipher = Cipher.getInstance(algorithm);
        cipher.init(Cipher.ENCRYPT_MODE, secret, new PBEParameterSpec(salt, 10_000));
        return new EncryptedPrivateKeyInfo(cipher.getParameters(), cipher.doFinal(key.getEncoded())).getEncoded();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** Kafka client settings that reach this broker: TLS, trusting its certificate. */
    public Map<String, Object> clientConfig() {
        return Map.of("bootstrap.servers", bootstrapServers, "security.protocol", "SSL",
                "ssl.truststore.location", trustStore.toString(), "ssl.truststore.password", PASSWORD,
                "ssl.truststore.type", "PKCS12");
    }

    /**
     * Spring Boot properties for an application under test, in the form the Helm chart sets them
     * ({@code kafka.tls}): the CA as a PEM trust store file, the client certificate and its encrypted key as
     * PEM text.
     */
    public Map<String, String> springProperties() {
        try {
            return Map.of("spring.kafka.bootstrap-servers", bootstrapServers,
                    "spring.kafka.security.protocol", "SSL",
                    "spring.kafka.ssl.trust-store-type", "PEM",
                    "spring.kafka.ssl.trust-store-location", pem.resolve("ca.pem").toUri().toString(),
                    "spring.kafka.ssl.key-store-type", "PEM",
                    "spring.kafka.ssl.key-store-certificate-chain", Files.readString(pem.resolve("cert.pem")),
                    "spring.kafka.ssl.key-store-key", Files.readString(pem.resolve("key.pem")),
                    "spring.kafka.ssl.key-password", PASSWORD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TlsKafkaBroker start() {
        try {
            Path dir = Files.createTempDirectory("tls-kafka-");
            Path keyStore = dir.resolve("broker.p12");
            Path certificate = dir.resolve("broker.pem");
            Path trustStore = dir.resolve("trust.p12");
            keytool("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "7",
                    "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
            keytool("-exportcert", "-rfc", "-alias", "broker", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                    "-file", certificate.toString());
            keytool("-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(), "-storetype", "PKCS12",
                    "-keystore", trustStore.toString(), "-storepass", PASSWORD);

            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build();
            // Kafka's test kit makes PLAINTEXT listeners only; the TLS one is added beside them. The kit's own
            // clients (and the broker's inter-broker traffic) stay on PLAINTEXT, every test client uses TLS.
            String external = nodes.brokerListenerName().value();
            String controller = nodes.controllerListenerName().value();
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("listeners", external + "://127.0.0.1:0," + controller + "://127.0.0.1:0,"
                            + TLS_LISTENER + "://127.0.0.1:0")
                    .setConfigProp("listener.security.protocol.map", external + ":PLAINTEXT," + controller + ":PLAINTEXT,"
                            + TLS_LISTENER + ":SSL")
                    .setConfigProp("ssl.keystore.location", keyStore.toString())
                    .setConfigProp("ssl.keystore.password", PASSWORD)
                    .setConfigProp("ssl.key.password", PASSWORD)
                    .setConfigProp("ssl.keystore.type", "PKCS12")
                    // A client certificate, when a client presents one, must be one the broker trusts.
                    .setConfigProp("ssl.client.auth", "requested")
                    .setConfigProp("ssl.truststore.location", trustStore.toString())
                    .setConfigProp("ssl.truststore.password", PASSWORD)
                    .setConfigProp("ssl.truststore.type", "PKCS12")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("group.consumer.min.session.timeout.ms", KafkaBroker.MIN_SESSION_TIMEOUT_MS)
                    .setConfigProp("group.consumer.session.timeout.ms", KafkaBroker.SESSION_TIMEOUT_MS)
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    cluster.close();
                } catch (Exception e) {
                    // exiting anyway
                }
            }, "tls-kafka-broker-stop"));
            int port = cluster.brokers().values().iterator().next().boundPort(ListenerName.normalised(TLS_LISTENER));
            writePem(keyStore, dir.resolve("pem"));
            return new TlsKafkaBroker("127.0.0.1:" + port, trustStore, dir.resolve("pem"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("TLS broker start interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("TLS broker did not start", e);
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("keytool " + args[0] + " failed: " + output);
        }
    }
}
