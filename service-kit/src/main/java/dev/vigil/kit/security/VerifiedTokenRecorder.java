package dev.vigil.kit.security;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Runs after every other augmentor on an identity the OIDC extension has just verified and
 * remembers it for its token; it changes nothing in the identity. Identities answered from
 * the cache pass untouched.
 */
@ApplicationScoped
public class VerifiedTokenRecorder implements SecurityIdentityAugmentor {

    private final VerifiedTokens verified;

    VerifiedTokenRecorder(VerifiedTokens verified) {
        this.verified = verified;
    }

    @Override
    public int priority() {
        return Integer.MIN_VALUE;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity,
            AuthenticationRequestContext context) {
        TokenCredential credential = identity.getCredential(TokenCredential.class);
        // Identities answered from the cache carry the mark: digesting their token again on
        // every request would only find what is already there.
        if (identity.isAnonymous() || credential == null
                || identity.getAttribute(RequestBound.REMEMBERED) != null
                || !(identity instanceof QuarkusSecurityIdentity quarkusIdentity)
                || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                || jwt.getExpirationTime() <= 0) {
            return Uni.createFrom().item(identity);
        }
        verified.remember(credential.getToken(), quarkusIdentity,
                Instant.ofEpochSecond(jwt.getExpirationTime()));
        return Uni.createFrom().item(identity);
    }
}
