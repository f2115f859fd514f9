package dev.vigil.quota.period;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The fixed UTC calendar periods a quota counts over. A period starts on its calendar boundary
 * (not rolling from the first request), so it resets at the same instant for everyone. The
 * constants go from the shortest period to the longest, and each longer one is a union of
 * slots of the first: usage batches sum per slot of the first before the others.
 */
public enum QuotaPeriod {

    MINUTE("requests_per_minute", "minute") {
        @Override
        public Instant start(Instant at) {
            return at.truncatedTo(ChronoUnit.MINUTES);
        }

        @Override
        public Instant end(Instant at) {
            return start(at).plus(1, ChronoUnit.MINUTES);
        }
    },

    DAY("requests_per_day", "day") {
        @Override
        public Instant start(Instant at) {
            return at.truncatedTo(ChronoUnit.DAYS);
        }

        @Override
        public Instant end(Instant at) {
            return start(at).plus(1, ChronoUnit.DAYS);
        }
    },

    MONTH("requests_per_month", "month") {
        @Override
        public Instant start(Instant at) {
            return firstOfMonth(at).atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        @Override
        public Instant end(Instant at) {
            return firstOfMonth(at).plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    };

    private final String limitColumn;
    private final String sqlUnit;

    QuotaPeriod(String limitColumn, String sqlUnit) {
        this.limitColumn = limitColumn;
        this.sqlUnit = sqlUnit;
    }

    /**
     * The Postgres {@code date_trunc} unit that gives the same start in UTC as
     * {@link #start(Instant)}, for batches counted inside the database.
     */
    public String sqlUnit() {
        return sqlUnit;
    }

    /** The first instant of the period that contains {@code at}. */
    public abstract Instant start(Instant at);

    /** The first instant after that period: when its count resets. */
    public abstract Instant end(Instant at);

    /** The column of table {@code tier} that holds this period's limit. */
    public String limitColumn() {
        return limitColumn;
    }

    private static LocalDate firstOfMonth(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).withDayOfMonth(1);
    }
}
