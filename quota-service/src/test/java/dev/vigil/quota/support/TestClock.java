package dev.vigil.quota.support;

import jakarta.inject.Singleton;

import dev.vigil.testsupport.ManualClock;

/**
 * The clock of the test application, in place of the kit's default Clock bean, so period
 * boundaries (BR-22) can be walked.
 */
@Singleton
public class TestClock extends ManualClock {
}
