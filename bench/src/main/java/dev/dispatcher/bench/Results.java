package dev.dispatcher.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one run measured; a phase that failed leaves its figure null and says why in {@link #problems}. */
final class Results {

    /** Kafka's ProducerPerformance summary line. */
    record ProducerPerf(long records, double recordsPerSec, double mibPerSec, double avgLatencyMs, double p99LatencyMs) {
    }

    /** Kafka's ConsumerPerformance summary ({@code nMsg.sec} includes joining the group, {@code fetch.nMsg.sec} not). */
    record ConsumerPerf(long records, double recordsPerSec, double mibPerSec, double fetchRecordsPerSec, double rebalanceMs) {
    }

    /** HTTP publish: events accepted ({@code total_ok}) per second of the whole run. */
    record PublishRun(int clients, long eventsOk, long eventFailures, long requests, long requestErrors, long bytes,
                      double seconds, double requestP50Ms, double requestP99Ms, String firstError) {

        double eventsPerSec() {
            return seconds > 0 ? eventsOk / seconds : 0;
        }

        double mibPerSec() {
            return seconds > 0 ? bytes / seconds / (1024 * 1024) : 0;
        }
    }

    /** Active fetch until the topic is drained. */
    record FetchRun(int fetchers, long expected, long fetched, long requests, long emptyAnswers, long bytes,
                    double seconds, double secondsToFirstEvent, boolean drained, String firstError) {

        double eventsPerSec() {
            return seconds > 0 ? fetched / seconds : 0;
        }

        /** Rate once the plugin's consumers owned their partitions (join time left out). */
        double steadyEventsPerSec() {
            double s = seconds - secondsToFirstEvent;
            return s > 0 ? fetched / s : 0;
        }

        double mibPerSec() {
            return seconds > 0 ? bytes / seconds / (1024 * 1024) : 0;
        }
    }

    /** Publish acknowledged → waiting long-poll returned, in ms. */
    record LatencyRun(int samples, int misses, int returnedBeforeAck, double p50, double p95, double p99, double max,
                      double sendP50, double sendP99) {
    }

    /**
     * Many idle long-polls: what they cost the api, and publishing while they wait ({@code publish}) beside
     * the same publish made just before the polls started ({@code control}), on the same api.
     */
    record IdleRun(String mode, int polls, int timeoutSeconds, Api.Vitals before, Api.Vitals during,
                   Api.Vitals duringPublish, PublishRun control, PublishRun publish, long answered, long errors,
                   int inFlightAtMeasure, String firstError) {

        double heapDeltaMb() {
            return during == null || before == null ? Double.NaN : during.heapMb() - before.heapMb();
        }
    }

    String date;
    String mode;
    Map<String, String> machine = new LinkedHashMap<>();
    ProducerPerf producer;
    ConsumerPerf consumer;
    PublishRun publish;
    FetchRun fetch;
    LatencyRun latency;
    List<IdleRun> idle = new ArrayList<>();
    Map<String, Cpu.Share> cpu = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    double minutes;
}
