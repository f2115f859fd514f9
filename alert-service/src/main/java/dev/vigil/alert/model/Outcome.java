package dev.vigil.alert.model;

/**
 * The result of evaluating a condition once.
 *
 * @param observed the figure compared with the threshold; null without data
 */
public record Outcome(Kind kind, Double observed, String message) {

    /** BREACHED and CLEAR move alerts; NO_DATA and UNKNOWN never do (BR-08). */
    public enum Kind { BREACHED, CLEAR, NO_DATA, UNKNOWN }

    public static Outcome breached(double observed, String message) {
        return new Outcome(Kind.BREACHED, observed, message);
    }

    public static Outcome clear(Double observed) {
        return new Outcome(Kind.CLEAR, observed, null);
    }

    public static Outcome noData() {
        return new Outcome(Kind.NO_DATA, null, null);
    }

    public static Outcome unknown(String why) {
        return new Outcome(Kind.UNKNOWN, null, why);
    }
}
