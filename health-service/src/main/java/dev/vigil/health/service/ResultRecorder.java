package dev.vigil.health.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.vigil.common.event.EventMeta;
import dev.vigil.common.event.HealthCheckCompleted;
import dev.vigil.common.topic.Topics;
import dev.vigil.health.config.HealthConfig;
import dev.vigil.health.model.CheckResult;
import dev.vigil.health.model.ComponentStatus;
import dev.vigil.health.repository.ResultRepository;
import dev.vigil.health.repository.TargetRepository;
import dev.vigil.health.repository.TargetRepository.AfterCheck;
import dev.vigil.health.repository.TargetRepository.Locked;
import dev.vigil.kit.config.KitConfig;
import dev.vigil.kit.outbox.OutboxMessage;
import dev.vigil.kit.outbox.OutboxWriter;

/**
 * Stores a batch of finished checks in one transaction: the raw results, their rollups, each
 * target's damped state and one HealthCheckCompleted per result in the outbox.
 */
@ApplicationScoped
public class ResultRecorder {

    private static final Logger LOG = Logger.getLogger(ResultRecorder.class);

    private final TargetRepository targets;
    private final ResultRepository results;
    private final OutboxWriter outbox;
    private final FlapDamping damping;
    private final Clock clock;
    private final String serviceName;

    ResultRecorder(
            TargetRepository targets,
            ResultRepository results,
            OutboxWriter outbox,
            HealthConfig config,
            KitConfig kit,
            Clock clock) {
        this.targets = targets;
        this.results = results;
        this.outbox = outbox;
        this.damping = new FlapDamping(config.damping().failureThreshold(),
                config.damping().successThreshold());
        this.clock = clock;
        this.serviceName = kit.serviceName();
    }

    /** Stores the batch; results of targets deleted meanwhile are dropped. */
    @Transactional
    public List<CheckResult> record(List<PendingResult> batch) {
        List<PendingResult> ordered = batch.stream()
                .sorted(Comparator.comparing(PendingResult::checkedAt))
                .toList();
        List<UUID> ids = ordered.stream().map(p -> p.target().id()).distinct().toList();
        Map<UUID, Locked> locked = targets.lockForResults(ids);
        Map<UUID, FlapDamping.State> states = new HashMap<>();
        locked.values().forEach(t -> states.put(t.id(),
                new FlapDamping.State(t.state(), t.failStreak(), t.okStreak())));

        List<CheckResult> stored = new ArrayList<>();
        Map<UUID, AfterCheck> updates = new LinkedHashMap<>();
        List<OutboxMessage> events = new ArrayList<>();
        for (PendingResult pending : ordered) {
            Locked target = locked.get(pending.target().id());
            if (target == null) {
                continue;
            }
            FlapDamping.State before = states.get(target.id());
            FlapDamping.State after = damping.next(before, pending.status());
            states.put(target.id(), after);
            logTransition(target, before.state(), after.state());
            stored.add(resultOf(pending));
            // Results are in check order, so the last one per target leaves its final state.
            updates.put(target.id(), afterCheck(pending, after));
            events.add(eventOf(target, pending));
        }

        List<CheckResult> inserted = results.insert(stored);
        targets.updateAfterChecks(new ArrayList<>(updates.values()));
        outbox.write(events);
        return inserted;
    }

    private static CheckResult resultOf(PendingResult pending) {
        return new CheckResult(null, pending.target().id(), pending.checkedAt(), pending.status(),
                pending.outcome().responseTimeMs(), pending.outcome().category(),
                pending.outcome().error(), pending.outcome().metadata());
    }

    private static AfterCheck afterCheck(PendingResult pending, FlapDamping.State state) {
        return new AfterCheck(pending.target().id(), state.state(), state.failStreak(),
                state.okStreak(), pending.checkedAt(), pending.status(),
                pending.outcome().responseTimeMs(), pending.outcome().error(),
                pending.completedAt());
    }

    private OutboxMessage eventOf(Locked target, PendingResult pending) {
        HealthCheckCompleted event = HealthCheckCompleted.of(
                EventMeta.now(serviceName, clock.instant()),
                target.id().toString(),
                target.name(),
                target.kind().name(),
                pending.status().name(),
                pending.outcome().responseTimeMs(),
                pending.outcome().category() == null ? null : pending.outcome().category().name(),
                pending.outcome().error(),
                target.critical(),
                pending.checkedAt());
        return new OutboxMessage(Topics.HEALTH_CHECKS, target.id().toString(), event);
    }

    private static void logTransition(Locked target, ComponentStatus from, ComponentStatus to) {
        // A first result sets the state without changing it, so it is no transition to log.
        if (from != null && from != to) {
            LOG.infof("Component state changed target=%s name=%s from=%s to=%s",
                    target.id(), target.name(), from, to);
        }
    }
}
