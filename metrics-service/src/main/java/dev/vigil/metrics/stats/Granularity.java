package dev.vigil.metrics.stats;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The sizes of pre-aggregate buckets, finest first. */
public enum Granularity {
    MINUTE("m", ChronoUnit.MINUTES),
    HOUR("h", ChronoUnit.HOURS),
    DAY("d", ChronoUnit.DAYS);

    private final String code;
    private final ChronoUnit unit;

    Granularity(String code, ChronoUnit unit) {
        this.code = code;
        this.unit = unit;
    }

    /** The value of the {@code granularity} column. */
    public String code() {
        return code;
    }

    public static Granularity ofCode(String code) {
        for (Granularity granularity : values()) {
            if (granularity.code.equals(code)) {
                return granularity;
            }
        }
        throw new IllegalArgumentException("unknown granularity " + code);
    }

    /** The start of the bucket holding this instant (UTC days, as Instant truncation is). */
    public Instant floor(Instant instant) {
        return instant.truncatedTo(unit);
    }

    /** The first bucket start at or after this instant. */
    public Instant ceil(Instant instant) {
        Instant floor = floor(instant);
        return floor.equals(instant) ? floor : floor.plus(length());
    }

    public Duration length() {
        return unit.getDuration();
    }
}
