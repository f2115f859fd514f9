package dev.vigil.metrics.model;

import dev.vigil.common.serde.UuidText;

/**
 * Turns request URLs into routes, so statistics group by route and not by URL: the query
 * string is dropped and numeric, UUID and long hex path segments become {@code {id}}.
 */
public final class Routes {

    public static final String ID = "{id}";

    // Long enough that words such as "cafe" or "deadbeef" stay readable.
    private static final int LONG_HEX_MIN = 16;

    private Routes() {
    }

    /** The route of an endpoint such as {@code /orders/42?x=1} → {@code /orders/{id}}. */
    public static String normalize(String endpoint) {
        String path = pathOf(endpoint);
        if (path.isEmpty() || "/".equals(path)) {
            return "/";
        }
        String route = replaceIds(path);
        return route.charAt(0) == '/' ? route : "/" + route;
    }

    private static String pathOf(String endpoint) {
        String path = endpoint.strip();
        int scheme = path.indexOf("://");
        if (scheme > 0) {
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        int cut = indexOfAny(path, '?', '#');
        return cut < 0 ? path : path.substring(0, cut);
    }

    private static int indexOfAny(String text, char a, char b) {
        int first = text.indexOf(a);
        int second = text.indexOf(b);
        if (first < 0) {
            return second;
        }
        return second < 0 ? first : Math.min(first, second);
    }

    /**
     * The path with each id segment replaced. Scanned in place, without splitting or regular
     * expressions, because every stored record passes here; a path without ids (most of them)
     * comes back as the same string.
     */
    private static String replaceIds(String path) {
        StringBuilder route = null;
        int start = 0;
        while (start <= path.length()) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            boolean id = isId(path, start, end);
            if (id && route == null) {
                route = new StringBuilder(path.length()).append(path, 0, start);
            }
            if (route != null && id) {
                route.append(ID);
            } else if (route != null) {
                route.append(path, start, end);
            }
            if (route != null && slash >= 0) {
                route.append('/');
            }
            start = end + 1;
        }
        return route == null ? path : route.toString();
    }

    /** Whether text[from, to) is a numeric id, a UUID, or 16+ hex characters with a digit. */
    private static boolean isId(String text, int from, int to) {
        int length = to - from;
        boolean allDigits = length > 0;
        boolean anyDigit = false;
        boolean allHex = true;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            allDigits &= digit;
            anyDigit |= digit;
            allHex &= UuidText.isHex(c);
        }
        return allDigits
                || allHex && anyDigit && length >= LONG_HEX_MIN
                || length == UuidText.LENGTH && UuidText.isAt(text, from);
    }
}
