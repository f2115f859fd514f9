package dev.vigil.alert.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import dev.vigil.testsupport.HttpReceiver;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the real servers alert-service talks to in tests: a loopback webhook receiver that
 * is the default webhook, a second receiver posing as metrics-service, and a GreenMail SMTP
 * server; injects them into fields marked with the annotations below.
 */
public class AlertTestResource implements QuarkusTestResourceLifecycleManager {

    /** The default webhook receiver. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface DefaultWebhook {
    }

    /** The receiver that answers as metrics-service. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface MetricsService {
    }

    /** The SMTP server. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Smtp {
    }

    private HttpReceiver webhook;
    private HttpReceiver metrics;
    private GreenMail smtp;

    @Override
    public Map<String, String> start() {
        webhook = HttpReceiver.start();
        metrics = HttpReceiver.start();
        metrics.respondWith(request -> new HttpReceiver.Reply(503, "not scripted"));
        smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return Map.of(
                "vigil.alert.default-webhook-url", webhook.url("/hooks/default"),
                "quarkus.rest-client.metrics-service.url", metrics.url(""),
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(smtp.getSmtp().getPort()));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(webhook, new TestInjector.AnnotatedAndMatchesType(
                DefaultWebhook.class, HttpReceiver.class));
        injector.injectIntoFields(metrics, new TestInjector.AnnotatedAndMatchesType(
                MetricsService.class, HttpReceiver.class));
        injector.injectIntoFields(smtp, new TestInjector.AnnotatedAndMatchesType(
                Smtp.class, GreenMail.class));
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no free port for SMTP", e);
        }
    }

    @Override
    public void stop() {
        if (webhook != null) {
            webhook.close();
        }
        if (metrics != null) {
            metrics.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }
}
