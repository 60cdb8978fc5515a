package dev.dispatcher.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackingFieldsTest {

    private final EventJson json = new EventJson();

    @Test
    void matchesAzulsOwnVector() {
        // azul-bedrock gosrc/events/event_binary_test.go: two nodes by an author with only a name.
        var apple = new Author("apple", null, null, null, null);
        var source = new Source("source", Map.of("taskid", "lemon"), null, "2012-01-01T00:00:00Z", null, List.of(
                node(apple, "parent"), node(apple, "child")), null);
        var event = new BinaryEvent(6, null, "2012-01-01T00:00:00Z", apple, source, null, "mapped",
                null, null, null, null, null, null, null);

        BinaryEvent tracked = TrackingFields.apply(event);

        assertThat(tracked.trackSourceReferences()).isEqualTo("source.5febce412be5ba9ce929ff9ad16bdd50");
        assertThat(tracked.trackLinks()).containsExactly("parent.child..apple.");
        assertThat(tracked.trackAuthors()).containsExactly(".apple.", ".apple.");
    }

    @Test
    void binaryEventGetsOneAuthorPerNodeAndOneLinkPerParentChildPair() {
        Event event = json.read(Fixtures.bytes("valid/binary.json"), EventModel.BINARY);

        BinaryEvent tracked = (BinaryEvent) TrackingFields.apply(event);

        assertThat(tracked.trackSourceReferences())
                .isEqualTo("samples." + KafkaKeys.md5Hex("ticket.T-100.user.bob.".getBytes()));
        assertThat(tracked.trackAuthors()).containsExactly("user.ingestor.3.0", "plugin.unzip.1.2.0");
        assertThat(tracked.trackLinks()).containsExactly(
                "e47125968b3b71049fbc4802d1e40a71ea1359decfabacf70b34588037d4ff0c."
                        + "ddc9e669194254cef019a29d3619a2c16592e5d52e1a81e98b01bd52319149a3.plugin.unzip.1.2.0");
        assertThat(tracked.withTracking(null, null, null)).isEqualTo(event);
    }

    @Test
    void noReferencesHashTheEmptyString() {
        var source = new Source("samples", null, null, null, null, List.of(), null);

        assertThat(TrackingFields.sourceReferences(source)).isEqualTo("samples.d41d8cd98f00b204e9800998ecf8427e");
    }

    @Test
    void producerValuesAreReplaced() {
        Event event = json.read(Fixtures.bytes("valid/binary.json"), EventModel.BINARY);
        BinaryEvent forged = ((BinaryEvent) event).withTracking("forged", List.of("forged"), List.of("forged"));

        assertThat(TrackingFields.apply(forged)).isEqualTo(TrackingFields.apply(event));
    }

    @Test
    void insertEventGetsItsLinkAndAuthor() {
        Event event = json.read(Fixtures.bytes("valid/insert.json"), EventModel.INSERT);

        InsertEvent tracked = (InsertEvent) TrackingFields.apply(event);

        assertThat(tracked.trackAuthor()).isEqualTo("user.alice.1.0");
        assertThat(tracked.trackLink()).isEqualTo("e47125968b3b71049fbc4802d1e40a71ea1359decfabacf70b34588037d4ff0c."
                + "713b4f18f0e1371cf3f9cef65ef1843b836a9f83305912faa18f122836816130.user.alice.1.0");
    }

    @Test
    void otherModelsAreLeftAlone() {
        Event plugin = json.read(Fixtures.bytes("valid/plugin.json"), EventModel.PLUGIN);

        assertThat(TrackingFields.apply(plugin)).isSameAs(plugin);
    }

    private static PathNode node(Author author, String sha256) {
        return new PathNode(author, null, sha256, null, null, null, null, null, null, null);
    }
}
