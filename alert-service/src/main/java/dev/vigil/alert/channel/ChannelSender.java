package dev.vigil.alert.channel;

import dev.vigil.alert.model.Channel;
import dev.vigil.alert.model.Notification;
import dev.vigil.alert.model.NotificationBody;

/**
 * Delivers one notification over one kind of channel. Every implementation is listed in
 * {@link ChannelType}; a delivery that fails throws {@link DeliveryException} with a message
 * that never contains the channel's secrets.
 */
public interface ChannelSender {

    /** The channel type this sender serves. */
    ChannelType type();

    /** Sends and returns the remote status code, when there is one. */
    Integer send(Channel channel, Notification notification, NotificationBody body);
}
