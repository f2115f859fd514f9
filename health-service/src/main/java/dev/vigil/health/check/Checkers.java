package dev.vigil.health.check;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import dev.vigil.health.model.TargetKind;

/** The one list of check kinds and their checkers; a test proves no kind is missing. */
@ApplicationScoped
public class Checkers {

    private final Map<TargetKind, Checker<?>> byKind = new EnumMap<>(TargetKind.class);

    Checkers(Instance<Checker<?>> checkers) {
        checkers.forEach(checker -> {
            if (byKind.put(checker.kind(), checker) != null) {
                throw new IllegalStateException("two checkers for kind " + checker.kind());
            }
        });
    }

    /** The checker of a kind, or empty when this build has none. */
    public Optional<Checker<?>> forKind(TargetKind kind) {
        return Optional.ofNullable(byKind.get(kind));
    }

    /** The kinds this build can check. */
    public List<TargetKind> kinds() {
        return List.copyOf(byKind.keySet());
    }
}
