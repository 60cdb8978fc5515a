package dev.dispatcher.api;

import dev.dispatcher.common.kafka.NativeLz4;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** dispatcher-api: Events API: publish and long-poll events over HTTP. */
@SpringBootApplication
public class DispatcherApiApplication {

    public static void main(String[] args) {
        NativeLz4.load(); // before any Kafka client: see NativeLz4
        SpringApplication.run(DispatcherApiApplication.class, args);
    }
}
