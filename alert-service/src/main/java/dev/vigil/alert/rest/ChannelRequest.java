package dev.vigil.alert.rest;

import java.util.Map;

/**
 * A channel as an admin writes it. On PUT, an absent {@code url} or {@code headers} keeps the
 * stored secret.
 *
 * @param type webhook, slack or email
 * @param url webhook or Slack incoming-webhook URL (secret)
 * @param headers extra headers of a generic webhook, such as Authorization (values secret)
 * @param to recipient of an email channel
 */
public record ChannelRequest(String name, String type, String url, Map<String, String> headers,
        String to) {
}
