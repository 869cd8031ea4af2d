@NullMarked
package dev.berrys.agent;

import org.jspecify.annotations.NullMarked;
