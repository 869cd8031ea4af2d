/** service-integration: durable project-execution workflows, dead letters, the services' health. */
@NullMarked
package dev.berrys.integration;

import org.jspecify.annotations.NullMarked;
