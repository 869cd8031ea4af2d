/**
 * Event payloads. Each is a record carrying the aggregate id; the envelope carries the event id, type,
 * time, tenant, correlation id and traceparent. A consumer maps the JSON onto its own copy or onto these.
 */
@NullMarked
package dev.berrys.contracts.events;

import org.jspecify.annotations.NullMarked;
