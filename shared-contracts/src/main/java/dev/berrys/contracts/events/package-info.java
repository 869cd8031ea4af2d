/**
 * Event payloads. Each is a record carrying the aggregate id and declaring its event ({@link
 * dev.berrys.contracts.events.Event}: type, stream, version); {@link dev.berrys.contracts.events.EventCatalogue}
 * lists them. The envelope carries the event id, type, time, tenant, correlation id and traceparent.
 */
@NullMarked
package dev.berrys.contracts.events;

import org.jspecify.annotations.NullMarked;
