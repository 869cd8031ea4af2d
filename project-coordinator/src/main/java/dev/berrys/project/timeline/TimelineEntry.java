package dev.berrys.project.timeline;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.UUID;

/**
 * One event of a project's timeline.
 *
 * @param id the event id (the CloudEvent's)
 * @param type e.g. {@code task.completed}
 * @param stream the stream it was published on
 * @param time when it was published
 * @param data its payload, as JSON
 */
public record TimelineEntry(
        UUID id,
        String type,
        String stream,
        Instant time,
        @JsonRawValue String data) {}
