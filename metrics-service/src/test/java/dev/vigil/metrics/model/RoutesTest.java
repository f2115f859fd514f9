package dev.vigil.metrics.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoutesTest {

    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of(Named.of("query string dropped", "/search?q=\"x\""), "/search"),
                Arguments.of(Named.of("numeric id", "/orders/42"), "/orders/{id}"),
                Arguments.of(Named.of("uuid", "/users/3f2c9a1e-8b7d-4c6e-9f0a-1b2c3d4e5f60/cart"),
                        "/users/{id}/cart"),
                Arguments.of(Named.of("long hex", "/blobs/5d41402abc4b2a76b9719d911017c592"),
                        "/blobs/{id}"),
                Arguments.of(Named.of("short word kept", "/cafe/deadbeef"), "/cafe/deadbeef"),
                Arguments.of(Named.of("mixed segment kept", "/presentations/logstash-2013/a.png"),
                        "/presentations/logstash-2013/a.png"),
                Arguments.of(Named.of("fragment dropped", "/docs#top"), "/docs"),
                Arguments.of(Named.of("absolute URL", "http://example.com/a/7?x=1"), "/a/{id}"),
                Arguments.of(Named.of("root", "/"), "/"),
                Arguments.of(Named.of("empty path with query", "?x=1"), "/"));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void shouldNormalizeEndpointIntoRoute(String endpoint, String route) {
        assertThat(Routes.normalize(endpoint)).isEqualTo(route);
    }
}
