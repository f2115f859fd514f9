package dev.vigil.alert.channel;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.vigil.alert.model.Channel;
import dev.vigil.alert.model.Notification;
import dev.vigil.alert.model.NotificationBody;

/** Posts to a Slack incoming webhook in Slack's Block Kit layout, with a plain-text fallback. */
@ApplicationScoped
public class SlackSender implements ChannelSender {

    private final HttpPoster poster;

    SlackSender(HttpPoster poster) {
        this.poster = poster;
    }

    @Override
    public ChannelType type() {
        return ChannelType.SLACK;
    }

    @Override
    public Integer send(Channel channel, Notification notification, NotificationBody body) {
        return poster.post(channel, notification, message(body), Map.of());
    }

    /** The Slack message: a header, the facts as fields, and the alert id as context. */
    static Map<String, Object> message(NotificationBody body) {
        String title = headline(body);
        List<Map<String, Object>> fields = List.of(
                field("Severity", body.severity()),
                field("Subject", body.subject()),
                field("Condition", body.conditionType()),
                field("Observed", format(body.observedValue()) + " (threshold "
                        + format(body.threshold()) + ")"));
        return Map.of(
                "text", title,
                "blocks", List.of(
                        Map.of("type", "header", "text",
                                Map.of("type", "plain_text", "text", title)),
                        Map.of("type", "section", "text",
                                Map.of("type", "mrkdwn", "text", body.message())),
                        Map.of("type", "section", "fields", fields),
                        Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn",
                                "text", "alert " + body.alertId() + " · " + body.at())))));
    }

    static String headline(NotificationBody body) {
        return body.event().toUpperCase(java.util.Locale.ROOT) + ": " + body.ruleName() + " on "
                + body.subject();
    }

    private static Map<String, Object> field(String name, String value) {
        return Map.of("type", "mrkdwn", "text", "*" + name + "*\n" + value);
    }

    private static String format(Double value) {
        return value == null ? "n/a" : String.valueOf(value);
    }
}
