@NullMarked
package dev.berrys.model.budget;

import org.jspecify.annotations.NullMarked;
