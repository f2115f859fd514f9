package dev.vigil.health.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.vigil.health.check.CheckSettings;
import dev.vigil.health.check.Checker;
import dev.vigil.health.check.Checkers;
import dev.vigil.health.model.CheckOutcome;
import dev.vigil.health.model.ErrorCategory;
import dev.vigil.health.model.Target;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * Runs one check of a target with its kind's checker and classifies the outcome. A guard timer
 * completes the check as TIMEOUT should a checker ever overrun its own timeout.
 */
@ApplicationScoped
public class CheckRunner {

    private static final long GUARD_MS = 2000;

    private final Checkers checkers;
    private final TargetValidator settingsReader;
    private final Vertx vertx;
    private final Clock clock;

    CheckRunner(Checkers checkers, TargetValidator settingsReader, Vertx vertx, Clock clock) {
        this.checkers = checkers;
        this.settingsReader = settingsReader;
        this.vertx = vertx;
        this.clock = clock;
    }

    /** Checks the target; the future never fails. */
    public Future<PendingResult> run(Target target) {
        Instant start = clock.instant();
        return outcomeOf(target).map(outcome -> new PendingResult(target, start, clock.instant(),
                outcome, StatusRules.classify(outcome, target.degradedAfterMs(),
                        target.unhealthyAfterMs())));
    }

    private Future<CheckOutcome> outcomeOf(Target target) {
        Promise<CheckOutcome> guarded = Promise.promise();
        long guard = vertx.setTimer(target.timeoutMs() + GUARD_MS, id -> guarded.tryComplete(
                CheckOutcome.failure(ErrorCategory.TIMEOUT, "check did not finish within "
                        + target.timeoutMs() + " ms", null, Map.of())));
        start(target).onComplete(done -> {
            vertx.cancelTimer(guard);
            guarded.tryComplete(done.succeeded() ? done.result()
                    : CheckOutcome.failure(ErrorCategory.CONNECT, "check failed: "
                            + done.cause().getClass().getSimpleName(), null, Map.of()));
        });
        return guarded.future();
    }

    @SuppressWarnings("unchecked")
    private Future<CheckOutcome> start(Target target) {
        try {
            Checker<CheckSettings> checker = (Checker<CheckSettings>) checkers
                    .forKind(target.kind()).orElseThrow();
            CheckSettings settings = settingsReader.read(target.kind(), target.settings());
            return checker.check(settings, target.timeoutMs());
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
