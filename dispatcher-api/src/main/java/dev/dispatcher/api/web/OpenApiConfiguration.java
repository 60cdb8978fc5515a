package dev.dispatcher.api.web;

import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description and the Swagger UI showing it.
 *
 * <p>The description is hand-written ({@link OpenApiDocument}), so springdoc's generated one is
 * switched off with {@code springdoc.api-docs.enabled=false} (application.yml). That switch also
 * removes the beans springdoc's Swagger UI needs; {@link SwaggerUi} puts back the three that
 * springdoc's FAQ names for serving a provided spec ("What is a proper way to set up Swagger UI to
 * use provided spec.yml?"), so {@code /swagger-ui.html} shows {@code springdoc.swagger-ui.url}
 * ({@code /v3/api-docs.yaml}) and nothing is generated from the controllers.
 *
 * <p>Keep {@code springdoc.api-docs.enabled=false}: set to true, springdoc maps {@code /v3/api-docs}
 * as well (the app still starts) and two descriptions compete for that path;
 * {@code OpenApiDocumentTest} fails on that. {@code springdoc.swagger-ui.enabled=false}
 * removes the UI and keeps the description.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenApiDocument openApiDocument() {
        return OpenApiDocument.load();
    }

    /** Only while springdoc's own api-docs are off (else its auto-configuration makes these) and the UI is on. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "springdoc.api-docs.enabled", havingValue = false)
    @ConditionalOnBooleanProperty(name = "springdoc.swagger-ui.enabled", matchIfMissing = true)
    static class SwaggerUi {

        /**
         * A marker only: springdoc's UI configuration is conditional on this bean. Returned from a
         * bean method, its own bean methods are not processed, so it generates nothing.
         */
        @Bean
        SpringDocConfiguration springDocConfiguration() {
            return new SpringDocConfiguration();
        }

        @Bean
        @ConfigurationProperties("springdoc")
        SpringDocConfigProperties springDocConfigProperties() {
            return new SpringDocConfigProperties();
        }

        @Bean
        ObjectMapperProvider springDocObjectMapperProvider(SpringDocConfigProperties properties) {
            return new ObjectMapperProvider(properties);
        }
    }
}
