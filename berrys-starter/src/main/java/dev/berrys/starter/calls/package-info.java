/**
 * Calls to other services and dependencies: which failures are outages (the dependency is down, not the
 * work wrong) and how long and how often a caller waits for it to come back.
 */
@NullMarked
package dev.berrys.starter.calls;

import org.jspecify.annotations.NullMarked;
