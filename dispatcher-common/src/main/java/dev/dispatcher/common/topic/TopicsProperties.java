package dev.dispatcher.common.topic;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Topic layout, the desired topic set and how it is reconciled with the broker at startup. */
@ConfigurationProperties("dispatcher.topics")
public class TopicsProperties {

    /** First segment of every topic name. */
    private String namespace = "azul";

    /** Second segment of every topic name: the deployment or environment. */
    private String prefix = "dev";

    /** Partitions of every topic unless a source or topics entry says otherwise (env DISPATCHER_GLOBAL_PARTITION_COUNT). */
    private String partitions = "3";

    /** Replication factor of every topic unless a source or topics entry says otherwise (env DISPATCHER_GLOBAL_REPLICA_COUNT). */
    private String replicas = "1";

    /** The Helm {@code sources:} block as YAML; every source gets its five binary topics (env DISPATCHER_SOURCES_HELM). */
    private String sourcesHelm = "";

    /** A YAML list of {@code {topic, numpartitions, replicationfactor, config}} applied last (env DISPATCHER_TOPICS_YAML). */
    private String topicsYaml = "";

    /** Create and reconcile topics at startup. */
    private boolean provision = true;

    /** A topic with more partitions or another replication factor than desired is a warning (true) or a startup error (false). */
    private boolean tolerateMismatch = true;

    /** First wait before retrying when the broker cannot be reached at startup; doubles up to {@link #retryMax}. */
    private Duration retryInitial = Duration.ofSeconds(1);

    /** Longest wait between two provisioning attempts. */
    private Duration retryMax = Duration.ofSeconds(30);

    /** Time allowed for one admin operation (list, describe, create, alter) before it counts as failed. */
    private Duration operationTimeout = Duration.ofSeconds(15);

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public String getPartitions() {
        return partitions;
    }

    public void setPartitions(String partitions) {
        this.partitions = partitions;
    }

    public String getReplicas() {
        return replicas;
    }

    public void setReplicas(String replicas) {
        this.replicas = replicas;
    }

    public String getSourcesHelm() {
        return sourcesHelm;
    }

    public void setSourcesHelm(String sourcesHelm) {
        this.sourcesHelm = sourcesHelm;
    }

    public String getTopicsYaml() {
        return topicsYaml;
    }

    public void setTopicsYaml(String topicsYaml) {
        this.topicsYaml = topicsYaml;
    }

    public boolean isProvision() {
        return provision;
    }

    public void setProvision(boolean provision) {
        this.provision = provision;
    }

    public boolean isTolerateMismatch() {
        return tolerateMismatch;
    }

    public void setTolerateMismatch(boolean tolerateMismatch) {
        this.tolerateMismatch = tolerateMismatch;
    }

    public Duration getRetryInitial() {
        return retryInitial;
    }

    public void setRetryInitial(Duration retryInitial) {
        this.retryInitial = retryInitial;
    }

    public Duration getRetryMax() {
        return retryMax;
    }

    public void setRetryMax(Duration retryMax) {
        this.retryMax = retryMax;
    }

    public Duration getOperationTimeout() {
        return operationTimeout;
    }

    public void setOperationTimeout(Duration operationTimeout) {
        this.operationTimeout = operationTimeout;
    }
}
