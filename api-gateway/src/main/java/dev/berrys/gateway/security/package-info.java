@NullMarked
package dev.berrys.gateway.security;

import org.jspecify.annotations.NullMarked;
