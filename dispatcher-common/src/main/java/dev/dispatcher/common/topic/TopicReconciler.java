package dev.dispatcher.common.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Makes the broker's topics match a {@link TopicPlan}: creates what is missing, grows partitions,
 * re-applies managed config keys and reports what it cannot change (fewer partitions, other replicas).
 *
 * <p>Idempotent and safe when several services run it at once: a topic or partition another
 * process created in between is taken as done.
 */
public final class TopicReconciler {

    private static final Duration UNKNOWN_TOPIC_PAUSE = Duration.ofMillis(100);

    private final Admin admin;
    private final Duration timeout;

    public TopicReconciler(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** Runs one reconciliation; throws on broker errors (the caller retries). */
    public Report reconcile(TopicPlan plan) throws InterruptedException, ExecutionException, TimeoutException {
        TopicLayout layout = plan.layout();
        Map<String, TopicSpec> desired = plan.topics().stream()
                .collect(Collectors.toMap(t -> layout.name(t.name()), t -> t));

        Set<String> existing = get(admin.listTopics().names());
        List<String> created = create(desired, existing);

        Map<String, TopicSpec> present = new HashMap<>(desired);
        created.forEach(present::remove);
        Map<String, TopicDescription> descriptions = present.isEmpty()
                ? Map.of() : untilKnown(() -> get(admin.describeTopics(present.keySet()).allTopicNames()));

        List<String> grown = new ArrayList<>();
        List<Mismatch> mismatches = new ArrayList<>();
        for (TopicDescription description : descriptions.values()) {
            TopicSpec spec = present.get(description.name());
            int partitions = description.partitions().size();
            int replicas = description.partitions().getFirst().replicas().size();
            if (partitions < spec.partitions()) {
                grow(description.name(), spec.partitions());
                grown.add(description.name());
            } else if (partitions > spec.partitions()) {
                mismatches.add(new Mismatch(description.name(), "partitions", spec.partitions(), partitions));
            }
            if (replicas != spec.replicas()) {
                mismatches.add(new Mismatch(description.name(), "replication factor", spec.replicas(), replicas));
            }
        }
        List<String> reconfigured = reconfigure(present);
        return new Report(desired.size(), created, grown, reconfigured, mismatches);
    }

    private List<String> create(Map<String, TopicSpec> desired, Set<String> existing)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<NewTopic> missing = desired.entrySet().stream()
                .filter(e -> !existing.contains(e.getKey()))
                .map(e -> new NewTopic(e.getKey(), e.getValue().partitions(), e.getValue().replicas())
                        .configs(e.getValue().config()))
                .toList();
        if (missing.isEmpty()) {
            return List.of();
        }
        List<String> created = new ArrayList<>();
        for (Map.Entry<String, KafkaFuture<Void>> result : admin.createTopics(missing).values().entrySet()) {
            try {
                get(result.getValue());
                created.add(result.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                // Another service created it a moment ago: it is reconciled like any existing topic.
            }
        }
        return created;
    }

    private void grow(String topic, int partitions) throws InterruptedException, ExecutionException, TimeoutException {
        try {
            get(admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(partitions))).all());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof InvalidPartitionsException)) {
                throw e;
            }
            // Another service grew it first; describe again to be sure it reached the count.
            int now = untilKnown(() -> get(admin.describeTopics(List.of(topic)).allTopicNames())).get(topic).partitions().size();
            if (now < partitions) {
                throw e;
            }
        }
    }

    private List<String> reconfigure(Map<String, TopicSpec> present)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (present.isEmpty()) {
            return List.of();
        }
        List<ConfigResource> resources = present.keySet().stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        Map<ConfigResource, Config> current = untilKnown(() -> get(admin.describeConfigs(resources).all()));
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        current.forEach((resource, config) -> {
            List<AlterConfigOp> ops = new ArrayList<>();
            present.get(resource.name()).config().forEach((key, value) -> {
                ConfigEntry entry = config.get(key);
                if (entry == null || !value.equals(entry.value())) {
                    ops.add(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET));
                }
            });
            if (!ops.isEmpty()) {
                changes.put(resource, ops);
            }
        });
        if (!changes.isEmpty()) {
            get(admin.incrementalAlterConfigs(changes).all());
        }
        return changes.keySet().stream().map(ConfigResource::name).sorted().toList();
    }

    /**
     * Runs a describe call, again while the broker does not know a topic yet: a topic another
     * service just created reaches every broker's metadata a moment after its creation returned.
     */
    private <T> T untilKnown(AdminCall<T> call) throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return call.run();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(UNKNOWN_TOPIC_PAUSE);
            }
        }
    }

    @FunctionalInterface
    private interface AdminCall<T> {
        T run() throws InterruptedException, ExecutionException, TimeoutException;
    }

    private <T> T get(KafkaFuture<T> future) throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A difference the reconciler does not change by itself. */
    public record Mismatch(String topic, String what, int desired, int actual) {
        @Override
        public String toString() {
            return topic + " has " + actual + " " + what + ", desired " + desired;
        }
    }

    /** What one reconciliation did. */
    public record Report(int desired, List<String> created, List<String> grown, List<String> reconfigured,
                         List<Mismatch> mismatches) {
        @Override
        public String toString() {
            return desired + " topics desired: " + created.size() + " created, " + grown.size()
                    + " grown, " + reconfigured.size() + " reconfigured, " + mismatches.size() + " mismatched";
        }
    }
}
