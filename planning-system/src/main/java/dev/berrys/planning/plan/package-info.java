@NullMarked
package dev.berrys.planning.plan;

import org.jspecify.annotations.NullMarked;
