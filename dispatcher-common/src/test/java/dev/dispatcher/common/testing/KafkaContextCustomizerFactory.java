package dev.dispatcher.common.testing;

import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Gives contexts of {@link WithKafka} tests the shared broker; registered in META-INF/spring.factories. */
class KafkaContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> attributes) {
        return TestContextAnnotationUtils.hasAnnotation(testClass, WithKafka.class) ? new SharedBroker() : null;
    }

    /** Equal to every other instance, so contexts that differ only by it are still cached as one. */
    private record SharedBroker() implements ContextCustomizer {
        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("sharedKafkaBroker",
                    Map.of("spring.kafka.bootstrap-servers", KafkaBroker.bootstrapServers())));
        }
    }
}
