package dev.berrys.e2e.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/architecture.md}'s public API table and event catalogue are what the code says. Run with
 * {@code -Dberrys.docs.write=true} to rewrite them from the code (then write the purpose of any new path by
 * hand):
 * {@code ./mvnw -pl e2e-tests -am test -Dtest=ArchitectureDocTests -Dsurefire.failIfNoSpecifiedTests=false -Dberrys.docs.write=true}.
 */
class ArchitectureDocTests {
    static final Path ROOT =
            Path.of(System.getProperty("berrys.root", "..")).toAbsolutePath().normalize();
    static final Path PAGE = ROOT.resolve("docs/architecture.md");
    static final boolean WRITE = Boolean.getBoolean("berrys.docs.write");
    static final String HOW =
            "; rewrite the generated sections with -Dberrys.docs.write=true (see ArchitectureDocTests)";

    @Test
    void theApiTableListsEveryPathTheGatewayExposesWithItsRolesAndPurpose() throws IOException {
        var api = new ApiCatalogue(ROOT);
        String page = Files.readString(PAGE);
        String section = ArchitectureDoc.current(page, ArchitectureDoc.API);
        Map<String, String> purposes = ArchitectureDoc.purposes(section);
        String expected = ArchitectureDoc.apiTable(api.exposed, purposes);
        String notRouted = ArchitectureDoc.apiTable(api.notRouted, purposes);
        if (WRITE) {
            page = ArchitectureDoc.replace(page, ArchitectureDoc.API, expected);
            page = ArchitectureDoc.replace(page, ArchitectureDoc.NOT_ROUTED, notRouted);
            Files.writeString(PAGE, page);
            section = expected;
        }
        assertThat(api.exposed).as("endpoints found").hasSizeGreaterThan(50);
        assertThat(section).as("docs/architecture.md, public API" + HOW).isEqualTo(expected);
        assertThat(ArchitectureDoc.current(page, ArchitectureDoc.NOT_ROUTED))
                .as("docs/architecture.md, paths the gateway does not route" + HOW)
                .isEqualTo(notRouted);
        List<String> undocumented = ArchitectureDoc.purposes(expected + notRouted).entrySet().stream()
                .filter(row -> row.getValue().isBlank())
                .map(Map.Entry::getKey)
                .toList();
        assertThat(undocumented)
                .as("paths without a purpose: write it in the last column of docs/architecture.md")
                .isEmpty();
    }

    @Test
    void theEventCatalogueListsEveryEventWithItsStreamProducerConsumersAndPayload() throws IOException {
        var events = new EventCatalogue(ROOT);
        assertThat(events.problems)
                .as("events whose producer, stream or payload do not agree")
                .isEmpty();
        String page = Files.readString(PAGE);
        String expected = ArchitectureDoc.eventTable(events);
        if (WRITE) {
            Files.writeString(PAGE, ArchitectureDoc.replace(page, ArchitectureDoc.EVENTS, expected));
            page = Files.readString(PAGE);
        }
        assertThat(events.events).as("event types found").hasSizeGreaterThan(30);
        assertThat(ArchitectureDoc.current(page, ArchitectureDoc.EVENTS))
                .as("docs/architecture.md, event catalogue" + HOW)
                .isEqualTo(expected);
    }
}
