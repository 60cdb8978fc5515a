package dev.dispatcher.store;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** dispatcher-store: Streams API: content-addressed blobs with hashes and file type. */
@SpringBootApplication
public class DispatcherStoreApplication {

    public static void main(String[] args) {
        SpringApplication.run(DispatcherStoreApplication.class, args);
    }
}
