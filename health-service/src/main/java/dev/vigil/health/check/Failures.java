package dev.vigil.health.check;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import dev.vigil.health.model.CheckOutcome;
import dev.vigil.health.model.ErrorCategory;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;

/** Turns the exceptions of network clients into failure categories and safe messages. */
public final class Failures {

    private Failures() {
    }

    /** The failed outcome an exception stands for. */
    public static CheckOutcome of(Throwable error, Long responseTimeMs, Map<String, Object> meta) {
        ErrorCategory category = error instanceof Destinations.BlockedException
                ? ErrorCategory.BLOCKED
                : categoryOf(error);
        return CheckOutcome.failure(category, messageOf(category, error), responseTimeMs, meta);
    }

    /** The category of an exception, looking through its causes. */
    public static ErrorCategory categoryOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return ErrorCategory.TLS;
            }
            if (t instanceof UnknownHostException) {
                return ErrorCategory.DNS;
            }
            if (t instanceof TimeoutException || t instanceof ConnectTimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return ErrorCategory.TIMEOUT;
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return ErrorCategory.CONNECT;
            }
            if (t instanceof DecoderException && t.getCause() instanceof SSLException) {
                return ErrorCategory.TLS;
            }
        }
        return ErrorCategory.CONNECT;
    }

    private static String messageOf(ErrorCategory category, Throwable error) {
        if (category == ErrorCategory.BLOCKED) {
            return Text.clean(error.getMessage(), 500);
        }
        String message = error.getMessage() == null
                ? error.getClass().getSimpleName()
                : error.getMessage();
        return Text.clean(category.name().toLowerCase() + " failure: " + message, 500);
    }
}
