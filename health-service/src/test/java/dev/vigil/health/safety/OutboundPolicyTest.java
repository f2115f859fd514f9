package dev.vigil.health.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses a check may reach (BR-06). */
class OutboundPolicyTest {

    private final OutboundPolicy denyAll = new OutboundPolicy(List.of());

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "127.0.0.1", "127.0.0.2", "::1", "10.0.0.5",
        "172.16.3.4", "192.168.1.1", "0.0.0.0", "fd00::1", "fe80::1", "100.64.0.1",
        "::ffff:127.0.0.1", "::ffff:169.254.169.254", "224.0.0.1"})
    void shouldBlockSpecialAddressesByDefault(String address) throws Exception {
        assertThat(denyAll.blockedReason(InetAddress.getByName(address))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "2606:4700::1111"})
    void shouldAllowPublicAddresses(String address) throws Exception {
        assertThat(denyAll.blockedReason(InetAddress.getByName(address))).isEmpty();
    }

    @Test
    void shouldAllowPrivateAddressWhenItsRangeIsAllowListed() throws Exception {
        OutboundPolicy policy = new OutboundPolicy(List.of("10.0.0.0/8"));

        assertThat(policy.blockedReason(InetAddress.getByName("10.0.0.5"))).isEmpty();
        assertThat(policy.blockedReason(InetAddress.getByName("169.254.169.254"))).isPresent();
    }

    @Test
    void shouldNameTheKeyWhenAllowListEntryIsNotCidr() {
        assertThatThrownBy(() -> new OutboundPolicy(List.of("example.com")))
                .hasMessageContaining("vigil.health.allow-list");
    }
}
