package dev.vigil.alert.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts what the alert-service evaluated, by source: check results and quota crossings
 * consumed from Kafka, and metric rules checked on the schedule. Its rate is the evaluations
 * per second an operator watches next to the consumer lag.
 */
@ApplicationScoped
public class EvaluationMeters {

    private final Counter health;
    private final Counter quota;
    private final Counter metrics;

    EvaluationMeters(MeterRegistry registry) {
        this.health = counter(registry, "health_check");
        this.quota = counter(registry, "quota_crossing");
        this.metrics = counter(registry, "metric_rule");
    }

    private static Counter counter(MeterRegistry registry, String source) {
        return Counter.builder("vigil.alert.evaluations")
                .description("Events and scheduled rule checks evaluated, by source")
                .tag("source", source)
                .register(registry);
    }

    /** A batch of check results evaluated (committed). */
    public void healthChecks(int count) {
        health.increment(count);
    }

    /** A batch of quota crossings evaluated (committed). */
    public void quotaCrossings(int count) {
        quota.increment(count);
    }

    /** One metric rule evaluated on the schedule. */
    public void metricRule() {
        metrics.increment();
    }
}
