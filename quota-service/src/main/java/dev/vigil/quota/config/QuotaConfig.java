package dev.vigil.quota.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of quota-service, under {@code vigil.quota}.
 *
 * <pre>
 * vigil.quota.default-tier=free
 * vigil.quota.request-retention=P35D
 * </pre>
 */
@ConfigMapping(prefix = "vigil.quota")
public interface QuotaConfig {

    /** The tier of a user nobody assigned one; it cannot be deleted. */
    @WithDefault("free")
    String defaultTier();

    /**
     * How long a counted request id is remembered; a repeat of it within this is not counted
     * again. Longer than the longest period so a month's counts stay exact.
     */
    @WithDefault("P35D")
    Duration requestRetention();

    /** How long day and month counters are kept after their period started. */
    @WithDefault("P400D")
    Duration counterRetention();

    /** How long minute counters are kept; only the current minute is ever read. */
    @WithDefault("PT1H")
    Duration minuteCounterRetention();

    /**
     * How many /consume transactions of one user (hash stripe) may run at once in this
     * replica; the rest queue in memory instead of holding pool connections while they wait
     * for the user's row lock.
     */
    @WithDefault("4")
    int consumeConcurrencyPerUser();

    /** How long a /consume call may queue behind others of its user before a 503. */
    @WithDefault("10s")
    Duration consumeQueueTimeout();

    /**
     * Whether a /consume transaction waits for its WAL flush before answering. Off, a call
     * answers about one disk flush sooner and the limits hold the same; a database crash may
     * forget the calls of its last fraction of a second, which then count as never made.
     */
    @WithDefault("false")
    boolean consumeWaitsForFlush();

    /** The largest {@code amount} one /consume call may ask for. */
    @WithDefault("1000000")
    long maxAmount();
}
