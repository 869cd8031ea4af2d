/** What crosses a service boundary: stream names, the event envelope and event payloads. */
@NullMarked
package dev.berrys.contracts;

import org.jspecify.annotations.NullMarked;
