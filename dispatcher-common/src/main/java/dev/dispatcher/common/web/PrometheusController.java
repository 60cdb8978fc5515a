package dev.dispatcher.common.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Serves the Prometheus scrape at {@code /metrics}, where the dispatcher we replace served it. */
@RestController
public class PrometheusController {

    static final String TEXT_FORMAT = "text/plain;version=0.0.4;charset=utf-8";

    private final PrometheusMeterRegistry registry;

    PrometheusController(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @GetMapping(path = "/metrics", produces = TEXT_FORMAT)
    String scrape() {
        return registry.scrape();
    }
}
