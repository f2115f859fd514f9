package dev.vigil.alert.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.vigil.alert.support.AlertEvents;
import dev.vigil.common.event.AlertTriggered;
import dev.vigil.common.topic.Topics;
import dev.vigil.testsupport.KafkaTestClient;
import dev.vigil.testsupport.PostgresProxyResource;
import dev.vigil.testsupport.PostgresProxyResource.InjectPostgresProxy;
import dev.vigil.testsupport.TcpProxy;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Check results that arrive while Postgres is down are applied once it is back, none lost. */
@QuarkusTest
@WithTestResource(value = PostgresProxyResource.class,
        initArgs = @ResourceArg(name = "schema", value = "alerting"))
class DatabaseOutageTests {

    @InjectPostgresProxy
    TcpProxy proxy;

    @AfterEach
    void restoreDatabase() {
        proxy.mode(TcpProxy.Mode.FORWARD);
    }

    @Test
    void shouldApplyResultsReceivedDuringOutageOnceDatabaseReturns() {
        String target = AlertEvents.newTargetId("dbdown");
        String subject = "target:" + target;

        try (KafkaTestClient kafka = KafkaTestClient.connect();
                KafkaTestClient.Reader alerts = kafka.readerAtEnd(Topics.ALERTS)) {
            proxy.mode(TcpProxy.Mode.REFUSE);
            for (int i = 0; i < 3; i++) {
                kafka.send(Topics.HEALTH_CHECKS, target, AlertEvents.check(target, "UNHEALTHY"));
            }
            List<ConsumerRecord<String, byte[]>> duringOutage = alerts.settle(
                    record -> AlertEvents.about(record, AlertEvents.TARGET_DOWN_RULE, subject),
                    Duration.ofSeconds(5));
            proxy.mode(TcpProxy.Mode.FORWARD);
            List<ConsumerRecord<String, byte[]>> after = alerts.await(
                    record -> AlertEvents.about(record, AlertEvents.TARGET_DOWN_RULE, subject),
                    1, Duration.ofSeconds(60));

            assertThat(duringOutage).isEmpty();
            assertThat(after).hasSize(1);
            assertThat(((AlertTriggered) AlertEvents.decode(after.get(0))).observedValue())
                    .isEqualTo(3.0);
        }
    }
}
