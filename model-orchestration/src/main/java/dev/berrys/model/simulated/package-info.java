@NullMarked
package dev.berrys.model.simulated;

import org.jspecify.annotations.NullMarked;
