package dev.vigil.alert.condition;

import dev.vigil.alert.client.Performance;
import dev.vigil.alert.model.Outcome;
import dev.vigil.alert.model.Rule;

/**
 * Evaluates the metric condition types on one window's statistics; pure functions. No answer
 * is UNKNOWN and a window without requests is NO_DATA: neither moves an alert (BR-08).
 */
public final class MetricConditions {

    private MetricConditions() {
    }

    public static Outcome evaluate(Rule rule, Performance performance) {
        if (performance == null) {
            return Outcome.unknown("metrics-service did not answer");
        }
        if (performance.totalRequests() == null || performance.totalRequests() == 0) {
            return Outcome.noData();
        }
        return switch (rule.type()) {
            case ERROR_RATE -> compare(rule, performance.errorRate(), "error rate");
            case ERROR_COUNT -> compare(rule, toDouble(performance.failedRequests()),
                    "failed requests");
            case ROUTE_RESPONSE_TIME -> compare(rule, responseTime(rule, performance),
                    statistic(rule) + " response time (ms)");
            default -> Outcome.noData();
        };
    }

    private static Outcome compare(Rule rule, Double value, String what) {
        if (value == null) {
            return Outcome.noData();
        }
        if (value >= rule.threshold()) {
            return Outcome.breached(value, what + " " + value + " at or above "
                    + rule.threshold() + " over " + window(rule) + " min");
        }
        return Outcome.clear(value);
    }

    private static Double responseTime(Rule rule, Performance performance) {
        return "average".equals(statistic(rule)) ? performance.averageResponseTimeMs()
                : performance.p95ResponseTimeMs();
    }

    private static String statistic(Rule rule) {
        String statistic = rule.definition().condition().statistic();
        return statistic == null ? "p95" : statistic;
    }

    private static int window(Rule rule) {
        Integer minutes = rule.definition().condition().timeWindowMinutes();
        return minutes == null ? 5 : minutes;
    }

    private static Double toDouble(Long value) {
        return value == null ? null : value.doubleValue();
    }
}
