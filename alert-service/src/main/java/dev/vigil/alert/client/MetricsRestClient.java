package dev.vigil.alert.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * metrics-service's statistics API; used only through {@link MetricsClient}. The body is read
 * as text and parsed there, so a missing Content-Type header does not break it.
 */
@RegisterRestClient(configKey = "metrics-service")
@Path("/api/performance")
interface MetricsRestClient {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    String performance(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("service") String service,
            @QueryParam("endpoint") String endpoint,
            @HeaderParam("Authorization") String authorization);
}
