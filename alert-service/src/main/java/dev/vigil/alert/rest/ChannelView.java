package dev.vigil.alert.rest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.vigil.alert.channel.Secrets;
import dev.vigil.alert.model.Channel;

/**
 * A channel as the API returns it: secrets masked (BR-19).
 *
 * @param url scheme and host only, the rest masked
 * @param secretSet whether a URL is stored
 * @param headers header names with masked values
 */
public record ChannelView(
        UUID id,
        String name,
        String type,
        String url,
        boolean secretSet,
        Map<String, String> headers,
        String to,
        Instant createdAt,
        Instant updatedAt) {

    static ChannelView of(Channel channel) {
        Map<String, String> masked = new LinkedHashMap<>();
        if (channel.headers() != null) {
            channel.headers().keySet().forEach(name -> masked.put(name, Secrets.MASK));
        }
        return new ChannelView(channel.id(), channel.name(), channel.type(),
                Secrets.maskUrl(channel.url()), channel.url() != null, masked,
                channel.emailTo(), channel.createdAt(), channel.updatedAt());
    }
}
