package dev.berrys.integration.deadletter.web;

import dev.berrys.starter.events.DeadLetters;
import dev.berrys.starter.security.Tenants;
import dev.berrys.starter.web.PageRequests;
import dev.berrys.starter.web.PageResponse;
import dev.berrys.starter.web.ProblemException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events that a consumer group gave up on: {@code GET /api/dead-letters} (the caller's tenant only, a page at
 * a time from the tenant's own dead-letter stream; letters whose event names no tenant are the platform
 * tenant's) and {@code POST /api/dead-letters/{id}/replay}, which puts the event back on its stream.
 */
@RestController
@RequestMapping("/api/dead-letters")
class DeadLetterController {
    private final DeadLetters deadLetters;
    private final JsonMapper json;

    DeadLetterController(DeadLetters deadLetters, JsonMapper json) {
        this.deadLetters = deadLetters;
        this.json = json;
    }

    record DeadLetterView(
            String id,
            String stream,
            String group,
            String type,
            @Nullable String eventId,
            long deliveries,
            String error,
            @Nullable Instant deadLetteredAt,
            @Nullable JsonNode event) {}

    @GetMapping
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    PageResponse<DeadLetterView> list(
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        PageRequests.of(page, size, Sort.unsorted());
        var mine = deadLetters.list(Tenants.require(), page, size);
        int pages = (int) ((mine.total() + size - 1) / size);
        return new PageResponse<>(mine.content().stream().map(this::view).toList(), page, size, mine.total(), pages);
    }

    @PostMapping("/{id}/replay")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    ResponseEntity<Void> replay(@PathVariable String id) {
        if (!id.matches("\\d+-\\d+")) {
            throw new ProblemException.BadRequest("id", "A dead-letter id looks like 1700000000000-0.");
        }
        if (!deadLetters.replay(Tenants.require(), id)) {
            throw new ProblemException.NotFound("dead letter", id);
        }
        return ResponseEntity.accepted().build();
    }

    private DeadLetterView view(DeadLetters.DeadLetter d) {
        JsonNode event = parse(d.event());
        return new DeadLetterView(
                d.id(),
                d.stream(),
                d.group(),
                event == null ? "" : event.path("type").asString(""),
                event == null ? null : event.path("id").asString(null),
                d.deliveries(),
                d.error(),
                d.deadLetteredAt(),
                event);
    }

    private @Nullable JsonNode parse(String raw) {
        try {
            return raw.isBlank() ? null : json.readTree(raw);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
