package dev.vigil.alert.service;

import java.time.Duration;
import java.time.Instant;

import dev.vigil.alert.model.Alert;
import dev.vigil.alert.model.Outcome;

/**
 * The alert lifecycle as a pure function: given the open alert of a rule and subject (or none)
 * and one evaluation, what happens. Pending while {@code forMinutes} runs, then firing; clear
 * again resolves a firing alert and cancels a pending one; no data and unknown change nothing.
 */
public final class LifecycleDecision {

    /** What the lifecycle does after one evaluation. */
    public enum Action { NONE, OPEN_PENDING, OPEN_FIRING, PROMOTE, RESOLVE, CANCEL }

    private LifecycleDecision() {
    }

    public static Action decide(Alert open, Outcome.Kind outcome, int forMinutes, Instant now) {
        return switch (outcome) {
            case BREACHED -> whenBreached(open, forMinutes, now);
            case CLEAR -> whenClear(open);
            case NO_DATA, UNKNOWN -> Action.NONE;
        };
    }

    /** Whether a pending alert has waited its {@code forMinutes}. */
    public static boolean pendingElapsed(Alert pending, int forMinutes, Instant now) {
        Instant due = pending.pendingSince().plus(Duration.ofMinutes(forMinutes));
        return !now.isBefore(due);
    }

    private static Action whenBreached(Alert open, int forMinutes, Instant now) {
        if (open == null) {
            return forMinutes <= 0 ? Action.OPEN_FIRING : Action.OPEN_PENDING;
        }
        if (open.isPending() && pendingElapsed(open, forMinutes, now)) {
            return Action.PROMOTE;
        }
        return Action.NONE;
    }

    private static Action whenClear(Alert open) {
        if (open == null) {
            return Action.NONE;
        }
        return open.isPending() ? Action.CANCEL : Action.RESOLVE;
    }
}
