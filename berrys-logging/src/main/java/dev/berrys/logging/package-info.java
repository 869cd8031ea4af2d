/** The log format of every Berrys process, servlet or reactive. */
@NullMarked
package dev.berrys.logging;

import org.jspecify.annotations.NullMarked;
