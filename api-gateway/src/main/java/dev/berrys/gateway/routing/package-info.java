@NullMarked
package dev.berrys.gateway.routing;

import org.jspecify.annotations.NullMarked;
