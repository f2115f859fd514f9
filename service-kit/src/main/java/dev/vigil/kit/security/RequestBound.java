package dev.vigil.kit.security;

import java.util.List;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.vertx.ext.web.RoutingContext;

/**
 * The attributes the OIDC extension puts on an identity that refer to the request it was
 * built for: a remembered identity drops them and takes those of each new request.
 */
final class RequestBound {

    static final String ROUTING_CONTEXT = RoutingContext.class.getName();
    static final String REQUEST_CONTEXT = AuthenticationRequestContext.class.getName();
    static final List<String> NAMES = List.of(ROUTING_CONTEXT, REQUEST_CONTEXT);
    /** Marks an identity answered from the cache, so it is not remembered a second time. */
    static final String REMEMBERED = "dev.vigil.kit.security.remembered";

    private RequestBound() {
    }

    /** The remembered identity with the attributes of this request. */
    static SecurityIdentity attach(QuarkusSecurityIdentity remembered,
            AuthenticationRequest request) {
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        Object requestContext = routing == null ? null : routing.get(REQUEST_CONTEXT);
        return QuarkusSecurityIdentity.builder(remembered)
                .addAttribute(ROUTING_CONTEXT, routing)
                .addAttribute(REQUEST_CONTEXT, requestContext)
                .addAttribute(REMEMBERED, Boolean.TRUE)
                .build();
    }
}
