package dev.vigil.health.model;

/** The kinds of check a target can have; each has one package under {@code check}. */
public enum TargetKind {
    HTTP,
    TCP,
    DNS,
    POSTGRES,
    KAFKA
}
