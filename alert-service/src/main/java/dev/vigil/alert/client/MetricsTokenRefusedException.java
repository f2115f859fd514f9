package dev.vigil.alert.client;

/**
 * metrics-service answered 401 or 403: alert-service's bearer token is missing, wrong or lacks
 * a role. Retrying cannot help; only the setting can, so the message names it.
 */
public class MetricsTokenRefusedException extends RuntimeException {

    /** The config key holding the token, for the operator reading the log. */
    public static final String TOKEN_KEY = "vigil.alert.metrics.token";

    public MetricsTokenRefusedException(int status, boolean tokenConfigured) {
        super(tokenConfigured
                ? "metrics-service refused the configured token status=" + status
                        + ": set " + TOKEN_KEY + " to a token metrics-service accepts"
                : "metrics-service refused the call status=" + status
                        + ": no token is configured, set " + TOKEN_KEY);
    }
}
