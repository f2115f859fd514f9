package dev.vigil.health.model;

/** Why a check failed. */
public enum ErrorCategory {
    TIMEOUT,
    DNS,
    CONNECT,
    TLS,
    STATUS,
    BODY,
    BLOCKED
}
