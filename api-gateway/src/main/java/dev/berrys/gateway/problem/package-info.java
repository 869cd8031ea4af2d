@NullMarked
package dev.berrys.gateway.problem;

import org.jspecify.annotations.NullMarked;
