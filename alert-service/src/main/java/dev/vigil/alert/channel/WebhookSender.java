package dev.vigil.alert.channel;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.vigil.alert.model.Channel;
import dev.vigil.alert.model.Notification;
import dev.vigil.alert.model.NotificationBody;

/** Posts the documented notification JSON to a generic webhook, with its extra headers. */
@ApplicationScoped
public class WebhookSender implements ChannelSender {

    private final HttpPoster poster;

    WebhookSender(HttpPoster poster) {
        this.poster = poster;
    }

    @Override
    public ChannelType type() {
        return ChannelType.WEBHOOK;
    }

    @Override
    public Integer send(Channel channel, Notification notification, NotificationBody body) {
        Map<String, String> headers = channel.headers() == null ? Map.of() : channel.headers();
        return poster.post(channel, notification, body, headers);
    }
}
