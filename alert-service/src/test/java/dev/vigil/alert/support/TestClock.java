package dev.vigil.alert.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import dev.vigil.testsupport.ManualClock;

/**
 * The clock of every test app, in place of the kit's: walk tests step it minute by minute and
 * {@link #release()} it in {@code @AfterEach}.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends ManualClock {
}
