/** planning-system: plans (versioned), tasks, dependencies, critical path, readiness, assignment, retries. */
@NullMarked
package dev.berrys.planning;

import org.jspecify.annotations.NullMarked;
