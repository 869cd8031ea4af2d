/** The request body limit at the gateway. */
@NullMarked
package dev.berrys.gateway.requestsize;

import org.jspecify.annotations.NullMarked;
