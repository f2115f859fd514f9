package dev.vigil.metrics.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.vigil.metrics.service.AccessLogParser.LogLine;

class AccessLogParserTest {

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
    void shouldRejectLineWithGarbageRequest() {
        assertThatThrownBy(() -> AccessLogParser.parse(
                "1.2.3.4 - - [01/May/2024:10:00:00 +0000] \"\\x16\\x03\" 400 0 \"-\" \"-\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("request line");
    }

    @Test
    void shouldRejectLineWithBadTime() {
        assertThatThrownBy(() -> AccessLogParser.parse(
                "1.2.3.4 - - [31/Foo/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("time");
    }
}
