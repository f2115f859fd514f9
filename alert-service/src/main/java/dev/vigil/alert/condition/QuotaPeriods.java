package dev.vigil.alert.condition;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/** UTC quota periods: MINUTE, DAY and MONTH, and when the one containing an instant ends. */
public final class QuotaPeriods {

    private QuotaPeriods() {
    }

    /** The subject of quota alerts: one per user and period kind. */
    public static String subject(String userId, String period) {
        return "user:" + userId + "/" + period;
    }

    /** The end of the period of this kind that contains {@code at}; null for unknown kinds. */
    public static Instant endOf(String period, Instant at) {
        ZonedDateTime time = at.atZone(ZoneOffset.UTC);
        return switch (period) {
            case "MINUTE" -> time.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1).toInstant();
            case "DAY" -> time.truncatedTo(ChronoUnit.DAYS).plusDays(1).toInstant();
            case "MONTH" -> time.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).plusMonths(1)
                    .toInstant();
            default -> null;
        };
    }

    /** The period kind of a quota subject. */
    public static String periodOf(String subject) {
        int slash = subject.lastIndexOf('/');
        return slash < 0 ? "" : subject.substring(slash + 1);
    }
}
