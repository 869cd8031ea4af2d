/** service-integration: durable project-execution workflows, dead letters, the services' health. */
@NullMarked
package dev.berrys.workflow;

import org.jspecify.annotations.NullMarked;
