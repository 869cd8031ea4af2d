package dev.berrys.starter.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A CloudEvents 1.0 structured-mode JSON event with the Berrys extensions {@code tenant},
 * {@code correlationid} and {@code traceparent}. Stored whole in the outbox and in the stream entry's
 * {@code event} field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record EventEnvelope(
        String specversion,
        String id,
        String source,
        String type,
        String time,
        String subject,
        String datacontenttype,
        String tenant,
        @Nullable String correlationid,
        @Nullable String traceparent,
        JsonNode data) {}
