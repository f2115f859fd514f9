package dev.vigil.metrics.model;

import java.util.regex.Pattern;

/**
 * Turns request URLs into routes, so statistics group by route and not by URL: the query
 * string is dropped and numeric, UUID and long hex path segments become {@code {id}}.
 */
public final class Routes {

    public static final String ID = "{id}";

    private static final Pattern NUMERIC = Pattern.compile("\\d+");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    // Long enough that words such as "cafe" or "deadbeef" stay readable.
    private static final Pattern LONG_HEX = Pattern.compile("(?=.*\\d)[0-9a-fA-F]{16,}");

    private Routes() {
    }

    /** The route of an endpoint such as {@code /orders/42?x=1} → {@code /orders/{id}}. */
    public static String normalize(String endpoint) {
        String path = pathOf(endpoint);
        if (path.isEmpty() || "/".equals(path)) {
            return "/";
        }
        String[] segments = path.split("/", -1);
        StringBuilder route = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                route.append('/');
            }
            route.append(isId(segments[i]) ? ID : segments[i]);
        }
        return route.charAt(0) == '/' ? route.toString() : "/" + route;
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

    private static boolean isId(String segment) {
        // Numeric and long hex ids hold a digit and a UUID has 36 characters: most path words
        // are neither, and skip the regular expressions.
        if (segment.length() != 36 && segment.chars().noneMatch(Character::isDigit)) {
            return false;
        }
        return NUMERIC.matcher(segment).matches()
                || UUID.matcher(segment).matches()
                || LONG_HEX.matcher(segment).matches();
    }
}
