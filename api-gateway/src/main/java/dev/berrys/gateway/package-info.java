/** The Berrys API gateway. */
@NullMarked
package dev.berrys.gateway;

import org.jspecify.annotations.NullMarked;
