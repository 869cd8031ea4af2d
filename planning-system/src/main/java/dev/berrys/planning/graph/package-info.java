@NullMarked
package dev.berrys.planning.graph;

import org.jspecify.annotations.NullMarked;
