package dev.vigil.metrics.health;

import java.util.Map;

import dev.vigil.testsupport.PostgresProxyResource;
import dev.vigil.testsupport.PostgresProxyResource.InjectPostgresProxy;
import dev.vigil.testsupport.ReadinessContract;
import dev.vigil.testsupport.TcpProxy;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Probes of metrics-service while its Postgres refuses, hangs and returns (BR-04). */
@QuarkusTest
@TestProfile(ReadinessTests.QuietConsumer.class)
@WithTestResource(value = PostgresProxyResource.class,
        initArgs = @ResourceArg(name = "schema", value = "metrics"))
class ReadinessTests extends ReadinessContract {

    /**
     * The shared vigil.usage topic may carry other services' bulk traffic; consuming it here
     * would compete for the CPU the probe timings measure, so this app listens to an idle topic.
     */
    public static final class QuietConsumer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mp.messaging.incoming.usage.topic", "metrics-readiness-idle",
                    "mp.messaging.incoming.usage.group.id", "metrics-service-readiness");
        }
    }

    @InjectPostgresProxy
    TcpProxy proxy;

    @Override
    protected TcpProxy postgresProxy() {
        return proxy;
    }
}
