package dev.dispatcher.indexer.pipeline;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Turns one Kafka message into bulk actions, or says why it cannot be indexed. */
interface MessageReader {

    /** Bulk actions of a message, or a rejection. */
    Read read(ConsumerRecord<byte[], byte[]> record);

    /** What a message became: items to send, or a reason it goes to the dead-letter topic. */
    record Read(List<BulkItem> items, String rejection) {

        static Read items(List<BulkItem> items) {
            return new Read(items, null);
        }

        static Read rejected(String reason) {
            return new Read(List.of(), reason);
        }
    }
}
