package dev.dispatcher.indexer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class PassthroughReaderTest {

    private final PassthroughReader reader = new PassthroughReader(JsonMapper.builder().build());

    private MessageReader.Read read(String value) {
        return reader.read(new ConsumerRecord<>("t", 0, 0, null, value.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void pairsDeletesAndCrLfAreReadAsSent() {
        MessageReader.Read read = read("{\"index\":{\"_id\":\"1\"}}\r\n{\"a\":1}\r\n\n{\"delete\":{\"_id\":\"2\"}}\n"
                + "{\"update\":{\"_id\":\"3\"}}\n{\"doc\":{\"b\":2}}");
        assertThat(read.rejection()).isNull();
        assertThat(read.items()).hasSize(3);
        assertThat(text(read.items().get(0).action())).isEqualTo("{\"index\":{\"_id\":\"1\"}}");
        assertThat(text(read.items().get(0).document())).isEqualTo("{\"a\":1}");
        assertThat(read.items().get(1).document()).isNull();
        assertThat(text(read.items().get(1).ndjson())).isEqualTo("{\"delete\":{\"_id\":\"2\"}}\n");
        assertThat(text(read.items().get(2).document())).isEqualTo("{\"doc\":{\"b\":2}}");
    }

    @Test
    void brokenMessagesAreRejectedWithTheLineAtFault() {
        assertThat(read("").rejection()).isEqualTo("empty message");
        assertThat(read(" \n\t\n").rejection()).contains("no NDJSON line");
        assertThat(read("plain text").rejection()).contains("line 1 is not a bulk action line");
        assertThat(read("{\"index\":{},\"delete\":{}}\n{}").rejection()).contains("line 1 is not a bulk action line");
        assertThat(read("{\"upsert\":{}}\n{}").rejection()).contains("unknown bulk action 'upsert'");
        assertThat(read("{\"index\":\"x\"}\n{}").rejection()).contains("unknown bulk action 'index'");
        assertThat(read("{\"delete\":{}}\n{\"create\":{}}").rejection())
                .contains("line 2: 'create' action without a following document");
        assertThat(read("{\"index\":{}}\n[1,2]").rejection()).contains("line 2").contains("not a JSON object");
        assertThat(read("{\"index\":{}}\n{\"a\":").rejection()).contains("line 2").contains("not a JSON object");
    }
}
