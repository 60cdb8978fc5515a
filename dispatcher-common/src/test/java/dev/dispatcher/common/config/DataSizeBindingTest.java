package dev.dispatcher.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatcher.common.service.ServiceTestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.unit.DataSize;

/** Every service's settings take the size spellings of DESIGN §8. */
class DataSizeBindingTest {

    @Test
    void sizeSettingsAcceptMiAndK() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ServiceTestApplication.class, Holder.class)
                .web(WebApplicationType.NONE)
                .properties("test.size.large=2Mi", "test.size.small=512K", "test.size.plain=10MB",
                        "spring.kafka.bootstrap-servers=127.0.0.1:1", "dispatcher.topics.provision=false",
                        "logging.structured.format.console=")
                .run()) {
            Sizes sizes = context.getBean(Sizes.class);

            assertThat(sizes.getLarge()).isEqualTo(DataSize.ofMegabytes(2));
            assertThat(sizes.getSmall()).isEqualTo(DataSize.ofKilobytes(512));
            assertThat(sizes.getPlain()).isEqualTo(DataSize.ofMegabytes(10));
        }
    }

    @EnableConfigurationProperties(Sizes.class)
    static class Holder {
    }

    @ConfigurationProperties("test.size")
    static class Sizes {
        private DataSize large;
        private DataSize small;
        private DataSize plain;

        public DataSize getLarge() {
            return large;
        }

        public void setLarge(DataSize large) {
            this.large = large;
        }

        public DataSize getSmall() {
            return small;
        }

        public void setSmall(DataSize small) {
            this.small = small;
        }

        public DataSize getPlain() {
            return plain;
        }

        public void setPlain(DataSize plain) {
            this.plain = plain;
        }
    }
}
