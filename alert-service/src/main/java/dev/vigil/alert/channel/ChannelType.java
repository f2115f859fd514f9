package dev.vigil.alert.channel;

import java.util.Arrays;
import java.util.Optional;

/** Every kind of notification channel; a sender bean must exist for each (checked at start). */
public enum ChannelType {

    WEBHOOK("webhook"),
    SLACK("slack"),
    EMAIL("email");

    private final String wireName;

    ChannelType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ChannelType> of(String wireName) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(wireName)).findFirst();
    }
}
