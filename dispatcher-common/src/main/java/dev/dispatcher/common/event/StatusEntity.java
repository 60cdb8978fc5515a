package dev.dispatcher.common.event;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a plugin reports about one task.
 *
 * @param input   the binary event as fetched, with its {@code dequeued} task id; plugins strip
 *                features, datastreams and info before echoing it
 * @param status  a {@link StatusType} wire name (kept as sent, checked by the validator)
 * @param runtime seconds the plugin spent
 * @param error   short error title
 * @param message longer explanation
 * @param results binary events produced; only on completed-family statuses
 * @param unknown properties this model does not know, passed on unchanged
 */
@JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.NON_NULL)
public record StatusEntity(
        BinaryEvent input,
        String status,
        Double runtime,
        String error,
        String message,
        List<BinaryEvent> results,
        @JsonAnySetter @JsonAnyGetter @JsonProperty(Components.UNKNOWN) Map<String, Object> unknown) {

    public StatusEntity {
        results = Components.list(results);
        unknown = Components.unknown(unknown);
    }

    /** The status, when it is a known one. */
    public Optional<StatusType> statusType() {
        return StatusType.fromWireName(status);
    }

    /** A copy with other results; {@code null} drops the field, as the server does before storing a status. */
    public StatusEntity withResults(List<BinaryEvent> results) {
        return new StatusEntity(input, status, runtime, error, message, results, unknown);
    }
}
