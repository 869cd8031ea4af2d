@NullMarked
package dev.berrys.planning.planner;

import org.jspecify.annotations.NullMarked;
