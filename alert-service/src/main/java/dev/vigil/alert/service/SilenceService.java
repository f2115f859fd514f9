package dev.vigil.alert.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.vigil.alert.model.Silence;
import dev.vigil.alert.repository.SilenceRepository;
import dev.vigil.alert.rest.SilenceRequest;
import dev.vigil.kit.problem.ProblemException;

/** Validates and stores silences. */
@ApplicationScoped
public class SilenceService {

    private static final Logger LOG = Logger.getLogger(SilenceService.class);

    private final SilenceRepository silences;
    private final Clock clock;

    SilenceService(SilenceRepository silences, Clock clock) {
        this.silences = silences;
        this.clock = clock;
    }

    @Transactional
    public Silence create(SilenceRequest request, String who) {
        if (request == null) {
            throw ProblemException.invalidField("body", "a silence is required");
        }
        if (request.ruleId() == null && blank(request.subject()) && blank(request.tag())) {
            throw ProblemException.invalidField("ruleId",
                    "at least one of ruleId, subject or tag is required");
        }
        Instant now = clock.instant();
        Instant start = request.startsAt() == null ? now : request.startsAt();
        if (request.endsAt() == null) {
            throw ProblemException.invalidField("endsAt", "is required");
        }
        if (!request.endsAt().isAfter(start)) {
            throw ProblemException.invalidField("endsAt", "must be after startsAt");
        }
        Silence silence = new Silence(UUID.randomUUID(), request.ruleId(),
                blank(request.subject()) ? null : request.subject(),
                blank(request.tag()) ? null : request.tag(), start, request.endsAt(),
                request.comment(), who, now);
        silences.insert(silence);
        LOG.infof("Silence created silence=%s rule=%s subject=%s tag=%s from=%s to=%s by=%s",
                silence.id(), silence.ruleId(), silence.subject(), silence.tag(), start,
                silence.endsAt(), who);
        return silence;
    }

    public List<Silence> all() {
        return silences.all();
    }

    public Silence find(UUID id) {
        return silences.find(id);
    }

    @Transactional
    public boolean delete(UUID id) {
        return silences.delete(id);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
