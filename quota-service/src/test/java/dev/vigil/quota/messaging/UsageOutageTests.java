package dev.vigil.quota.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.vigil.common.topic.Topics;
import dev.vigil.quota.support.QuotaApi;
import dev.vigil.quota.support.UsageEvents;
import dev.vigil.testsupport.KafkaTestClient;
import dev.vigil.testsupport.PostgresProxyResource;
import dev.vigil.testsupport.PostgresProxyResource.InjectPostgresProxy;
import dev.vigil.testsupport.TcpProxy;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A usage batch that fails while Postgres is away is retried, not skipped. */
@QuarkusTest
@WithTestResource(value = PostgresProxyResource.class,
        initArgs = @ResourceArg(name = "schema", value = "quota"))
class UsageOutageTests {

    @InjectPostgresProxy
    TcpProxy proxy;

    @Inject
    MeterRegistry registry;

    @AfterEach
    void restorePostgres() {
        proxy.mode(TcpProxy.Mode.FORWARD);
    }

    @Test
    void shouldCountBatchOnceDatabaseIsBackWhenItFailedDuringOutage() {
        String user = QuotaApi.unique("outage");
        double retriesBefore = usageRetries();

        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            proxy.mode(TcpProxy.Mode.REFUSE);
            kafka.send(Topics.USAGE, user, UsageEvents.served(user, "r1", Instant.now()));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(usageRetries()).as("failed attempts retried")
                            .isGreaterThan(retriesBefore));

            proxy.mode(TcpProxy.Mode.FORWARD);

            // Other modules' events may be queued ahead of ours on the shared topic.
            await().atMost(Duration.ofSeconds(240)).untilAsserted(() ->
                    assertThat(QuotaApi.used(user, "DAY")).isEqualTo(1));
        }
    }

    private double usageRetries() {
        return registry.counter("quota.usage.batch.failures").count();
    }
}
