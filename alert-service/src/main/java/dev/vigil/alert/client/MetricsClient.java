package dev.vigil.alert.client;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.alert.config.AlertConfig;
import dev.vigil.common.serde.EventJson;

/**
 * Asks metrics-service for a window's statistics with a timeout, retries and a circuit
 * breaker; when it does not answer, the fallback returns null, which makes the rule UNKNOWN.
 * A refused token (401, 403) is neither retried nor counted by the breaker: it is a setting to
 * fix, and an open breaker would hide it behind "circuit open" until the token changes.
 */
@ApplicationScoped
public class MetricsClient {

    private static final Logger LOG = Logger.getLogger(MetricsClient.class);

    private final MetricsRestClient client;
    private final AlertConfig config;
    private final ObjectMapper json;

    MetricsClient(@RestClient MetricsRestClient client, AlertConfig config, ObjectMapper json) {
        this.client = client;
        this.config = config;
        this.json = json;
    }

    /**
     * Statistics of {@code [from, to)} for the service and endpoint (null for all); null when
     * metrics-service could not be asked.
     */
    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, abortOn = MetricsTokenRefusedException.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 30,
            delayUnit = ChronoUnit.SECONDS, skipOn = MetricsTokenRefusedException.class)
    @Fallback(fallbackMethod = "fallbackPerformance")
    public Performance performance(Instant from, Instant to, String service, String endpoint) {
        try {
            String body = client.performance(EventJson.format(from), EventJson.format(to),
                    service, endpoint, config.metrics().token().map(token -> "Bearer " + token)
                            .orElse(null));
            return json.readValue(body, Performance.class);
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            // An unknown service or route is absent data, not an outage of metrics-service.
            if (status == 404) {
                return Performance.empty();
            }
            if (status == 401 || status == 403) {
                throw new MetricsTokenRefusedException(status, config.metrics().token()
                        .isPresent());
            }
            throw e;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metrics-service answered unreadable JSON", e);
        }
    }

    Performance fallbackPerformance(Instant from, Instant to, String service, String endpoint,
            Throwable cause) {
        if (cause instanceof MetricsTokenRefusedException refused) {
            LOG.warnf("%s. Rule evaluation UNKNOWN service=%s endpoint=%s", refused.getMessage(),
                    service, endpoint);
            return null;
        }
        LOG.warnf("metrics-service not answering, rule evaluation UNKNOWN service=%s "
                + "endpoint=%s cause=%s", service, endpoint, cause.getClass().getSimpleName());
        return null;
    }
}
