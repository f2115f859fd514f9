package dev.vigil.alert.condition;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import dev.vigil.alert.model.Condition;
import dev.vigil.alert.model.RuleDefinition;
import dev.vigil.alert.model.Scope;
import dev.vigil.kit.problem.ProblemException;
import dev.vigil.kit.problem.Violation;

/**
 * Checks a rule as the API received it and fills in the defaults; every problem is reported
 * with the JSON path of its field, so a client sees all of them in one 400.
 */
public final class RuleValidator {

    /** The longest window a rule may look at: the sample retention's default. */
    public static final int MAX_WINDOW_MINUTES = 7 * 24 * 60;
    private static final int DEFAULT_WINDOW_MINUTES = 5;
    private static final String HEALTH_RULES = "health rules only (consecutive_failures, "
            + "service_degradation, uptime_threshold, response_time with source health)";
    private static final String METRIC_RULES = "metric rules only (error_rate, error_count, "
            + "response_time with source metrics)";
    private static final String QUOTA_RULES = "quota_usage rules only";
    private static final Set<String> SEVERITIES = Set.of("low", "medium", "high", "critical");

    private final List<Violation> violations = new ArrayList<>();

    private RuleValidator() {
    }

    /**
     * The definition with defaults applied.
     *
     * @param channelExists tells whether a channel id names a stored channel
     * @throws ProblemException 400 naming each bad field
     */
    public static RuleDefinition validate(RuleDefinition rule, Predicate<UUID> channelExists) {
        if (rule == null) {
            throw ProblemException.invalidField("body", "a rule is required");
        }
        RuleValidator validator = new RuleValidator();
        RuleDefinition normalized = validator.check(rule, channelExists);
        if (!validator.violations.isEmpty()) {
            Violation first = validator.violations.get(0);
            throw new ProblemException(400, "validation", "Invalid request",
                    first.field() + ": " + first.message(), validator.violations);
        }
        return normalized;
    }

    private RuleDefinition check(RuleDefinition rule, Predicate<UUID> channelExists) {
        if (rule.name() == null || rule.name().isBlank()) {
            fail("name", "is required");
        } else if (rule.name().length() > 200) {
            fail("name", "must be at most 200 characters");
        }
        if (rule.severity() == null || !SEVERITIES.contains(rule.severity())) {
            fail("severity", "must be one of low, medium, high, critical");
        }
        Condition condition = checkCondition(rule.condition());
        int forMinutes = minutes("forMinutes", rule.forMinutes(), 1440);
        int cooldown = minutes("cooldownMinutes", rule.cooldownMinutes(), 10080);
        int repeat = minutes("repeatIntervalMinutes", rule.repeatIntervalMinutes(), 10080);
        List<UUID> channels = rule.channels() == null ? List.of() : List.copyOf(rule.channels());
        for (int i = 0; i < channels.size(); i++) {
            if (channels.get(i) == null || !channelExists.test(channels.get(i))) {
                fail("channels[" + i + "]", "names no channel");
            }
        }
        return new RuleDefinition(rule.name() == null ? null : rule.name().trim(), condition,
                rule.severity(), rule.enabled() == null || rule.enabled(), forMinutes, cooldown,
                repeat, checkScope(scope(rule.scope()), condition), channels,
                rule.notifyOnResolve() == null || rule.notifyOnResolve());
    }

    private Condition checkCondition(Condition condition) {
        if (condition == null) {
            fail("condition", "is required");
            return null;
        }
        if (condition.type() == null || !ConditionType.isKnown(condition.type())) {
            fail("condition.type", "must be one of consecutive_failures, service_degradation, "
                    + "uptime_threshold, response_time, error_rate, error_count, quota_usage");
            return condition;
        }
        Double threshold = condition.threshold();
        if (threshold == null || threshold.isNaN() || threshold.isInfinite()) {
            fail("condition.threshold", "is required");
            return condition;
        }
        return switch (condition.type()) {
            case "consecutive_failures" -> count(condition, "consecutive failures");
            case "error_count" -> windowed(count(condition, "errors"));
            case "service_degradation" -> ratio(condition);
            case "quota_usage" -> ratio(condition);
            case "uptime_threshold", "error_rate" -> windowed(ratio(condition));
            default -> responseTime(condition);
        };
    }

