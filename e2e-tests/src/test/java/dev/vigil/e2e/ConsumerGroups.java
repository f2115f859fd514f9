package dev.vigil.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;

import dev.vigil.testsupport.KafkaTestClient;

/** Waits for a service's consumer group to own its partitions before the test acts. */
final class ConsumerGroups {

    private ConsumerGroups() {
    }

    /** Blocks until the group is stable with at least one partition assigned. */
    static void awaitAssigned(String groupId, Duration timeout) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestClient.BOOTSTRAP))) {
            await().atMost(timeout).pollInterval(Duration.ofMillis(500))
                    .until(() -> isAssigned(admin, groupId));
        }
    }

    private static boolean isAssigned(Admin admin, String groupId) throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId))
                .describedGroups().get(groupId).get();
        return group.groupState() == GroupState.STABLE && group.members().stream()
                .anyMatch(member -> !member.assignment().topicPartitions().isEmpty());
    }
}
