package dev.dispatcher.api.publish;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import tools.jackson.databind.util.RawValue;

/**
 * The answer to a publish: how many events of the body were accepted and which were not, and with
 * {@code include_ok=true} every record as written.
 *
 * @param totalOk       events of the body accepted and written (a status's results are not counted on their own)
 * @param totalFailures events of the body refused, each listed in {@code failures}
 * @param failures      the refused events, never null (Azul's client rejects {@code null})
 * @param ok            every record written, as its exact JSON (with {@code kafka_key} and tracking
 *                      fields); a status's results come before it; absent unless asked for
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PublishResponse(
        @JsonProperty("total_ok") int totalOk,
        @JsonProperty("total_failures") int totalFailures,
        List<Failure> failures,
        List<RawValue> ok) {

    /**
     * One refused event.
     *
     * @param event the event's JSON text exactly as received (a string: Azul's client declares it {@code event: str})
     * @param error every violation as {@code "<code> at <field>: <message>"}, joined by {@code "; "}
     */
    record Failure(String event, String error) {
    }
}
