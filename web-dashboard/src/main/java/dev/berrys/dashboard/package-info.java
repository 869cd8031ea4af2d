@NullMarked
package dev.berrys.dashboard;

import org.jspecify.annotations.NullMarked;
