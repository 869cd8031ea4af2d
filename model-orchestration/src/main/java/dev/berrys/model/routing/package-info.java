@NullMarked
package dev.berrys.model.routing;

import org.jspecify.annotations.NullMarked;
