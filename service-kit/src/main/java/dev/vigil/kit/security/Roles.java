package dev.vigil.kit.security;

/** The roles of ARCHITECTURE.md, as the {@code groups} claim of a bearer token carries them. */
public final class Roles {

    /** Reads detail. */
    public static final String VIEWER = "viewer";

    /** Makes every change. */
    public static final String ADMIN = "admin";

    /** Services that report their requests or ask for quota. */
    public static final String REPORTER = "reporter";

    private Roles() {
    }
}
