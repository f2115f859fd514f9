package dev.vigil.metrics.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
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
                Arguments.of(Named.of("empty path with query", "?x=1"), "/"),
                Arguments.of(Named.of("upper-case uuid first", "3F2C9A1E-8B7D-4C6E-9F0A-"
                        + "1B2C3D4E5F60"), "/{id}"),
                Arguments.of(Named.of("uuid of letters only", "/k/abcdefab-abcd-abcd-abcd-"
                        + "abcdefabcdef/"), "/k/{id}/"),
                Arguments.of(Named.of("empty segments kept", "//a//7//"), "//a//{id}//"),
                Arguments.of(Named.of("long hex without a digit kept", "/abcdefabcdefabcdef"),
                        "/abcdefabcdefabcdef"),
                Arguments.of(Named.of("other digits are no id", "/a/\u0663\u0664"),
                        "/a/\u0663\u0664"));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void shouldNormalizeEndpointIntoRoute(String endpoint, String route) {
        assertThat(Routes.normalize(endpoint)).isEqualTo(route);
    }

    @Test
    void shouldNormalizeRandomEndpointsAsTheRegularExpressionsDid() {
        Random random = new Random(3);
        String chars = "/?#:.- aAfFgG0123456789\u0663\n";
        String[] pieces = {"3f2c9a1e-8b7d-4c6e-9f0a-1b2c3d4e5f60", "5d41402abc4b2a76",
            "deadbeefdeadbeef", "http://h", "/42", "//", "?q=1"};

        for (int i = 0; i < 100_000; i++) {
            StringBuilder endpoint = new StringBuilder();
            for (int n = random.nextInt(12); n >= 0; n--) {
                if (random.nextInt(4) == 0) {
                    endpoint.append(pieces[random.nextInt(pieces.length)]);
                } else {
                    endpoint.append(chars.charAt(random.nextInt(chars.length())));
                }
            }

            assertThat(Routes.normalize(endpoint.toString())).as("endpoint %s", endpoint)
                    .isEqualTo(RegexRoutes.normalize(endpoint.toString()));
        }
    }

    /** The implementation before the scan in place, kept as the reference it must match. */
    private static final class RegexRoutes {

        private static final Pattern NUMERIC = Pattern.compile("\\d+");
        private static final Pattern UUID = Pattern.compile(
                "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
        private static final Pattern LONG_HEX = Pattern.compile("(?=.*\\d)[0-9a-fA-F]{16,}");

        static String normalize(String endpoint) {
            String path = endpoint.strip();
            int scheme = path.indexOf("://");
            if (scheme > 0) {
                int slash = path.indexOf('/', scheme + 3);
                path = slash < 0 ? "/" : path.substring(slash);
            }
            int query = path.indexOf('?');
            int fragment = path.indexOf('#');
            int cut = query < 0 ? fragment : fragment < 0 ? query : Math.min(query, fragment);
            path = cut < 0 ? path : path.substring(0, cut);
            if (path.isEmpty() || "/".equals(path)) {
                return "/";
            }
            String[] segments = path.split("/", -1);
            StringBuilder route = new StringBuilder();
            for (int i = 0; i < segments.length; i++) {
                if (i > 0) {
                    route.append('/');
                }
                route.append(isId(segments[i]) ? Routes.ID : segments[i]);
            }
            return route.charAt(0) == '/' ? route.toString() : "/" + route;
        }

        private static boolean isId(String segment) {
            if (segment.length() != 36 && segment.chars().noneMatch(Character::isDigit)) {
                return false;
            }
            return NUMERIC.matcher(segment).matches()
                    || UUID.matcher(segment).matches()
                    || LONG_HEX.matcher(segment).matches();
        }
    }
}
