package dev.dispatcher.api.consume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatcher.api.DispatcherApiApplication;
import dev.dispatcher.common.testing.WithKafka;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every fetch parameter is checked: a bad one is a 400 problem naming it, never a 500. */
@WithKafka
@SpringBootTest(classes = DispatcherApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dispatcher.topics.prefix=fetch-validation", "dispatcher.topics.sources-helm={main: {}}"})
class FetchRequestValidationTest {

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "{0}?{1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "widget/passive  | name=p&version=1                                   | model",
            "bin%2Fary/passive | name=p&version=1                                 | model",
            "binary/passive  | version=1                                          | name",
            "binary/passive  | name=p                                             | version",
            "binary/passive  | name=p&version=1&count=abc                         | count",
            "binary/passive  | name=p&version=1&count=-1                          | count",
            "binary/passive  | name=p&version=1&count=0                           | count",
            "binary/passive  | name=p&version=1&timeout=-5                        | timeout",
            "binary/passive  | name=p&version=1&deadline=soon                     | deadline",
            "binary/passive  | name=p&version=1&f-min-content-size=10&f-max-content-size=5 | f-min-content-size",
            "binary/passive  | name=p&version=1&r-over-content-size=10&r-under-content-size=5 | f-min-content-size",
            "binary/passive  | name=p&version=1&f-max-content-size=big            | f-max-content-size",
            "binary/passive  | name=p&version=1&f-allow-event-type=exploded       | f-allow-event-type",
            "binary/passive  | name=p&version=1&r-action=exploded                 | r-action",
            "binary/passive  | name=p&version=1&d-action=sourced,exploded         | d-action",
            "binary/passive  | name=p&version=1&filter=%24%5B%3F%28%40.a%3D%3D    | filter",
            "binary/passive  | name=p&version=1&r-content=maybe                   | r-content",
            "binary/passive  | name=p&version=1&r-streams=%2Cexecutable           | r-streams",
            "binary/passive  | name=p&version=1&r-source=nowhere                  | r-source",
            "status/active   | name=p&version=1                                   | model",
    })
    void badParameterIsA400NamingIt(String path, String query, String parameter) {
        HttpResponse<String> response = new EventsClient(port).get("/api/v2/event/" + path + "?" + query, null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body())
                .contains("\"status\":\"400\"")
                .contains("\"parameter\":\"" + parameter + "\"")
                .contains("\"detail\":");
    }
}
