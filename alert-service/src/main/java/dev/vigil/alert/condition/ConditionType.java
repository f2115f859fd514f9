package dev.vigil.alert.condition;

import java.util.Arrays;

import dev.vigil.alert.model.Condition;

/**
 * The seven condition types and where their data comes from; the one list of them.
 */
public enum ConditionType {

    CONSECUTIVE_FAILURES("consecutive_failures", Family.HEALTH),
    SERVICE_DEGRADATION("service_degradation", Family.HEALTH),
    UPTIME_THRESHOLD("uptime_threshold", Family.HEALTH),
    TARGET_RESPONSE_TIME("response_time", Family.HEALTH),
    ERROR_RATE("error_rate", Family.METRICS),
    ERROR_COUNT("error_count", Family.METRICS),
    ROUTE_RESPONSE_TIME("response_time", Family.METRICS),
    QUOTA_USAGE("quota_usage", Family.QUOTA);

    /** Where a type's data comes from, which decides when it is evaluated. */
    public enum Family { HEALTH, METRICS, QUOTA }

    private final String wireName;
    private final Family family;

    ConditionType(String wireName, Family family) {
        this.wireName = wireName;
        this.family = family;
    }

    public String wireName() {
        return wireName;
    }

    public Family family() {
        return family;
    }

    /** Whether the type names a known condition. */
    public static boolean isKnown(String wireName) {
        return Arrays.stream(values()).anyMatch(type -> type.wireName.equals(wireName));
    }

    /** The type of a validated condition; response_time splits on its source. */
    public static ConditionType of(Condition condition) {
        if ("response_time".equals(condition.type())) {
            boolean ofTarget = "health".equals(condition.source());
            return ofTarget ? TARGET_RESPONSE_TIME : ROUTE_RESPONSE_TIME;
        }
        return Arrays.stream(values())
                .filter(type -> type.wireName.equals(condition.type()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown " + condition.type()));
    }
}
