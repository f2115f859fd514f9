package dev.vigil.health.service;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.health.check.CheckSettings;
import dev.vigil.health.check.Checker;
import dev.vigil.health.check.Checkers;
import dev.vigil.health.model.TargetKind;
import dev.vigil.health.rest.TargetRequest;
import dev.vigil.health.safety.AddressResolver;
import dev.vigil.health.safety.OutboundPolicy;
import dev.vigil.kit.problem.ProblemException;
import dev.vigil.kit.problem.Violation;

/**
 * Checks a target definition as a whole and reports every bad field at once, the kind's
 * settings and the outbound policy included (BR-06: a disallowed destination is refused here).
 */
@ApplicationScoped
public class TargetValidator {

    private final Validator validator;
    private final Checkers checkers;
    private final ObjectMapper mapper;
    private final AddressResolver resolver;
    private final OutboundPolicy policy;

    TargetValidator(
            Validator validator,
            Checkers checkers,
            ObjectMapper mapper,
            AddressResolver resolver,
            OutboundPolicy policy) {
        this.validator = validator;
        this.checkers = checkers;
        this.mapper = mapper;
        this.resolver = resolver;
        this.policy = policy;
    }

    /** The parsed settings of a valid request; a 400 naming each bad field otherwise. */
    public CheckSettings validate(TargetRequest request) {
        if (request == null) {
            throw ProblemException.invalidField("body", "is required");
        }
        List<Violation> violations = new ArrayList<>();
        for (ConstraintViolation<TargetRequest> violation : validator.validate(request)) {
            violations.add(new Violation(fieldOf(violation.getPropertyPath()),
                    violation.getMessage()));
        }
        if (request.degradedAfterMsOrDefault() >= request.unhealthyAfterMsOrDefault()) {
            violations.add(new Violation("unhealthyAfterMs",
                    "must be greater than degradedAfterMs"));
        }
        CheckSettings settings = validateSettings(request, violations);
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
        return settings;
    }

    /** Reads stored settings of a kind; they were valid when stored. */
    public CheckSettings read(TargetKind kind, JsonNode settings) {
        Checker<?> checker = checkers.forKind(kind).orElseThrow(() ->
                new IllegalStateException("no checker for kind " + kind));
        try {
            return mapper.treeToValue(settings, checker.settingsType());
        } catch (Exception e) {
            throw new IllegalStateException("stored settings of kind " + kind + " unreadable", e);
        }
    }

    private CheckSettings validateSettings(TargetRequest request, List<Violation> violations) {
        if (request.kind() == null || request.settings() == null) {
            return null;
        }
        if (!request.settings().isObject()) {
            violations.add(new Violation("settings", "must be an object"));
            return null;
        }
        Optional<Checker<?>> checker = checkers.forKind(request.kind());
        if (checker.isEmpty()) {
            violations.add(new Violation("kind", "is not supported by this build"));
            return null;
        }
        CheckSettings settings = parse(request.settings(), checker.get(), violations);
        if (settings == null) {
            return null;
        }
        List<Violation> own = settings.validate();
        violations.addAll(own);
        if (own.isEmpty()) {
            settings.destinations().forEach(d -> checkDestination(d, violations));
        }
        return settings;
    }

    private CheckSettings parse(JsonNode node, Checker<?> checker, List<Violation> violations) {
        try {
            return mapper.reader()
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .treeToValue(node, checker.settingsType());
        } catch (JsonMappingException e) {
            String path = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName()
                            : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            String field = path.isEmpty() ? "settings" : "settings." + path.replace(".[", "[");
            violations.add(new Violation(field, "cannot be read: "
                    + e.getOriginalMessage().lines().findFirst().orElse("")));
            return null;
        } catch (Exception e) {
            violations.add(new Violation("settings", "cannot be read"));
            return null;
        }
    }

    private void checkDestination(CheckSettings.Destination destination, List<Violation> out) {
        InetAddress address;
        try {
            address = resolver.resolve(destination.host()).toCompletionStage()
                    .toCompletableFuture().get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // A name that does not resolve yet is allowed; each check resolves and judges again.
            return;
        }
        policy.blockedReason(address).ifPresent(reason -> out.add(
                new Violation(destination.field(), "destination not allowed: " + reason)));
    }

    private static ProblemException invalid(List<Violation> violations) {
        List<Violation> sorted = violations.stream()
                .sorted(Comparator.comparing(Violation::field))
                .toList();
        String detail = sorted.stream()
                .map(v -> v.field() + ": " + v.message())
                .collect(Collectors.joining("; "));
        return new ProblemException(400, "validation", "Invalid request", detail, sorted);
    }

    private static String fieldOf(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
            String name = node.getName();
            if (name != null && !name.startsWith("<")) {
                field.append(field.length() > 0 ? "." : "").append(name);
            }
        }
        return field.toString();
    }
}
