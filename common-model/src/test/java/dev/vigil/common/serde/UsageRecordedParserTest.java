package dev.vigil.common.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.vigil.common.event.UsageRecorded;

/**
 * The token parser must answer exactly what the event mapper answers, or leave the bytes to it:
 * checked on random events as producers write them and on hand-written JSON at the edges.
 */
class UsageRecordedParserTest {

    private static final String ID = "3f2c9a1e-8b7d-4c6e-9f0a-1b2c3d4e5f60";
    private static final String TEXT_CHARS = "aZ09/?#-_. \t\n\r\\\"'{}[]:,é€\u2028😀";

    @Test
    void shouldReadRandomEventsExactlyAsTheGeneralPathDoes() {
        Random random = new Random(7);

        for (int i = 0; i < 20_000; i++) {
            UsageRecorded event = randomEvent(random);
            byte[] bytes = EventCodec.encode(event);

            UsageRecorded parsed = UsageRecordedParser.parseOrNull(bytes);

            assertThat(parsed).as("event %d: %s", i, event).isNotNull()
                    .isEqualTo(EventCodec.decodeTree(bytes, UsageRecorded.class))
                    .isEqualTo(event);
        }
    }

    static Stream<Arguments> readByTheParser() {
        return Stream.of(
                Arguments.of("fields in another order, spaces and unknown fields",
                        " { \"status\" : 200, \"extra\": {\"a\": [1, {\"b\": null}]}, "
                                + required("\"status\"") + "}"),
                Arguments.of("optional fields null", "{" + required(null)
                        + ", \"responseTimeMs\": null, \"errorType\": null, "
                        + "\"errorMessage\": null, \"userId\": null}"),
                Arguments.of("escapes in text", "{" + required(null)
                        + ", \"errorMessage\": \"a\\tb\\n\\\"c\\\\ \\u00e9 \\ud83d\\ude00\"}"),
                Arguments.of("upper-case UUID", "{" + required("\"eventId\"")
                        + ", \"eventId\": \"" + ID.toUpperCase() + "\"}"),
                Arguments.of("29 February of a leap year", "{" + required("\"occurredAt\"")
                        + ", \"occurredAt\": \"2024-02-29T23:59:59.999Z\"}"),
                Arguments.of("year 1", "{" + required("\"occurredAt\"")
                        + ", \"occurredAt\": \"0001-01-01T00:00:00.000Z\"}"),
                Arguments.of("long response time", "{" + required(null)
                        + ", \"responseTimeMs\": 9223372036854775807}"),
                Arguments.of("trailing content after the object", "{" + required(null)
                        + "} {"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readByTheParser")
    void shouldReadPlainShapesAsTheGeneralPathDoes(String name, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        UsageRecorded parsed = UsageRecordedParser.parseOrNull(bytes);

        assertThat(parsed).isNotNull()
                .isEqualTo(EventCodec.decodeTree(bytes, UsageRecorded.class));
    }

    static Stream<Arguments> leftToTheMapper() {
        return Stream.of(
                Arguments.of("instant with an offset", "{" + required("\"occurredAt\"")
                        + ", \"occurredAt\": \"2024-05-01T12:15:00.000+02:00\"}", true),
                Arguments.of("instant without fraction", "{" + required("\"occurredAt\"")
                        + ", \"occurredAt\": \"2024-05-01T10:15:00Z\"}", true),
                Arguments.of("instant in micros", "{" + required("\"occurredAt\"")
                        + ", \"occurredAt\": \"2024-05-01T10:15:00.000001Z\"}", true),
                Arguments.of("31 April", "{" + required("\"occurredAt\"")
                        + ", \"occurredAt\": \"2024-04-31T10:15:00.000Z\"}", false),
                Arguments.of("29 February of a common year", "{" + required("\"occurredAt\"")
                        + ", \"occurredAt\": \"2023-02-29T10:15:00.000Z\"}", false),
                Arguments.of("hour 25", "{" + required("\"occurredAt\"")
                        + ", \"occurredAt\": \"2024-05-01T25:15:00.000Z\"}", false),
                Arguments.of("year 0", "{" + required("\"occurredAt\"")
                        + ", \"occurredAt\": \"0000-05-01T10:15:00.000Z\"}", false),
                Arguments.of("status as text", "{" + required("\"status\"")
                        + ", \"status\": \"200\"}", true),
                Arguments.of("status as fraction", "{" + required("\"status\"")
                        + ", \"status\": 200.0}", true),
                Arguments.of("status beyond int", "{" + required("\"status\"")
                        + ", \"status\": 2147483648}", false),
                Arguments.of("response time beyond long", "{" + required(null)
                        + ", \"responseTimeMs\": 9223372036854775808}", false),
                Arguments.of("success as text", "{" + required("\"success\"")
                        + ", \"success\": \"true\"}", true),
                Arguments.of("user id as number", "{" + required(null)
                        + ", \"userId\": 42}", true),
                Arguments.of("UUID without dashes", "{" + required("\"eventId\"")
                        + ", \"eventId\": \"" + ID.replace("-", "") + "\"}", false),
                Arguments.of("field twice", "{" + required(null)
                        + ", \"service\": \"other\"}", true),
                Arguments.of("NUL in text", "{" + required(null)
                        + ", \"userId\": \"a\\u0000b\"}", false),
                Arguments.of("lone surrogate", "{" + required(null)
                        + ", \"userId\": \"a\\ud800b\"}", false),
                Arguments.of("required field missing", "{" + required("\"requestId\"") + "}",
                        false),
                Arguments.of("required field null", "{" + required("\"requestId\"")
                        + ", \"requestId\": null}", false),
                Arguments.of("another event type", "{" + required("\"type\"")
                        + ", \"type\": \"AlertTriggered\"}", false),
                Arguments.of("not an object", "[1, 2]", false),
                Arguments.of("broken JSON", "{\"type\": \"UsageRecorded\",", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leftToTheMapper")
    void shouldLeaveOtherShapesToTheMapper(String name, String json, boolean codecTakesIt) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        UsageRecorded parsed = UsageRecordedParser.parseOrNull(bytes);

        assertThat(parsed).isNull();
        if (codecTakesIt) {
            assertThat(EventCodec.decode(bytes, UsageRecorded.class))
                    .isEqualTo(EventCodec.decodeTree(bytes, UsageRecorded.class));
        } else {
            assertThatThrownBy(() -> EventCodec.decode(bytes, UsageRecorded.class))
                    .isInstanceOf(InvalidEventException.class);
        }
    }

    /** Every required field with a plain value, leaving out the named one (JSON-quoted). */
    private static String required(String without) {
        String[] fields = {"\"eventId\": \"" + ID + "\"", "\"type\": \"UsageRecorded\"",
            "\"schemaVersion\": 1", "\"occurredAt\": \"2024-05-01T10:15:00.000Z\"",
            "\"source\": \"test\"", "\"requestId\": \"r-1\"", "\"service\": \"shop\"",
            "\"endpoint\": \"/orders/7?x=1\"", "\"method\": \"GET\"", "\"status\": 200",
            "\"success\": true"};
        StringBuilder json = new StringBuilder();
        for (String field : fields) {
            if (without != null && field.startsWith(without)) {
                continue;
            }
            json.append(json.length() == 0 ? "" : ", ").append(field);
        }
        return json.toString();
    }

    private static UsageRecorded randomEvent(Random random) {
        long millis = Instant.parse("0001-01-01T00:00:00Z").toEpochMilli() + (long) (random
                .nextDouble() * (Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli()
                - Instant.parse("0001-01-01T00:00:00Z").toEpochMilli()));
        Long responseTime = random.nextInt(5) == 0 ? null : random.nextInt(3) == 0
                ? random.nextLong() : (long) random.nextInt(100_000);
        return new UsageRecorded(new UUID(random.nextLong(), random.nextLong()),
                UsageRecorded.TYPE, random.nextInt(3) + 1, Instant.ofEpochMilli(millis),
                text(random, false), text(random, false), text(random, false),
                text(random, false), text(random, false), random.nextInt(1_000) - 200,
                responseTime, random.nextBoolean(), text(random, true), text(random, true),
                text(random, true));
    }

    private static String text(Random random, boolean optional) {
        if (optional && random.nextInt(3) == 0) {
            return null;
        }
        int[] codePoints = TEXT_CHARS.codePoints().toArray();
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(20); i >= 0; i--) {
            text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
        }
        return text.toString();
    }
}
