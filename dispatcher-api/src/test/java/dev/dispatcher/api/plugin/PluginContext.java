package dev.dispatcher.api.plugin;

import dev.dispatcher.api.DispatcherApiApplication;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The api on the shared broker as the plugin tests need it: its own topic prefix and a small
 * simulate size limit. Every class using it shares one application context (and one plugin topic,
 * so each test registers plugins under names of its own).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = DispatcherApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "dispatcher.topics.prefix=plugin-registry",
                "dispatcher.topics.partitions=2",
                "dispatcher.topics.sources-helm={testing: {}}",
                "dispatcher.api.plugins.max-simulate-size=64KB",
                "dispatcher.api.plugins.poll-timeout=200ms"})
@interface PluginContext {
}
