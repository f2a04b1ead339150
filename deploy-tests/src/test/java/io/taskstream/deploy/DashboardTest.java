package io.taskstream.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/observability/grafana-dashboard.json queries only metrics that exist: the series of the
 * meters the code registers ({@link MetricNames}) or Micronaut's standard HTTP server, JVM and
 * process metrics; and it shows every meter the code registers.
 */
class DashboardTest {

    /** Micronaut/Micrometer built-ins the services expose without code of their own. */
    private static final Pattern STANDARD = Pattern.compile("http_server_requests_seconds_(count|sum|max|bucket)|(jvm|process|system)_\\w+");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(?!\\s*\\()");

    private static final Set<String> USED = new TreeSet<>();

    @BeforeAll
    static void readExpressions() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Repo.deploy().resolve("observability/grafana-dashboard.json").toFile());
        for (JsonNode expr : dashboard.findValues("expr")) {
            USED.addAll(metricsIn(expr.asText()));
        }
        assertThat(USED).as("the dashboard has queries").isNotEmpty();
    }

    /** Metric names in a PromQL expression: identifiers left once strings, label matchers, ranges and groupings are gone. */
    static Set<String> metricsIn(String expr) {
        String bare = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "")
                .replaceAll("\\{[^}]*}", "")
                .replaceAll("\\[[^]]*]", "")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "")
                .replaceAll("\\$\\{?\\w+}?", "");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            if (!KEYWORDS.contains(m.group(1).toLowerCase(java.util.Locale.ROOT))) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    @Test
    void everyQueriedMetricIsRegisteredOrStandard() {
        Set<String> registered = new TreeSet<>();
        MetricNames.registered().values().forEach(registered::addAll);
        assertThat(USED).allSatisfy(name -> assertThat(registered.contains(name) || STANDARD.matcher(name).matches())
                .as("dashboard metric " + name + " is registered by the code " + registered + " or a standard one").isTrue());
    }

    @Test
    void everyMeterTheCodeRegistersIsOnTheDashboard() {
        for (Map.Entry<String, Set<String>> meter : MetricNames.registered().entrySet()) {
            assertThat(meter.getValue()).as("meter " + meter.getKey() + " is shown on the dashboard").containsAnyElementsOf(USED);
        }
    }

    @Test
    void extractsMetricNamesFromPromQl() {
        assertThat(metricsIn("histogram_quantile(0.99, sum by (le, group) (rate(a_seconds_bucket{x=\"y\"}[$__rate_interval]))) / b_total"))
                .containsExactlyInAnyOrder("a_seconds_bucket", "b_total");
    }
}