    /** Counts compare with ≥, so a threshold below 1 would fire on nothing at all (BR-13). */
    private Condition count(Condition condition, String what) {
        double threshold = condition.threshold();
        if (threshold < 1 || threshold != Math.floor(threshold)) {
            fail("condition.threshold", "must be a whole number of " + what + " of at least 1");
        }
        return condition;
    }

    private Condition ratio(Condition condition) {
        if (condition.threshold() <= 0 || condition.threshold() > 1) {
            fail("condition.threshold", "must be a ratio above 0 and at most 1");
        }
        return condition;
    }

    private Condition responseTime(Condition condition) {
        if (condition.threshold() <= 0) {
            fail("condition.threshold", "must be a response time in ms above 0");
        }
        String source = condition.source() == null ? "metrics" : condition.source();
        if (!Set.of("metrics", "health").contains(source)) {
            fail("condition.source", "must be metrics (a route) or health (a target)");
            return condition;
        }
        Set<String> statistics = "metrics".equals(source) ? Set.of("p95", "average")
                : Set.of("latest", "average");
        String statistic = condition.statistic() == null
                ? ("metrics".equals(source) ? "p95" : "latest") : condition.statistic();
        if (!statistics.contains(statistic)) {
            fail("condition.statistic", "must be one of " + String.join(", ",
                    statistics.stream().sorted().toList()));
        }
        return windowed(new Condition(condition.type(), condition.threshold(),
                condition.timeWindowMinutes(), statistic, source));
    }

    private Condition windowed(Condition condition) {
        Integer window = condition.timeWindowMinutes();
        if (window != null && (window < 1 || window > MAX_WINDOW_MINUTES)) {
            fail("condition.timeWindowMinutes", "must be between 1 and " + MAX_WINDOW_MINUTES);
        }
        return new Condition(condition.type(), condition.threshold(),
                window == null ? DEFAULT_WINDOW_MINUTES : window, condition.statistic(),
                condition.source());
    }

    private int minutes(String field, Integer value, int max) {
        if (value == null) {
            return 0;
        }
        if (value < 0 || value > max) {
            fail(field, "must be between 0 and " + max);
        }
        return value;
    }

    /**
     * Each scope field narrows one family of rules only; given to another family it would be
     * ignored silently, so the rule would watch more than its author meant.
     */
    private Scope checkScope(Scope scope, Condition condition) {
        if (condition == null || !ConditionType.isKnown(condition.type())) {
            return scope;
        }
        ConditionType.Family family = ConditionType.of(condition).family();
        if (family != ConditionType.Family.HEALTH && !scope.targetIds().isEmpty()) {
            misplaced("scope.targetIds", HEALTH_RULES, condition);
        }
        if (family != ConditionType.Family.METRICS) {
            misplaced("scope.service", scope.service(), METRIC_RULES, condition);
            misplaced("scope.endpoint", scope.endpoint(), METRIC_RULES, condition);
        }
        if (family != ConditionType.Family.QUOTA) {
            misplaced("scope.userId", scope.userId(), QUOTA_RULES, condition);
            misplaced("scope.tier", scope.tier(), QUOTA_RULES, condition);
        }
        return scope;
    }

    private void misplaced(String field, String value, String rules, Condition condition) {
        if (value != null) {
            misplaced(field, rules, condition);
        }
    }

    private void misplaced(String field, String rules, Condition condition) {
        fail(field, "applies to " + rules + ", not to " + describe(condition));
    }

    private static String describe(Condition condition) {
        return "response_time".equals(condition.type())
                ? "response_time with source " + condition.source()
                : condition.type();
    }

    private static Scope scope(Scope scope) {
        if (scope == null) {
            return Scope.all();
        }
        return new Scope(scope.targetIds() == null ? List.of() : scope.targetIds(),
                scope.tags() == null ? List.of() : scope.tags(), scope.service(),
                scope.endpoint(), scope.userId(), scope.tier());
    }

    private void fail(String field, String message) {
        violations.add(new Violation(field, message));
    }
}
