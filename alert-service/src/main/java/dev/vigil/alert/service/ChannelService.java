package dev.vigil.alert.service;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.vigil.alert.channel.ChannelType;
import dev.vigil.alert.channel.EmailAddresses;
import dev.vigil.alert.channel.WebhookHeaders;
import dev.vigil.alert.model.Channel;
import dev.vigil.alert.repository.ChannelRepository;
import dev.vigil.alert.repository.RuleRepository;
import dev.vigil.alert.rest.ChannelRequest;
import dev.vigil.kit.problem.ProblemException;

/**
 * Validates and stores channels; a change that omits a secret keeps the stored one. A name
 * taken meanwhile is refused by the table's unique constraint (409), not by a look-up here.
 */
@ApplicationScoped
public class ChannelService {

    private static final Logger LOG = Logger.getLogger(ChannelService.class);
    private static final int MAX_NAME_LENGTH = 200;

    private final ChannelRepository channels;
    private final RuleRepository rules;
    private final Clock clock;

    ChannelService(ChannelRepository channels, RuleRepository rules, Clock clock) {
        this.channels = channels;
        this.rules = rules;
        this.clock = clock;
    }

    public List<Channel> all() {
        return channels.all();
    }

    public Channel find(UUID id) {
        return channels.find(id);
    }

    @Transactional
    public Channel create(ChannelRequest request) {
        ChannelType type = validate(request);
        Instant now = DatabaseTime.now(clock);
        Channel channel = new Channel(UUID.randomUUID(), request.name().trim(), type.wireName(),
                request.url(), request.headers() == null ? Map.of() : request.headers(),
                request.to(), now, now);
        checkComplete(channel);
        channels.insert(channel);
        LOG.infof("Channel created channel=%s name=%s type=%s", channel.id(), channel.name(),
                channel.type());
        return channel;
    }

    /** The changed channel, or null when none has the id. */
    @Transactional
    public Channel replace(UUID id, ChannelRequest request) {
        Channel stored = channels.find(id);
        if (stored == null) {
            return null;
        }
        ChannelType type = validate(request);
        Channel channel = new Channel(id, request.name().trim(), type.wireName(),
                request.url() == null ? stored.url() : request.url(),
                request.headers() == null ? stored.headers() : request.headers(),
                request.to(), stored.createdAt(), DatabaseTime.now(clock));
        checkComplete(channel);
        channels.update(channel);
        LOG.infof("Channel changed channel=%s name=%s", id, channel.name());
        return channel;
    }

    /**
     * Deletes a channel no rule uses. A channel in use is refused: deleting it would leave its
     * rules' alerts with nowhere to go, and every delivery failing.
     */
    @Transactional
    public boolean delete(UUID id) {
        List<String> users = rules.namesUsingChannel(id);
        if (!users.isEmpty()) {
            throw ProblemException.conflict("id", "the channel is used by the rules " + users
                    + "; take it out of them first");
        }
        return channels.delete(id);
    }

    private static ChannelType validate(ChannelRequest request) {
        if (request == null) {
            throw ProblemException.invalidField("body", "a channel is required");
        }
        if (request.name() == null || request.name().isBlank()) {
            throw ProblemException.invalidField("name", "is required");
        }
        if (request.name().trim().length() > MAX_NAME_LENGTH) {
            throw ProblemException.invalidField("name",
                    "must be at most " + MAX_NAME_LENGTH + " characters");
        }
        ChannelType type = ChannelType.of(request.type()).orElseThrow(() ->
                ProblemException.invalidField("type", "must be one of webhook, slack, email"));
        if (request.url() != null && !isHttpUrl(request.url())) {
            throw ProblemException.invalidField("url",
                    "must be an absolute http or https URL with a port from 1 to 65535");
        }
        if (request.headers() != null) {
            WebhookHeaders.check(request.headers());
        }
        if (request.to() != null) {
            EmailAddresses.check("to", request.to());
        }
        return type;
    }

    private static void checkComplete(Channel channel) {
        if (ChannelType.EMAIL.wireName().equals(channel.type())) {
            EmailAddresses.check("to", channel.emailTo());
        } else if (channel.url() == null) {
            throw ProblemException.invalidField("url", "is required for " + channel.type());
        }
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            // -1 is no port given; anything else outside 1 to 65535 the client refuses.
            boolean portUsable = uri.getPort() == -1
                    || uri.getPort() >= 1 && uri.getPort() <= 65_535;
            return uri.getHost() != null && portUsable
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
