package dev.vigil.kit.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.stats.CacheStats;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

import dev.vigil.kit.config.KitConfig;

/**
 * Identities of bearer tokens the OIDC extension has verified, until the token's {@code exp}
 * or {@code vigil.token-cache.max-age}, whichever comes first. A service that calls
 * {@code /consume} thousands of times a second sends the same token each time; checking its
 * RSA signature and parsing its claims again took a third of the call's CPU.
 *
 * <p>Entries are keyed by the SHA-256 of the token, so a lookup compares digests, never the
 * secret itself, and a token that differs in one character is verified in full. Entries hold
 * no request: the request-bound attributes are set again on every hit.
 */
@ApplicationScoped
public class VerifiedTokens {

    private final Cache<String, Verified> cache;
    private final Duration maxAge;
    private final Clock clock;

    VerifiedTokens(KitConfig config, Clock clock) {
        this.maxAge = config.tokenCache().maxAge();
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .maximumSize(config.tokenCache().maxSize())
                .expireAfter(new UntilTrustEnds())
                .recordStats()
                .build();
    }

    /** The identity verified for this token, or null when it must be verified. */
    public QuarkusSecurityIdentity find(String token) {
        Verified verified = cache.getIfPresent(digest(token));
        if (verified == null || !clock.instant().isBefore(verified.trustedUntil())) {
            return null;
        }
        return verified.identity();
    }

    /**
     * Remembers an identity the OIDC extension built for the token, stripped of the attributes
     * that belong to the request it came with. Identities without an expiry are not kept.
     */
    public void remember(String token, QuarkusSecurityIdentity identity, Instant expiresAt) {
        Instant trustedUntil = earlier(expiresAt, clock.instant().plus(maxAge));
        if (!clock.instant().isBefore(trustedUntil)) {
            return;
        }
        QuarkusSecurityIdentity.Builder detached = QuarkusSecurityIdentity.builder(identity);
        RequestBound.NAMES.forEach(name -> detached.addAttribute(name, null));
        cache.put(digest(token), new Verified(detached.build(), trustedUntil));
    }

    /** Whether the token is already remembered; not counted as a hit or a miss. */
    public boolean contains(String token) {
        return cache.asMap().containsKey(digest(token));
    }

    /** Hits and misses, for tests and operators. */
    public CacheStats stats() {
        return cache.stats();
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private record Verified(QuarkusSecurityIdentity identity, Instant trustedUntil) {
    }

    /** An entry leaves the cache when its trust ends; reading it does not extend that. */
    private final class UntilTrustEnds implements Expiry<String, Verified> {

        @Override
        public long expireAfterCreate(String key, Verified value, long currentTime) {
            long nanos = Duration.between(clock.instant(), value.trustedUntil()).toNanos();
            return Math.max(0, nanos);
        }

        @Override
        public long expireAfterUpdate(String key, Verified value, long currentTime,
                long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(String key, Verified value, long currentTime,
                long currentDuration) {
            return currentDuration;
        }
    }
}
