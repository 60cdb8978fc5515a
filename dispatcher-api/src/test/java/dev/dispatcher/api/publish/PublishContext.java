package dev.dispatcher.api.publish;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The api on the shared broker as the publish tests need it: its own topic prefix, two sources,
 * small size limits (so oversize tests stay fast) and a recognisable pause length. Every class
 * using it shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dispatcher.topics.prefix=publish-api",
        "dispatcher.topics.partitions=2",
        "dispatcher.topics.sources-helm={samples: {}, testing: {}}",
        "dispatcher.api.publish.max-event-size=64KB",
        "dispatcher.api.publish.max-request-size=1MB",
        "dispatcher.pause.duration=7m"})
@interface PublishContext {
}
