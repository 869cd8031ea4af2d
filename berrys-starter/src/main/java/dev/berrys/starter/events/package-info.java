@NullMarked
package dev.berrys.starter.events;

import org.jspecify.annotations.NullMarked;
