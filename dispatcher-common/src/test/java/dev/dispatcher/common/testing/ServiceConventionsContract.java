package dev.dispatcher.common.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dispatcher.common.topic.TopicPlan;
import dev.dispatcher.common.topic.TopicProvisioner;
import dev.dispatcher.common.topic.TopicSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every dispatcher service promises operators, checked against a running instance on the
 * shared broker: extend it with {@code @SpringBootTest(webEnvironment = RANDOM_PORT)}.
 */
@WithKafka
public abstract class ServiceConventionsContract {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @Autowired
    protected TopicProvisioner provisioner;

    @Autowired
    protected TopicPlan plan;

    @Autowired
    protected Admin admin;

    @BeforeEach
    void topicsProvisioned() throws InterruptedException {
        assertThat(provisioner.awaitReady(Duration.ofSeconds(60))).as("topics provisioned").isTrue();
    }

    @Test
    void readinessIsUpOnceTopicsExistAndTheBrokerAnswers() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> readiness = get("/actuator/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(200);
            assertThat(readiness.body()).contains("\"status\":\"UP\"").contains("\"kafka\"");
        });
    }

    @Test
    void livenessIsUp() throws Exception {
        HttpResponse<String> liveness = get("/actuator/health/liveness");

        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(liveness.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void metricsAreServedAsPrometheusText() throws Exception {
        HttpResponse<String> metrics = get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
        assertThat(metrics.body())
                .contains("# TYPE dispatcher_topics_ready gauge")
                .contains("dispatcher_topics_ready 1.0")
                .contains("dispatcher_topics_provision_attempts_total{result=\"success\"}")
                .contains("jvm_memory_used_bytes");
    }

    /**
     * Every metric the chart's dashboards and alert rules query from this service is in its scrape,
     * after {@link #exerciseForDashboards()} made it do the work those metrics count.
     */
    @Test
    void everyMetricTheDashboardsAndAlertsQueryIsExposed() throws Exception {
        exerciseForDashboards();
        Set<String> queried = DashboardMetrics.referencedFrom(service());
        assertThat(queried).isNotEmpty();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(DashboardMetrics.exposed(get("/metrics").body())).containsAll(queried));
    }

    /** This service's name in {@link DashboardMetrics#FAMILIES}: {@code api}, {@code store} or {@code indexer}. */
    protected abstract String service();

    /** Work that makes the meters the dashboards query exist where they only appear once used. */
    protected void exerciseForDashboards() throws Exception {
    }

    @Test
    void everyPlannedTopicExistsWithItsPartitions() throws Exception {
        var names = plan.topics().stream().map(t -> plan.layout().name(t.name())).toList();

        var described = admin.describeTopics(names).allTopicNames().get();

        for (TopicSpec spec : plan.topics()) {
            assertThat(described.get(plan.layout().name(spec.name())).partitions())
                    .as(spec.name()).hasSize(spec.partitions());
        }
    }

    @Test
    void unknownPathsAnswerProblemJson() throws Exception {
        HttpResponse<String> response = get("/no/such/path");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":\"404\"").contains("\"code\":\"not_found\"")
                .contains("\"title\":\"Not Found\"").contains("\"detail\":").doesNotContain("error_enum");
    }

    /** RFC 9110: a 405 names the methods the resource does take. */
    @Test
    void aMethodThePathDoesNotTakeIsAnswered405WithAllow() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health/liveness")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"code\":\"method_not_allowed\"");
    }

    @Test
    void anEncodedSlashInAPathIsAnsweredByTheServiceNotByTomcat() throws Exception {
        HttpResponse<String> response = get("/no%2Fsuch/path");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    protected HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
