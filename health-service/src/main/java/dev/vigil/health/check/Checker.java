package dev.vigil.health.check;

import dev.vigil.health.model.CheckOutcome;
import dev.vigil.health.model.TargetKind;
import io.vertx.core.Future;

/**
 * Runs checks of one kind without blocking: the returned future completes with the outcome,
 * failures included, within the timeout it is given; it never fails itself.
 *
 * @param <S> the kind's settings
 */
public interface Checker<S extends CheckSettings> {

    TargetKind kind();

    Class<S> settingsType();

    Future<CheckOutcome> check(S settings, int timeoutMs);
}
