package dev.dispatcher.api.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatcher.api.task.TaskRecords.Task;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class TaskRecordsTest {

    private static final String TOPIC = "azul.dev.system.task-tracking";

    @Test
    void aTaskIdCarriesItsAttemptAndTwoHandOutsInOneSecondDiffer() {
        String first = TaskId.make("2ab1b3043440a44661366d55008a5d7d", "un.zip", "1.2", 1, 1795320422);
        String second = TaskId.make("2ab1b3043440a44661366d55008a5d7d", "un.zip", "1.2", 1, 1795320422);
        String third = TaskId.make("2ab1b3043440a44661366d55008a5d7d", "un.zip", "1.2", 3, 1795320422);

        assertThat(first).startsWith("2ab1b3043440a44661366d55008a5d7d.un.zip.1.2.1795320422.a1-").isNotEqualTo(second);
        assertThat(TaskId.wellFormed(first)).isTrue();
        assertThat(TaskId.attempt(first)).isEqualTo(1);
        assertThat(TaskId.attempt(third)).isEqualTo(3);
    }

    @Test
    void idsThisDispatcherDoesNotHandOutAreMalformed() {
        assertThat(TaskId.wellFormed("2ab1b3043440a44661366d55008a5d7d.unzip.1.2.1795320422")).as("Azul's own form").isFalse();
        assertThat(TaskId.wellFormed("d-1")).isFalse();
        assertThat(TaskId.wellFormed("k.p.1.17953.a0-0123abcd")).as("attempt 0").isFalse();
        assertThat(TaskId.wellFormed("k.p.1.17953.a2-0123ABCD")).as("upper-case hex").isFalse();
        assertThat(TaskId.wellFormed(null)).isFalse();
        assertThat(TaskId.wellFormed("k.p.1.17953.a2-0123abcd")).isTrue();
    }

    @Test
    void aTrackingRecordReadsBackAsWrittenInTheTaskIdsPartition() {
        String id = TaskId.make("key", "plugin", "1", 2, 1795320422);
        Task task = new Task(id, "group", "plugin", "1", 2, 1_795_320_999_000L, 1_795_320_422_000L, TaskRecords.OUT,
                "azul.dev.testing.binary.sourced", 4, 123_456_789L);

        ProducerRecord<String, byte[]> record = TaskRecords.task(TOPIC, 6, task);

        assertThat(record.key()).isEqualTo("task:" + id);
        assertThat(record.partition()).isEqualTo(TaskId.partition(id, 6));
        assertThat(TaskRecords.beat(TOPIC, 6, id, 1L).partition()).isEqualTo(record.partition());
        assertThat(TaskRecords.end(TOPIC, 6, TaskRecords.BEAT_KEY, id, "completed").partition()).isEqualTo(record.partition());
        assertThat(TaskRecords.readTask(record.value(), Function.identity())).isEqualTo(task);
        assertThat(record.value().length).as("no event in it").isLessThan(400);
    }

    @Test
    void anEndCarriesItsStatusAndNoValue() {
        ProducerRecord<String, byte[]> end = TaskRecords.end(TOPIC, 6, TaskRecords.TASK_KEY, "k.p.1.1.a1-0123abcd", "opt-out");

        assertThat(end.value()).isNull();
        assertThat(TaskRecords.header(end.headers(), TaskRecords.STATUS)).isEqualTo("opt-out");
    }

    @Test
    void anIncompleteTrackingRecordIsRefused() {
        byte[] noPlace = "{\"task\":\"t\",\"group\":\"g\",\"plugin\":\"p\",\"attempt\":1}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> TaskRecords.readTask(noPlace, Function.identity())).isInstanceOf(IllegalArgumentException.class);
    }
}
