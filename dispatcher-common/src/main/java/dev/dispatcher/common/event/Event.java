package dev.dispatcher.common.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;

/**
 * An event of one of the seven models, with the envelope every model shares.
 *
 * <p>Events are immutable records that keep what the producer sent: unknown properties at every
 * level survive a read/write round trip (see {@link #unknown()}), absent fields stay absent (null
 * in Java, never written), and timestamps stay the producer's strings. Read and write them with
 * {@link EventJson}; check them with {@link EventValidator}.
 */
public sealed interface Event
        permits BinaryEvent, StatusEvent, PluginEvent, InsertEvent, DeleteEvent, DownloadEvent, RetrohuntEvent {

    /** The model version this suite reads and writes; events below it are rejected. */
    int CURRENT_MODEL_VERSION = 6;

    /** Which of the seven models this is (not a JSON property: the model travels beside the event). */
    @JsonIgnore
    EventModel model();

    /** {@code model_version}; required, at least {@link #CURRENT_MODEL_VERSION}. */
    Integer modelVersion();

    /** {@code kafka_key}; whatever a producer sends is replaced by the server's {@link KafkaKeys#compute}. */
    String kafkaKey();

    /** When the event was produced: zoned ISO-8601, as the producer wrote it. */
    String timestamp();

    /** Who produced the event; {@code name} required. */
    Author author();

    /** Top-level properties this model does not know, in arrival order; never null. */
    Map<String, Object> unknown();

    /** A copy carrying {@code kafkaKey}. */
    Event withKafkaKey(String kafkaKey);

    /** A copy carrying {@code modelVersion}, e.g. when the server republishes status results. */
    Event withModelVersion(Integer modelVersion);
}
