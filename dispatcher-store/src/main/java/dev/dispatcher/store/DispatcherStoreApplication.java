package dev.dispatcher.store;

import dev.dispatcher.common.kafka.NativeLz4;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** dispatcher-store: Streams API: content-addressed blobs with hashes and file type. */
@SpringBootApplication
public class DispatcherStoreApplication {

    public static void main(String[] args) {
        NativeLz4.load(); // before any Kafka client: see NativeLz4
        SpringApplication.run(DispatcherStoreApplication.class, args);
    }
}
