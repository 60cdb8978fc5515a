package dev.dispatcher.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusTypeTest {

    @ParameterizedTest(name = "{0}: final={1} completed={2} error={3}")
    @CsvSource({
            "completed,             true,  true,  false",
            "completed-empty,       true,  true,  false",
            "completed-with-errors, true,  true,  false",
            "opt-out,               true,  false, false",
            "heartbeat,             false, false, false",
            "dequeued,              false, false, false",
            "download-requested,    false, false, false",
            "error-exception,       true,  false, true",
            "error-network,         true,  false, true",
            "error-runner,          true,  false, true",
            "error-input,           true,  false, true",
            "error-output,          true,  false, true",
            "error-timeout,         true,  false, true",
            "error-out-of-memory,   true,  false, true"})
    void familiesOfEveryStatus(String wireName, boolean isFinal, boolean completed, boolean error) {
        StatusType status = StatusType.fromWireName(wireName).orElseThrow();

        assertThat(status.isFinal()).isEqualTo(isFinal);
        assertThat(status.isProgress()).isEqualTo(!isFinal);
        assertThat(status.isCompletedFamily()).isEqualTo(completed);
        assertThat(status.isError()).isEqualTo(error);
        assertThat(status.wireName()).isEqualTo(wireName);
    }

    @ParameterizedTest
    @CsvSource({"done", "COMPLETED", "''"})
    void unknownSpellingsAreEmpty(String wireName) {
        assertThat(StatusType.fromWireName(wireName)).isEmpty();
    }
}
