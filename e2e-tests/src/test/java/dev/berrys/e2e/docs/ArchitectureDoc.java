package dev.berrys.e2e.docs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generated sections of {@code docs/architecture.md}: the public API table and the event catalogue.
 * Each lies between {@code <!-- BEGIN GENERATED: name -->} and {@code <!-- END GENERATED: name -->}; the
 * rest of the page is written by hand. The API table's last column (what a path is for) is prose: it is
 * kept from the page as it stands, by method and path.
 */
final class ArchitectureDoc {
    static final String API = "api";
    static final String NOT_ROUTED = "not-routed";
    static final String EVENTS = "events";
    private static final Pattern ROW = Pattern.compile("(?m)^\\| (\\S+) \\| `([^`]+)` \\|.*\\| ([^|]*) \\|$");

    private ArchitectureDoc() {}

    static Pattern section(String name) {
        return Pattern.compile(
                "(<!-- BEGIN GENERATED: " + Pattern.quote(name) + " [^\\n]*-->\\n)(.*?)(<!-- END GENERATED: "
                        + Pattern.quote(name) + " -->)",
                Pattern.DOTALL);
    }

    static String current(String page, String name) {
        Matcher m = section(name).matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("docs/architecture.md has no generated section '" + name + "'");
        }
        return m.group(2);
    }

    static String replace(String page, String name, String body) {
        Matcher m = section(name).matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("docs/architecture.md has no generated section '" + name + "'");
        }
        return page.substring(0, m.start(2)) + body + page.substring(m.end(2));
    }

    /** "METHOD path" to the purpose written in a table of the page. */
    static Map<String, String> purposes(String section) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = ROW.matcher(section);
        while (m.find()) {
            out.put(m.group(1) + " " + m.group(2), m.group(3).strip());
        }
        return out;
    }

    static String apiTable(List<ApiCatalogue.Endpoint> endpoints, Map<String, String> purposes) {
        if (endpoints.isEmpty()) {
            return "None: the gateway routes every path a service answers.\n";
        }
        var out = new StringBuilder(
                "| method | path | service | roles | what it is for |\n| --- | --- | --- | --- | --- |\n");
        for (ApiCatalogue.Endpoint e : endpoints) {
            out.append("| ")
                    .append(e.method())
                    .append(" | `")
                    .append(e.path())
                    .append("` | ")
                    .append(e.module())
                    .append(" | ")
                    .append(ApiCatalogue.describe(e.roles()))
                    .append(" | ")
                    .append(purposes.getOrDefault(e.method() + " " + e.path(), ""))
                    .append(" |\n");
        }
        return out.toString();
    }

    static String eventTable(EventCatalogue catalogue) {
        var out = new StringBuilder("| stream | type | producer | consumers | payload (shared-contracts) |\n"
                + "| --- | --- | --- | --- | --- |\n");
        for (EventCatalogue.Event e : catalogue.events) {
            String payload = e.payload();
            out.append("| `")
                    .append(e.stream())
                    .append("` | `")
                    .append(e.type())
                    .append("` | ")
                    .append(String.join(", ", e.producers()))
                    .append(" | ")
                    .append(EventCatalogue.consumers(e))
                    .append(" | `")
                    .append(payload)
                    .append("(")
                    .append(catalogue.payloadFields.getOrDefault(payload, "?"))
                    .append(")` |\n");
        }
        return out.toString();
    }
}
