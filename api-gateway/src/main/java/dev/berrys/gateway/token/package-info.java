@NullMarked
package dev.berrys.gateway.token;

import org.jspecify.annotations.NullMarked;
