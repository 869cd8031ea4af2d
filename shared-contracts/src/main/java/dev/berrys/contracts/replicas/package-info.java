/** Plain-Java helpers that the servlet services (berrys-starter) and the WebFlux gateway both use. */
@NullMarked
package dev.berrys.contracts.replicas;

import org.jspecify.annotations.NullMarked;
