package dev.vigil.alert.support;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;

import dev.vigil.alert.repository.AlertRepository;
import dev.vigil.alert.service.HealthEvaluator;

/**
 * What every walk test uses: the evaluator that check results go through, the stored alerts
 * to assert on, and the test clock, given back to real time after each test.
 */
public abstract class ClockedWalk {

    @Inject
    protected HealthEvaluator evaluator;

    @Inject
    protected AlertRepository alerts;

    @Inject
    protected TestClock clock;

    @AfterEach
    void releaseClock() {
        clock.release();
    }
}
