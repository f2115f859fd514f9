package dev.vigil.health.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.vigil.health.config.HealthConfig;
import dev.vigil.health.model.CheckResult;
import dev.vigil.health.model.Target;
import dev.vigil.health.repository.ResultRepository;
import dev.vigil.health.repository.TargetRepository;
import dev.vigil.health.rest.TargetRequest;
import dev.vigil.kit.paging.Cursors;
import dev.vigil.kit.paging.Page;

/** Registers, changes and reads targets and their results; runs a check on demand. */
@ApplicationScoped
public class TargetService {

    private static final Logger LOG = Logger.getLogger(TargetService.class);

    private final TargetRepository targets;
    private final ResultRepository results;
    private final TargetValidator validator;
    private final CheckRunner runner;
    private final ResultRecorder recorder;
    private final HealthConfig config;
    private final Clock clock;

    TargetService(
            TargetRepository targets,
            ResultRepository results,
            TargetValidator validator,
            CheckRunner runner,
            ResultRecorder recorder,
            HealthConfig config,
            Clock clock) {
        this.targets = targets;
        this.results = results;
        this.validator = validator;
        this.runner = runner;
        this.recorder = recorder;
        this.config = config;
        this.clock = clock;
    }

    /** Registers a target; its first check is due at once. */
    public Target create(TargetRequest request) {
        validator.validate(request);
        Instant now = clock.instant();
        Target target = definition(UUID.randomUUID(), request, now, now);
        targets.insert(target, now);
        LOG.infof("Target registered target=%s name=%s kind=%s", target.id(), target.name(),
                target.kind());
        return get(target.id());
    }

    /** Replaces a target's definition; it is checked again at once. */
    public Target replace(UUID id, TargetRequest request) {
        validator.validate(request);
        Target existing = get(id);
        Instant now = clock.instant();
        if (!targets.update(definition(id, request, existing.createdAt(), now), now)) {
            throw new TargetNotFoundException(id);
        }
        LOG.infof("Target changed target=%s name=%s", id, request.name());
        return get(id);
    }

    public void delete(UUID id) {
        if (!targets.delete(id)) {
            throw new TargetNotFoundException(id);
        }
        LOG.infof("Target deleted target=%s", id);
    }

    public Target get(UUID id) {
        return targets.find(id).orElseThrow(() -> new TargetNotFoundException(id));
    }

    /** One page of targets by name. */
    public Page<Target> list(Integer limit, String cursor, String tag, String name) {
        int size = Cursors.limit(limit, 50, 500);
        List<Target> page = targets.list(size + 1, Cursors.decode(cursor), blankToNull(tag),
                blankToNull(name));
        if (page.size() <= size) {
            return new Page<>(page, null);
        }
        List<Target> items = page.subList(0, size);
        return new Page<>(List.copyOf(items), Cursors.encode(items.get(size - 1).name()));
    }

    /** One page of a target's results, newest first. */
    public Page<CheckResult> results(UUID id, Instant from, Instant to, Integer limit,
            String cursor) {
        if (from != null && to != null) {
            Windows.requireFromBeforeTo(from, to);
        }
        get(id);
        int size = Cursors.limit(limit, 100, 1000);
        ResultPosition before = ResultPosition.of(Cursors.decode(cursor));

        List<CheckResult> page = results.page(id, from, to, size + 1, before.checkedAt(),
                before.id());

        if (page.size() <= size) {
            return new Page<>(page, null);
        }
        CheckResult last = page.get(size - 1);
        return new Page<>(List.copyOf(page.subList(0, size)),
                Cursors.encode(ResultPosition.after(last)));
    }

    /** Runs a check now, stores and publishes it like a scheduled one, and returns it. */
    public CheckResult checkNow(UUID id) {
        get(id);
        long grace = config.scheduler().leaseGrace().toMillis();
        Target target = targets.lease(id, clock.instant(), grace)
                .orElseThrow(() -> new CheckInProgressException(id));
        PendingResult pending;
        try {
            pending = runner.run(target).toCompletionStage().toCompletableFuture()
                    .get(target.timeoutMs() + 5000L, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking " + id, e);
        } catch (Exception e) {
            throw new IllegalStateException("check of " + id + " did not complete", e);
        }
        return recorder.record(List.of(pending)).stream().findFirst()
                .orElseThrow(() -> new TargetNotFoundException(id));
    }

    private static Target definition(UUID id, TargetRequest request, Instant createdAt,
            Instant updatedAt) {
        return new Target(id, request.name().trim(), request.kind(), request.intervalSeconds(),
                request.timeoutMs(), request.degradedAfterMsOrDefault(),
                request.unhealthyAfterMsOrDefault(), request.criticalOrDefault(),
                request.enabledOrDefault(), request.tagsOrDefault(), request.settings(),
                createdAt, updatedAt, null, null, null, null, null);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
