/** How a token's claims are read: the same at the gateway and in every service. */
@NullMarked
package dev.berrys.contracts.security;

import org.jspecify.annotations.NullMarked;
