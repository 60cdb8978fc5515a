package dev.dispatcher.api.consume;

import dev.dispatcher.api.StartedApi;
import org.junit.jupiter.api.BeforeEach;

/** A {@link StartedApi} with {@link #client} speaking to it over HTTP. */
abstract class RunningApi extends StartedApi {

    EventsClient client;

    @BeforeEach
    void client() {
        client = new EventsClient(port);
    }
}
