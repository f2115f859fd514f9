package dev.vigil.health.model;

/** Status of one component or of the whole, as ARCHITECTURE.md defines them. */
public enum ComponentStatus {
    HEALTHY,
    DEGRADED,
    UNHEALTHY,
    UNKNOWN;

    /** Whether a check with this status counts as up for availability. */
    public boolean isUp() {
        return this == HEALTHY || this == DEGRADED;
    }
}
