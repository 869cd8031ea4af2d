@NullMarked
package dev.berrys.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
