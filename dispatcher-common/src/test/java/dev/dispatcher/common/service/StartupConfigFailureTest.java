package dev.dispatcher.common.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** An unusable topic setting stops the service at once with one line naming it, not a stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class StartupConfigFailureTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "DISPATCHER_SOURCES_HELM           | 'testing: [oops'                              | Invalid DISPATCHER_SOURCES_HELM = 'testing: [oops'",
            "DISPATCHER_SOURCES_HELM           | 'testing: {expire_events_after: 2 fortnights}' | expire_events_after = '2 fortnights'",
            "DISPATCHER_TOPICS_YAML            | 'topic: [1'                                   | Invalid DISPATCHER_TOPICS_YAML",
            "DISPATCHER_GLOBAL_PARTITION_COUNT | '-4'                                          | Invalid DISPATCHER_GLOBAL_PARTITION_COUNT = '-4'",
    })
    void refusesToStartWithOneClearLine(String variable, String value, String expected, CapturedOutput output) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of(variable, value)));

        assertThatThrownBy(() -> new SpringApplicationBuilder(ServiceTestApplication.class)
                .environment(environment)
                .web(WebApplicationType.NONE)
                .properties("spring.kafka.bootstrap-servers=127.0.0.1:1", "logging.structured.format.console=")
                .run())
                .hasRootCauseInstanceOf(dev.dispatcher.common.topic.TopicConfigException.class);

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains(expected)
                .doesNotContain("\tat ");
    }
}
