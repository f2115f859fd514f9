package dev.vigil.kit.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings every Vigil service shares, under {@code vigil.*}.
 *
 * <pre>
 * vigil.service-name=health-service
 * vigil.outbox.batch-size=500
 * </pre>
 */
@ConfigMapping(prefix = "vigil")
public interface KitConfig {

    /** The service's name: the {@code source} of its events and its Kafka client id. */
    String serviceName();

    Outbox outbox();

    Readiness readiness();

    Dedup dedup();

    TokenCache tokenCache();

    /** The relay that publishes outbox rows to Kafka. */
    interface Outbox {

        /** How often the relay retries; commits wake it at once, so this is only a fallback. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Events published per transaction. */
        @WithDefault("500")
        int batchSize();

        /** How long one batch may wait for the broker's acknowledgements. */
        @WithDefault("10s")
        Duration sendTimeout();
    }

    /** The readiness checks of Postgres and Kafka. */
    interface Readiness {

        /**
         * A dependency that does not answer within this is reported DOWN; well under the 3 s
         * a Kubernetes readiness probe allows, so the answer arrives even on a busy node.
         */
        @WithDefault("1500ms")
        Duration timeout();

        /** A result is reused for this long, so a burst of probes makes one check. */
        @WithDefault("1s")
        Duration cacheFor();
    }

    /** The record of applied event ids that makes readers idempotent. */
    interface Dedup {

        /** How long an applied event id is remembered; longer than any redelivery. */
        @WithDefault("P7D")
        Duration retention();
    }

    /** Bearer tokens already verified, so a caller's repeated token is not verified again. */
    interface TokenCache {

        /**
         * Tokens remembered at most (a few kilobytes each); 0 verifies every request's token.
         * Callers that repeat a token are few: services and dashboards, not end users.
         */
        @WithDefault("1000")
        int maxSize();

        /**
         * How long a verified token is trusted without a new check, at most; never past its
         * {@code exp}. It bounds how long a signing key removed from the JWKS still works.
         */
        @WithDefault("5m")
        Duration maxAge();
    }
}
