package dev.dispatcher.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.bean.BeanDeserializerBase;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

/** {@link RecordConstructors}: the same records, the same errors, one constructor call each. */
public class RecordConstructorsTest {

    /** The event settings without the module: what Jackson does on its own. */
    private static final JsonMapper PLAIN = EventJson.settings(JsonMapper.builder()).build();

    /** A record of this project whose constructor refuses some values. */
    public record Checked(String name, int count) {
        public Checked {
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative, was " + count);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(EventModel.class)
    void everyModelReadsToTheSameRecordAsWithJacksonAlone(EventModel model) {
        byte[] json = EventJson.mapper().writeValueAsBytes(Fixtures.valid(model));
        Event ours = EventJson.mapper().readValue(json, model.eventType());
        assertThat(ours).isEqualTo(PLAIN.readValue(json, model.eventType()));
        assertThat(EventJson.mapper().writeValueAsString(ours)).isEqualTo(PLAIN.writeValueAsString(ours));
    }

    @Test
    void theEventRecordsAreBuiltThroughTheSpreader() throws Exception {
        for (EventModel model : EventModel.values()) {
            assertThat(instantiator(EventJson.mapper(), model.eventType())).as(model.wireName())
                    .isInstanceOf(RecordConstructors.Spread.class);
        }
        assertThat(instantiator(PLAIN, BinaryEvent.class)).isNotInstanceOf(RecordConstructors.Spread.class);
    }

    @Test
    void aConstructorThatThrowsIsReportedAsJacksonReportsIt() {
        String json = "{\"name\": \"n\", \"count\": -1}";
        assertThat(EventJson.mapper().readValue("{\"name\": \"n\", \"count\": 2}", Checked.class)).isEqualTo(new Checked("n", 2));
        Throwable plain = catchThrowable(() -> PLAIN.readValue(json, Checked.class));
        assertThat(plain).isInstanceOf(ValueInstantiationException.class);
        assertThatThrownBy(() -> EventJson.mapper().readValue(json, Checked.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasMessage(plain.getMessage())
                .hasRootCauseMessage("count must not be negative, was -1");
    }

    private static Object instantiator(ObjectMapper mapper, Class<?> type) throws Exception {
        Method context = ObjectMapper.class.getDeclaredMethod("_deserializationContext");
        context.setAccessible(true);
        DeserializationContext ctxt = (DeserializationContext) context.invoke(mapper);
        ValueDeserializer<Object> deserializer = ctxt.findRootValueDeserializer(ctxt.constructType(type));
        return deserializer instanceof BeanDeserializerBase bean ? bean.getValueInstantiator() : deserializer;
    }
}
