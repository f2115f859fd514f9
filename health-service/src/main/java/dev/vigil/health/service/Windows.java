package dev.vigil.health.service;

import java.time.Instant;

import dev.vigil.kit.problem.ProblemException;

/** The one rule for a {@code [from, to)} window, so every endpoint refuses it alike. */
final class Windows {

    private Windows() {
    }

    /** Refuses, naming {@code from}, a window that holds no instant. */
    static void requireFromBeforeTo(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw ProblemException.invalidField("from", "must be before to");
        }
    }
}
