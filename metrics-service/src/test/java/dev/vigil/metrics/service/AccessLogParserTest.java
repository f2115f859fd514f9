package dev.vigil.metrics.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.vigil.metrics.service.AccessLogParser.LogLine;

class AccessLogParserTest {

    private static final String PREFIX = "1.2.3.4 - - [01/May/2024:10:00:00 +0000] ";
    private static final String COMBINED = "10.0.0.1 - alice [17/May/2015:10:05:03 +0200] "
            + "\"GET /orders/42?x=1 HTTP/1.1\" 503 203 \"http://ref/\" \"Mozilla \\\"x\\\"\"";

    @Test
    void shouldReadCombinedLineWithoutRequestTime() {
        LogLine line = AccessLogParser.parse(COMBINED);

        assertThat(line.occurredAt()).isEqualTo(Instant.parse("2015-05-17T08:05:03Z"));
        assertThat(line.method()).isEqualTo("GET");
        assertThat(line.target()).isEqualTo("/orders/42?x=1");
        assertThat(line.status()).isEqualTo(503);
        assertThat(line.responseTimeMs()).isNull();
        assertThat(line.user()).isEqualTo("alice");
    }

    @Test
    void shouldReadNginxRequestTimeInSeconds() {
        assertThat(AccessLogParser.parse(COMBINED + " 0.125").responseTimeMs()).isEqualTo(125);
    }

    @Test
    void shouldReadApacheRequestTimeInMicroseconds() {
        assertThat(AccessLogParser.parse(COMBINED + " 250400").responseTimeMs()).isEqualTo(250);
    }

    @Test
    void shouldReadCommonFormatWithoutReferrerAndAgent() {
        LogLine line = AccessLogParser.parse(
                "::1 - - [01/May/2024:10:00:00 +0000] \"POST /a HTTP/1.0\" 201 -");

        assertThat(line.status()).isEqualTo(201);
        assertThat(line.user()).isNull();
    }

    @Test
    void shouldReadQuotedFieldsWithEscapedQuotesAndBackslashes() {
        LogLine line = AccessLogParser.parse(PREFIX
                + "\"GET /a\\\"b HTTP/1.1\" 200 5 \"-\" \"agent \\\\ \\\"q\\\"\" 0.002");

        assertThat(line.target()).isEqualTo("/a\\\"b");
        assertThat(line.responseTimeMs()).isEqualTo(2);
    }

    @Test
    void shouldReadPathOf100000CharactersWithoutOverflowingTheStack() {
        // A regular expression with a repeated alternation overflowed the stack at ~4,000.
        String path = "/" + "a\\\"".repeat(25_000);

        LogLine line = AccessLogParser.parse(PREFIX + "\"GET " + path + " HTTP/1.1\" 200 1 "
                + "\"" + "r".repeat(100_000) + "\" \"-\"");

        assertThat(line.target()).isEqualTo(path);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badLines")
    void shouldNameTheFieldInPlainWordsWhenALineIsWrong(String rest, String reason) {
        assertThatThrownBy(() -> AccessLogParser.parse(PREFIX + rest))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage(reason);
    }

    static Stream<Arguments> badLines() {
        String get = "\"GET / HTTP/1.1\" ";
        return Stream.of(
                Arguments.of("\"\\x16\\x03\" 400 0 \"-\" \"-\"",
                        "request: not like GET /path HTTP/1.1"),
                Arguments.of("\"GET / HTTP/1.1 200 1", "request: no closing quote"),
                Arguments.of(get + "2OO 1", "status: not a number"),
                Arguments.of(get + "99999999999999999999 1",
                        "status: not an HTTP status (100 to 599)"),
                Arguments.of(get + "200 x", "bytes: not a number"),
                Arguments.of(get + "200 99999999999999999999", "bytes: out of range"),
                Arguments.of(get + "200", "bytes: missing"),
                Arguments.of(get + "200 1 \"-\"", "userAgent: missing"),
                Arguments.of(get + "200 1 \"-\" \"-\" 1e3", "requestTime: not a number"),
                Arguments.of(get + "200 1 \"-\" \"-\" 99999999999999999999999",
                        "requestTime: out of range (0 to 86400 seconds)"),
                Arguments.of(get + "200 1 \"-\" \"-\" 86400.001",
                        "requestTime: out of range (0 to 86400 seconds)"),
                Arguments.of(get + "200 1 \"-\" \"-\" 0.1 extra",
                        "line: unexpected text after the request time"));
    }

    @Test
    void shouldRejectLineWithBadTime() {
        assertThatThrownBy(() -> AccessLogParser.parse(
                "1.2.3.4 - - [31/Foo/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1"))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("time: not like 10/Oct/2000:13:55:36 -0700");
    }

    @Test
    void shouldRejectLineWithImpossibleDateInsteadOfMovingIt() {
        assertThatThrownBy(() -> AccessLogParser.parse(
                "1.2.3.4 - - [31/Feb/2026:17:00:00 +0000] \"GET / HTTP/1.1\" 200 1"))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("time: not like 10/Oct/2000:13:55:36 -0700");
    }

    @Test
    void shouldRejectLineWithoutClosingBracketNamingTheTime() {
        assertThatThrownBy(() -> AccessLogParser.parse("1.2.3.4 - - [01/May/2024:10:00:00"))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("time: no closing ]");
    }
}
