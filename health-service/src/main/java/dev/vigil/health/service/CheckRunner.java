package dev.vigil.health.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

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
    private static final int MAX_CACHED = 500_000;

    private final Checkers checkers;
    private final TargetValidator settingsReader;
    private final Vertx vertx;
    private final Clock clock;
    // Typed settings per target and definition version, so a check does not re-read its JSON.
    private final Map<UUID, Parsed> parsed = new ConcurrentHashMap<>();

    private record Parsed(Instant updatedAt, CheckSettings settings) {
    }

    CheckRunner(Checkers checkers, TargetValidator settingsReader, Vertx vertx, Clock clock) {
        this.checkers = checkers;
        this.settingsReader = settingsReader;
        this.vertx = vertx;
        this.clock = clock;
    }

    /** Checks the target; the future never fails. */
    public Future<PendingResult> run(Target target) {
        // Postgres keeps microseconds; cut there, so the stored time and the event's agree.
        Instant start = clock.instant().truncatedTo(ChronoUnit.MICROS);
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

    private CheckSettings settingsOf(Target target) {
        Parsed cached = parsed.get(target.id());
        if (cached != null && Objects.equals(cached.updatedAt(), target.updatedAt())) {
            return cached.settings();
        }
        CheckSettings settings = settingsReader.read(target.kind(), target.settings());
        if (parsed.size() > MAX_CACHED) {
            parsed.clear();
        }
        parsed.put(target.id(), new Parsed(target.updatedAt(), settings));
        return settings;
    }

    @SuppressWarnings("unchecked")
    private Future<CheckOutcome> start(Target target) {
        try {
            Checker<CheckSettings> checker = (Checker<CheckSettings>) checkers
                    .forKind(target.kind()).orElseThrow();
            CheckSettings settings = settingsOf(target);
            return checker.check(settings, target.timeoutMs());
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
