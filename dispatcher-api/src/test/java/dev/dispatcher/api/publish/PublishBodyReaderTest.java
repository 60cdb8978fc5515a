package dev.dispatcher.api.publish;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatcher.api.publish.PublishBodyReader.Received;
import dev.dispatcher.common.web.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/** Splitting a body into events that keep their exact bytes, and measuring them in bytes. */
class PublishBodyReaderTest {

    private final PublishProperties properties = new PublishProperties();
    private final PublishBodyReader reader = new PublishBodyReader(properties);

    @Test
    void eachEventKeepsItsJsonExactlyAsReceived() {
        String first = "{ \"a\" : 1.50, \"b\": \"é€\" }";
        String second = "{\"c\":[1, 2 ,3]}";

        List<Received> events = reader.split(("\n[ " + first + " ,\n\t" + second + " ]\n").getBytes(UTF_8));

        assertThat(events).extracting(Received::json).containsExactly(first, second);
        assertThat(events).extracting(Received::parameter).containsExactly("body[0]", "body[1]");
        assertThat(events.getFirst().tree().path("b").asString()).isEqualTo("é€");
    }

    @Test
    void aSingleObjectIsNamedBody() {
        assertThat(reader.split(" {\"a\": 1} ".getBytes(UTF_8)))
                .singleElement().satisfies(event -> {
                    assertThat(event.parameter()).isEqualTo("body");
                    assertThat(event.json()).isEqualTo("{\"a\": 1}");
                });
    }

    @Test
    void theEventLimitCountsBytesNotCharacters() {
        properties.setMaxEventSize(DataSize.ofBytes(20));
        String fits = "{\"a\":\"" + "x".repeat(12) + "\"}";      // 20 bytes
        String over = "{\"a\":\"" + "é".repeat(7) + "\"}";        // 15 characters, 22 bytes

        assertThat(reader.split(("[" + fits + "]").getBytes(UTF_8))).hasSize(1);
        assertThatThrownBy(() -> reader.split(("[" + fits + "," + over + "]").getBytes(UTF_8)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
                    assertThat(e.params()).containsEntry("parameter", "body[1]");
                });
    }
}
