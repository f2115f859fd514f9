package dev.vigil.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the endpoint table of a module README: every Markdown table row whose first two cells
 * are a path under {@code /api} and an HTTP method (in either order), as {@code METHOD /path}.
 *
 * <pre>{@code
 * | path | method | roles | ... |
 * | `/api/targets/{id}` | `GET` | viewer, admin | ... |   -> GET /api/targets/{}
 * }</pre>
 */
public final class ReadmeEndpoints {

    private static final Set<String> METHODS =
            Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final Pattern TEMPLATE = Pattern.compile("\\{[^}/]*}");

    private ReadmeEndpoints() {
    }

    /** One documented operation; the path's template variables are all written {@code {}}. */
    public record Endpoint(String method, String path) {

        /** An operation with its method upper-cased and its path normalised. */
        public static Endpoint of(String method, String path) {
            return new Endpoint(method.toUpperCase(Locale.ROOT), normalise(path));
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** The operations the Markdown's tables list, in document order, without duplicates. */
    public static Set<Endpoint> parse(String markdown) {
        Set<Endpoint> endpoints = new LinkedHashSet<>();
        for (String line : markdown.split("\\R")) {
            List<String> cells = cells(line);
            if (cells.size() >= 2) {
                addIfEndpoint(endpoints, cells.get(0), cells.get(1));
                addIfEndpoint(endpoints, cells.get(1), cells.get(0));
            }
        }
        return endpoints;
    }

    /**
     * A path as OpenAPI and the README should both show it: no query string, no trailing
     * slash, and every template variable {@code {}}, because the README may name a variable
     * differently from the resource's {@code @PathParam}.
     */
    public static String normalise(String path) {
        String plain = path.strip();
        int query = plain.indexOf('?');
        if (query >= 0) {
            plain = plain.substring(0, query);
        }
        if (plain.length() > 1 && plain.endsWith("/")) {
            plain = plain.substring(0, plain.length() - 1);
        }
        return TEMPLATE.matcher(plain).replaceAll("{}");
    }

    // A cell may list several methods ("GET, PUT" or "GET / PUT") for one path.
    private static void addIfEndpoint(Set<Endpoint> endpoints, String pathCell, String methodCell) {
        if (!pathCell.startsWith("/api")) {
            return;
        }
        for (String method : methodCell.split("[,/ ]+")) {
            if (METHODS.contains(method.toUpperCase(Locale.ROOT))) {
                endpoints.add(Endpoint.of(method, pathCell));
            }
        }
    }

    private static List<String> cells(String line) {
        String row = line.strip();
        if (!row.startsWith("|")) {
            return List.of();
        }
        List<String> cells = new ArrayList<>();
        // An escaped pipe (\|) belongs to the cell's text, not the table.
        for (String cell : row.substring(1).split("(?<!\\\\)\\|")) {
            cells.add(cell.replace("`", "").replace("**", "").strip());
        }
        return cells;
    }
}
