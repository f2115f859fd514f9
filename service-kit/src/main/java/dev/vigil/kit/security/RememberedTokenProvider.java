package dev.vigil.kit.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Asked before the OIDC extension: answers a bearer token it has seen verified with the
 * identity built then, and passes every other token on (a null identity) to full verification.
 */
@ApplicationScoped
public class RememberedTokenProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final VerifiedTokens verified;

    RememberedTokenProvider(VerifiedTokens verified) {
        this.verified = verified;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Ahead of the OIDC extension's provider, which takes {@code SYSTEM_FIRST + 1}. */
    @Override
    public int priority() {
        return 2 * SYSTEM_FIRST;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request,
            AuthenticationRequestContext context) {
        QuarkusSecurityIdentity remembered = verified.find(request.getToken().getToken());
        if (remembered == null) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(RequestBound.attach(remembered, request));
    }
}
