package dev.berrys.starter.events;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The CloudEvents attributes and Berrys extensions of an event being handled. */
public record EventMetadata(
        UUID id,
        String type,
        String source,
        String subject,
        Instant time,
        String tenant,
        @Nullable String correlationId,
        @Nullable String traceparent,
        String stream) {}
