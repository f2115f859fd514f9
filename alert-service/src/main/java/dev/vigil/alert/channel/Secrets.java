package dev.vigil.alert.channel;

import java.util.ArrayList;
import java.util.List;

import dev.vigil.alert.model.Channel;

/** Keeps channel secrets out of API answers, logs and stored errors (BR-19). */
public final class Secrets {

    public static final String MASK = "****";

    private Secrets() {
    }

    /** A URL reduced to scheme and host, for example {@code https://hooks.slack.com/****}. */
    public static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            return MASK;
        }
        int hostEnd = url.indexOf('/', schemeEnd + 3);
        String origin = hostEnd < 0 ? url : url.substring(0, hostEnd);
        int userInfo = origin.indexOf('@');
        if (userInfo >= 0) {
            origin = origin.substring(0, schemeEnd + 3) + origin.substring(userInfo + 1);
        }
        return origin + "/" + MASK;
    }

    /** The text with every secret of the channel replaced by the mask. */
    public static String redact(String text, Channel channel) {
        if (text == null) {
            return null;
        }
        String clean = text;
        for (String secret : secretsOf(channel)) {
            clean = clean.replace(secret, MASK);
        }
        return clean;
    }

    private static List<String> secretsOf(Channel channel) {
        List<String> secrets = new ArrayList<>();
        if (channel.url() != null && !channel.url().isEmpty()) {
            secrets.add(channel.url());
            int schemeEnd = channel.url().indexOf("://");
            int pathStart = schemeEnd < 0 ? -1 : channel.url().indexOf('/', schemeEnd + 3);
            if (pathStart > 0 && pathStart < channel.url().length() - 1) {
                secrets.add(channel.url().substring(pathStart + 1));
            }
        }
        if (channel.headers() != null) {
            channel.headers().values().stream().filter(v -> v != null && !v.isEmpty())
                    .forEach(secrets::add);
        }
        return secrets;
    }
}
