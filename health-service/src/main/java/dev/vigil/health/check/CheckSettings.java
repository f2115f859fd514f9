package dev.vigil.health.check;

import java.util.List;

import dev.vigil.kit.problem.Violation;

/** The {@code settings} of one check kind, read from a target's JSON. */
public interface CheckSettings {

    /** A host a check will connect to, and the settings field it comes from. */
    record Destination(String field, String host) {
    }

    /** What is wrong with these settings, each naming its field as {@code settings.<name>}. */
    List<Violation> validate();

    /** The hosts a check of these settings connects to first, for the outbound policy. */
    List<Destination> destinations();
}
