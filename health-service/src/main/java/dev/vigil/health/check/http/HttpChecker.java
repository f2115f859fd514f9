package dev.vigil.health.check.http;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.vigil.health.check.Checker;
import dev.vigil.health.config.HealthConfig;
import dev.vigil.health.model.CheckOutcome;
import dev.vigil.health.model.TargetKind;
import dev.vigil.health.safety.AddressResolver;
import dev.vigil.health.safety.OutboundPolicy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.PemTrustOptions;

/**
 * Checks HTTP targets with Vert.x's HTTP client: one {@link HttpProbe} per check follows
 * redirects itself so every hop passes the outbound policy after name resolution.
 */
@ApplicationScoped
public class HttpChecker implements Checker<HttpSettings> {

    private final Vertx vertx;
    private final AddressResolver resolver;
    private final OutboundPolicy policy;
    private final HealthConfig.Http config;
    private final HttpClient verifying;
    private final HttpClient trusting;

    HttpChecker(
            Vertx vertx,
            AddressResolver resolver,
            OutboundPolicy policy,
            HealthConfig config) {
        this.vertx = vertx;
        this.resolver = resolver;
        this.policy = policy;
        this.config = config.http();
        this.verifying = vertx.createHttpClient(verifyingOptions(config.http()));
        this.trusting = vertx.createHttpClient(baseOptions().setTrustAll(true)
                .setVerifyHost(false));
    }

    @Override
    public TargetKind kind() {
        return TargetKind.HTTP;
    }

    @Override
    public Class<HttpSettings> settingsType() {
        return HttpSettings.class;
    }

    @Override
    public Future<CheckOutcome> check(HttpSettings settings, int timeoutMs) {
        HttpClient client = settings.tlsVerify() ? verifying : trusting;
        return new HttpProbe(vertx, client, resolver, policy, config, settings, timeoutMs).run();
    }

    @PreDestroy
    void close() {
        verifying.close();
        trusting.close();
    }

    private static HttpClientOptions verifyingOptions(HealthConfig.Http config) {
        HttpClientOptions options = baseOptions();
        config.trustCertificates().ifPresent(files -> {
            PemTrustOptions trust = new PemTrustOptions();
            files.forEach(trust::addCertPath);
            options.setTrustOptions(trust);
        });
        return options;
    }

    private static HttpClientOptions baseOptions() {
        // Checks are short; a generous pool lets many targets on one host run side by side.
        return new HttpClientOptions()
                .setKeepAlive(true)
                .setMaxPoolSize(256)
                .setForceSni(true)
                .setMaxRedirects(0)
                .setTryUseCompression(false);
    }
}
