package dev.dispatcher.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** dispatcher-api: Events API: publish and long-poll events over HTTP. */
@SpringBootApplication
public class DispatcherApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(DispatcherApiApplication.class, args);
    }
}
