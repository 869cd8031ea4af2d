@NullMarked
package dev.berrys.gateway.identity;

import org.jspecify.annotations.NullMarked;
