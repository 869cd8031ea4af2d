@NullMarked
package dev.berrys.model.usage;

import org.jspecify.annotations.NullMarked;
