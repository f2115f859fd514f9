package dev.vigil.health.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of health-service under {@code vigil.health}; every key is listed in the README.
 *
 * <pre>
 * vigil.health.allow-list=127.0.0.0/8,::1/128
 * vigil.health.scheduler.poll-interval=500ms
 * </pre>
 */
@ConfigMapping(prefix = "vigil.health")
public interface HealthConfig {

    /**
     * Address ranges (CIDR) a check may reach although they are loopback, private or
     * link-local; empty means none of those is reachable.
     */
    Optional<List<String>> allowList();

    /**
     * A hosts file whose names checks resolve before asking DNS, for host names a test or a
     * closed network defines itself.
     */
    Optional<String> hostsFile();

    /** Named passwords that POSTGRES targets refer to with {@code passwordRef}. */
    Map<String, String> secrets();

    Scheduler scheduler();

    Http http();

    Damping damping();

    Retention retention();

    /** The loop that claims due targets and the writer that stores their results. */
    interface Scheduler {

        /** Whether this replica claims and runs due checks at all. */
        @WithDefault("true")
        boolean enabled();

        /** How often due targets are claimed. */
        @WithDefault("200ms")
        Duration pollInterval();

        /**
         * How far ahead of their due tick targets are claimed; each check then starts on a
         * timer at its tick, so the claim's round trip adds no lag. At least the poll interval.
         */
        @WithDefault("1s")
        Duration claimAhead();

        /** Targets claimed per database round trip. */
        @WithDefault("500")
        int claimBatch();

        /** Checks this replica runs at once; due targets beyond it wait for the next pass. */
        @WithDefault("2000")
        int maxInFlight();

        /** Added to a check's timeout for its lease; a dead replica's lease ends after it. */
        @WithDefault("5s")
        Duration leaseGrace();

        /** Results stored per transaction. */
        @WithDefault("1000")
        int writeBatch();

        /** How long the writer waits to fill a batch. */
        @WithDefault("100ms")
        Duration writeLinger();

        /** Threads storing results; each stores the results of its share of the targets. */
        @WithDefault("2")
        int writerThreads();

        /**
         * How long shutdown waits for running checks; a check still running then is handed
         * back unstored, so its tick runs again elsewhere.
         */
        @WithDefault("15s")
        Duration shutdownGrace();
    }

    /** HTTP checks. */
    interface Http {

        /** Bytes of a response body read at most; the rest is discarded unread. */
        @WithDefault("1048576")
        int maxBodyBytes();

        /** Characters of a failed response's body kept as its snippet. */
        @WithDefault("1024")
        int snippetChars();

        /** Redirect hops followed at most. */
        @WithDefault("10")
        int maxRedirects();

        /**
         * PEM files of the certificate authorities HTTPS checks trust; absent means the JVM's
         * default trust store. When set, these replace the default.
         */
        Optional<List<String>> trustCertificates();
    }

    /** Flap damping of the component state. */
    interface Damping {

        /** UNHEALTHY results in a row that turn the component UNHEALTHY. */
        @WithDefault("2")
        int failureThreshold();

        /** Good results in a row that end an UNHEALTHY state. */
        @WithDefault("1")
        int successThreshold();
    }

    /** How long stored results live. */
    interface Retention {

        /** Raw results older than this are deleted. */
        @WithDefault("P30D")
        Duration rawResults();

        /** Hourly rollups older than this are deleted. */
        @WithDefault("P400D")
        Duration hourlyRollups();

        /** Rows deleted per statement, so pruning never holds long locks. */
        @WithDefault("10000")
        int deleteBatch();
    }
}
