package dev.vigil.alert.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.vigil.alert.model.Silence;
import dev.vigil.alert.repository.RuleRepository;
import dev.vigil.alert.repository.SilenceRepository;
import dev.vigil.alert.rest.SilenceRequest;
import dev.vigil.kit.problem.ProblemException;
import dev.vigil.kit.time.StorableInstants;

/** Validates and stores silences. */
@ApplicationScoped
public class SilenceService {

    private static final Logger LOG = Logger.getLogger(SilenceService.class);
    /** Subjects and tags are short identifiers; anything longer can match nothing. */
    private static final int MAX_MATCHER_LENGTH = 500;
    private static final int MAX_COMMENT_LENGTH = 2000;

    private final SilenceRepository silences;
    private final RuleRepository rules;
    private final Clock clock;

    SilenceService(SilenceRepository silences, RuleRepository rules, Clock clock) {
        this.silences = silences;
        this.rules = rules;
        this.clock = clock;
    }

    @Transactional
    public Silence create(SilenceRequest request, String who) {
        Silence silence = validated(request, who, DatabaseTime.now(clock));

        silences.insert(silence);

        LOG.infof("Silence created silence=%s rule=%s subject=%s tag=%s from=%s to=%s by=%s",
                silence.id(), silence.ruleId(), silence.subject(), silence.tag(),
                silence.startsAt(), silence.endsAt(), who);
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

    private Silence validated(SilenceRequest request, String who, Instant now) {
        if (request == null) {
            throw ProblemException.invalidField("body", "a silence is required");
        }
        checkMatchers(request);
        Instant start = request.startsAt() == null ? now : storable("startsAt",
                request.startsAt());
        if (request.endsAt() == null) {
            throw ProblemException.invalidField("endsAt", "is required");
        }
        Instant end = storable("endsAt", request.endsAt());
        if (!end.isAfter(start)) {
            throw ProblemException.invalidField("endsAt", "must be after startsAt");
        }
        return new Silence(UUID.randomUUID(), request.ruleId(), orNull(request.subject()),
                orNull(request.tag()), start, end, request.comment(), who, now);
    }

    private void checkMatchers(SilenceRequest request) {
        if (request.ruleId() == null && blank(request.subject()) && blank(request.tag())) {
            throw ProblemException.invalidField("ruleId",
                    "at least one of ruleId, subject or tag is required");
        }
        bounded("subject", request.subject(), MAX_MATCHER_LENGTH);
        bounded("tag", request.tag(), MAX_MATCHER_LENGTH);
        bounded("comment", request.comment(), MAX_COMMENT_LENGTH);
        if (request.ruleId() != null && rules.find(request.ruleId()) == null) {
            throw ProblemException.invalidField("ruleId", "names no rule");
        }
    }

    /** The instant at the precision it is stored, or a 400 when Postgres cannot hold it. */
    private static Instant storable(String field, Instant instant) {
        return DatabaseTime.of(StorableInstants.require(field, instant));
    }

    private static void bounded(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw ProblemException.invalidField(field, "must be at most " + max + " characters");
        }
    }

    private static String orNull(String value) {
        return blank(value) ? null : value;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
