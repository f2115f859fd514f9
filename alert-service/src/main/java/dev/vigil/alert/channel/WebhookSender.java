package dev.vigil.alert.channel;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.alert.model.Channel;
import dev.vigil.alert.model.Notification;
import dev.vigil.alert.model.NotificationBody;

/** Posts the documented notification JSON to a generic webhook, with its extra headers. */
@ApplicationScoped
public class WebhookSender implements ChannelSender {

    private final HttpPoster poster;
    private final ObjectMapper json;

    WebhookSender(HttpPoster poster, ObjectMapper json) {
        this.poster = poster;
        this.json = json;
    }

    @Override
    public ChannelType type() {
        return ChannelType.WEBHOOK;
    }

    @Override
    public Integer send(Channel channel, Notification notification, NotificationBody body) {
        var headers = channel.headers() == null ? java.util.Map.<String, String>of()
                : channel.headers();
        return poster.post(channel, notification, write(body), headers);
    }

    /** Written again rather than sent as stored: jsonb reorders keys and adds spaces. */
    private String write(NotificationBody body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notification cannot be written", e);
        }
    }
}
