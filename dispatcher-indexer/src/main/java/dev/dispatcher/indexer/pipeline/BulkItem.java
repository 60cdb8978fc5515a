package dev.dispatcher.indexer.pipeline;

import java.io.ByteArrayOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One action of a {@code _bulk} request: its action line and, except for {@code delete}, its source line, both as
 * the bytes that go on the wire, and the Kafka message it came from.
 */
record BulkItem(ConsumerRecord<byte[], byte[]> record, byte[] action, byte[] document) {

    /** Bytes this item adds to a request body. */
    int size() {
        return action.length + 1 + (document == null ? 0 : document.length + 1);
    }

    void writeTo(ByteArrayOutputStream body) {
        body.writeBytes(action);
        body.write('\n');
        if (document != null) {
            body.writeBytes(document);
            body.write('\n');
        }
    }

    /** The item as one NDJSON pair (or single line), as it goes to the dead-letter topic. */
    byte[] ndjson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size());
        writeTo(out);
        return out.toByteArray();
    }
}
