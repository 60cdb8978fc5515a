package dev.dispatcher.common.kafka;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/** Runs {@link NativeLz4#load()} in every app, before any Kafka client; registered in {@code META-INF/spring.factories}. */
public final class NativeLz4Listener implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        NativeLz4.load();
    }

    /** Right after logging is configured, so that the codec's log line is written as configured. */
    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }
}
