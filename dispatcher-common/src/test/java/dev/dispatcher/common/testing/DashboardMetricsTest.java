package dev.dispatcher.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DashboardMetricsTest {

    @Test
    void metricNamesSkipFunctionsLabelsStringsRangesAndGrafanaVariables() {
        assertThat(DashboardMetrics.metricNames("""
                histogram_quantile(0.99, sum by (le, uri) (rate(dispatcher_restapi_time_seconds_bucket{uri!~"/actuator.*",\
                 namespace=~"$namespace"}[$__rate_interval])))"""))
                .containsExactly("dispatcher_restapi_time_seconds_bucket");
        assertThat(DashboardMetrics.metricNames(
                "sum without (instance) (increase(a_total[5m] offset 1h)) / on (job) group_left b > bool 1e3 or vector(0)"))
                .containsExactly("a_total", "b");
        assertThat(DashboardMetrics.metricNames("max(jvm_memory_used_bytes{area=\"heap\"}) unless up == 0"))
                .containsExactly("jvm_memory_used_bytes", "up");
    }

    @Test
    void exposedReadsSeriesNamesOfAScrape() {
        assertThat(DashboardMetrics.exposed("""
                # HELP x_total things
                # TYPE x_total counter
                x_total{a="b c"} 1.0
                y 2.0
                """)).containsExactly("x_total", "y");
    }

    @Test
    void dashboardsAndAlertsQueryOnlyMetricsSomeServiceIsExpectedToExpose() {
        assertThat(DashboardMetrics.expressions()).isNotEmpty();
        var families = Stream.concat(DashboardMetrics.SHARED.stream(),
                DashboardMetrics.FAMILIES.values().stream().flatMap(Collection::stream)).toList();

        assertThat(DashboardMetrics.referenced())
                .allSatisfy(name -> assertThat(DashboardMetrics.PROMETHEUS_OWN.contains(name)
                        || families.stream().anyMatch(name::startsWith)).as(name).isTrue());
    }
}
